import type { Awareness } from 'y-protocols/awareness';

/** Another admin at work on the same group, as the server vouches for them. */
export interface Presence {
	clientId: number;
	userId: string;
	name: string;
	color: string;
	/** The member whose record they are editing, if any. */
	editing: string | null;
}

/**
 * The other admins present, one entry per person (several tabs of one admin show once).
 * The identity comes from the server, which overwrites whatever a client claims.
 */
export function readPresence(awareness: Awareness): Presence[] {
	const byUser = new Map<string, Presence>();
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
		if (typeof user?.id !== 'string' || typeof user.name !== 'string') continue;
		const editing = (state as { editing?: unknown }).editing;
		const presence: Presence = {
			clientId,
			userId: user.id,
			name: user.name,
			color: typeof user.color === 'string' ? user.color : 'gray',
			editing: typeof editing === 'string' ? editing : null
		};
		const known = byUser.get(user.id);
		if (!known || (!known.editing && presence.editing)) byUser.set(user.id, presence);
	}
	return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Tells the others which member this admin is editing (null: none). */
export function announceEditing(awareness: Awareness, memberId: string | null): void {
	awareness.setLocalStateField('editing', memberId);
}
