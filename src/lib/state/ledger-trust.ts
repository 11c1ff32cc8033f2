import { api } from '$lib/api/api-client.ts';
import type { SignedLedgerEvent } from '$lib/sync/ledger-format.ts';
import {
	verifyLedger,
	type AuthorityPublicKey,
	type LedgerRejection
} from '$lib/sync/ledger-verify.ts';

const keysCache = 'tessera:authority-keys';

/** What the client knows of a group's ledger after checking every signature and link. */
export interface LedgerTrust {
	verified: readonly SignedLedgerEvent[];
	rejected: readonly { index: number; seq: number | undefined; reason: LedgerRejection }[];
	/** False while the keys could be fetched neither now nor earlier (first visit offline). */
	keysKnown: boolean;
}

/**
 * The authority's public keys: fetched from the server, kept for offline visits, and fetched
 * again when an event names a key we do not know yet (the key rotated).
 */
export async function authorityKeys(refresh = false): Promise<AuthorityPublicKey[] | undefined> {
	const cached = readCache();
	if (cached && !refresh) return cached;
	const result = await api.get<{ keys: AuthorityPublicKey[] }>('/api/authority/key');
	if (!result.ok) return cached;
	try {
		localStorage.setItem(keysCache, JSON.stringify(result.data.keys));
	} catch {
		// Without the cache the ledger is verified again once online.
	}
	return result.data.keys;
}

const headKey = (groupId: string) => `tessera:ledger-head:${groupId}`;

/**
 * Verifies the mirrored ledger; unknown keys trigger one refresh of the key list. The last
 * verified event is remembered, so that a later ledger that is shorter or rewritten is caught.
 */
export async function checkLedger(
	events: readonly unknown[],
	groupId: string
): Promise<LedgerTrust> {
	let keys = await authorityKeys();
	if (!keys) return { verified: [], rejected: [], keysKnown: false };
	const known = readHead(groupId);
	let result = await verifyLedger(events, keys, groupId, known);
	if (result.rejected[0]?.reason === 'unknown-key') {
		keys = (await authorityKeys(true)) ?? keys;
		result = await verifyLedger(events, keys, groupId, known);
	}
	const head = result.verified.at(-1);
	if (result.rejected.length === 0 && head) writeHead(groupId, { seq: head.seq, hash: head.hash });
	return { ...result, keysKnown: true };
}

function readHead(groupId: string): { seq: number; hash: string } | undefined {
	try {
		const raw = localStorage.getItem(headKey(groupId));
		return raw ? (JSON.parse(raw) as { seq: number; hash: string }) : undefined;
	} catch {
		return undefined;
	}
}

function writeHead(groupId: string, head: { seq: number; hash: string }): void {
	try {
		localStorage.setItem(headKey(groupId), JSON.stringify(head));
	} catch {
		// Without the remembered head, truncation is caught from the next successful check on.
	}
}

function readCache(): AuthorityPublicKey[] | undefined {
	try {
		const raw = localStorage.getItem(keysCache);
		return raw ? (JSON.parse(raw) as AuthorityPublicKey[]) : undefined;
	} catch {
		return undefined;
	}
}
