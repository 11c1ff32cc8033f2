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

/** Verifies the mirrored ledger; unknown keys trigger one refresh of the key list. */
export async function checkLedger(
	events: readonly unknown[],
	groupId: string
): Promise<LedgerTrust> {
	let keys = await authorityKeys();
	if (!keys) return { verified: [], rejected: [], keysKnown: false };
	let result = await verifyLedger(events, keys, groupId);
	if (result.rejected[0]?.reason === 'unknown-key') {
		keys = (await authorityKeys(true)) ?? keys;
		result = await verifyLedger(events, keys, groupId);
	}
	return { ...result, keysKnown: true };
}

function readCache(): AuthorityPublicKey[] | undefined {
	try {
		const raw = localStorage.getItem(keysCache);
		return raw ? (JSON.parse(raw) as AuthorityPublicKey[]) : undefined;
	} catch {
		return undefined;
	}
}
