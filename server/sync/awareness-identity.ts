import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Who a connection belongs to, as the session says; what awareness states must carry. */
export interface PresenceIdentity {
	id: string;
	name: string;
	color: string;
}

interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: unknown;
}

function decodeEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
	}
	return entries;
}

function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}

/**
 * Rewrites an awareness update so that every state carries the session's identity in `user`,
 * whatever the client claimed, and drops entries for client ids that another connection owns.
 * Returns the rewritten update and the client ids it speaks for, or undefined when the bytes
 * are not a well-formed awareness update.
 */
export function rewriteAwareness(
	update: Uint8Array,
	identity: PresenceIdentity,
	isOwnedByOther: (clientId: number) => boolean
): { update: Uint8Array; clientIds: number[] } | undefined {
	let entries: AwarenessEntry[];
	try {
		entries = decodeEntries(update);
	} catch {
		return undefined;
	}
	const kept = entries
		.filter((entry) => !isOwnedByOther(entry.clientId))
		.map((entry) => ({ ...entry, state: withIdentity(entry.state, identity) }));
	return { update: encodeEntries(kept), clientIds: kept.map((entry) => entry.clientId) };
}

function withIdentity(state: unknown, identity: PresenceIdentity): unknown {
	// null means "this client left"; keep it so that presence disappears at once.
	if (state === null) return null;
	const base = typeof state === 'object' && !Array.isArray(state) ? state : {};
	return { ...base, user: { ...identity } };
}

/** A stable colour per user, so an admin keeps the same avatar colour on every screen. */
export function colorFor(userId: string): string {
	let hash = 0;
	for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
	return `hsl(${hash % 360} 65% 45%)`;
}
