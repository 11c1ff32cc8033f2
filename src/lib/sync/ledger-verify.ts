import * as v from 'valibot';
import {
	canonicalBody,
	fromBase64Url,
	genesisHash,
	sha256Hex,
	type SignedLedgerEvent
} from './ledger-format.ts';

/** A public key of the authority, as `GET /api/authority/key` publishes it. */
export interface AuthorityPublicKey {
	id: string;
	/** The raw 32-byte Ed25519 public key, base64url. */
	publicKey: string;
}

/** Why an event was not trusted. */
export type LedgerRejection =
	| 'truncated'
	| 'rewritten'
	| 'malformed'
	| 'wrong-group'
	| 'sequence'
	| 'chain'
	| 'hash'
	| 'unknown-key'
	| 'signature'
	| 'after-break';

export interface LedgerVerification {
	/** The longest prefix of the ledger whose every link and signature checks out. */
	verified: SignedLedgerEvent[];
	/** Everything after the first failure, with the reason (`after-break` for later events). */
	rejected: { index: number; seq: number | undefined; reason: LedgerRejection }[];
}

const EventShape = v.object({
	v: v.literal(1),
	groupId: v.string(),
	seq: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
	prevHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
	at: v.pipe(v.number(), v.safeInteger()),
	keyId: v.string(),
	payload: v.unknown(),
	hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
	signature: v.string()
});

/**
 * Verifies a group's ledger in order: shape, sequence without gaps, each event linked to the
 * previous one's hash, the hash recomputed from the canonical body, and the Ed25519 signature
 * with the key it names. Trust stops at the first failure: a chain whose link is broken cannot
 * vouch for the order of what follows, so later events are reported as `after-break`.
 */
export async function verifyLedger(
	events: readonly unknown[],
	keys: readonly AuthorityPublicKey[],
	groupId: string,
	/**
	 * The last event this client verified before. A chain cut at its end is still a valid chain,
	 * so only memory of an earlier, longer one reveals a truncation or a rewritten history.
	 */
	knownHead?: { seq: number; hash: string }
): Promise<LedgerVerification> {
	const result = await verifyChain(events, keys, groupId);
	if (!knownHead || result.rejected.length > 0) return result;
	const atHead = result.verified[knownHead.seq - 1];
	if (!atHead) {
		return {
			verified: result.verified,
			rejected: [{ index: result.verified.length, seq: knownHead.seq, reason: 'truncated' }]
		};
	}
	if (atHead.hash !== knownHead.hash) {
		return {
			verified: result.verified.slice(0, knownHead.seq - 1),
			rejected: [{ index: knownHead.seq - 1, seq: knownHead.seq, reason: 'rewritten' }]
		};
	}
	return result;
}

async function verifyChain(
	events: readonly unknown[],
	keys: readonly AuthorityPublicKey[],
	groupId: string
): Promise<LedgerVerification> {
	const keyCache = new Map<string, CryptoKey | null>();
	const verified: SignedLedgerEvent[] = [];
	let previousHash = genesisHash;
	for (const [index, raw] of events.entries()) {
		const reason = await checkEvent(raw, { groupId, seq: index + 1, previousHash, keys, keyCache });
		if (reason) {
			return {
				verified,
				rejected: events.slice(index).map((event, offset) => ({
					index: index + offset,
					seq: seqOf(event),
					reason: offset === 0 ? reason : 'after-break'
				}))
			};
		}
		const event = raw as SignedLedgerEvent;
		verified.push(event);
		previousHash = event.hash;
	}
	return { verified, rejected: [] };
}

interface Expectation {
	groupId: string;
	seq: number;
	previousHash: string;
	keys: readonly AuthorityPublicKey[];
	keyCache: Map<string, CryptoKey | null>;
}

async function checkEvent(
	raw: unknown,
	expected: Expectation
): Promise<LedgerRejection | undefined> {
	const parsed = v.safeParse(EventShape, raw);
	if (!parsed.success) return 'malformed';
	const event = parsed.output;
	if (event.groupId !== expected.groupId) return 'wrong-group';
	if (event.seq !== expected.seq) return 'sequence';
	if (event.prevHash !== expected.previousHash) return 'chain';
	let body: Uint8Array;
	try {
		body = canonicalBody(event);
	} catch {
		return 'malformed';
	}
	if ((await sha256Hex(body)) !== event.hash) return 'hash';
	const key = await importKey(event.keyId, expected.keys, expected.keyCache);
	if (!key) return 'unknown-key';
	const signature = fromBase64Url(event.signature);
	if (!signature || signature.length !== 64) return 'signature';
	const valid = await crypto.subtle.verify(
		'Ed25519',
		key,
		signature,
		body as Uint8Array<ArrayBuffer>
	);
	return valid ? undefined : 'signature';
}

async function importKey(
	keyId: string,
	keys: readonly AuthorityPublicKey[],
	cache: Map<string, CryptoKey | null>
): Promise<CryptoKey | null> {
	if (cache.has(keyId)) return cache.get(keyId) ?? null;
	const raw = fromBase64Url(keys.find((key) => key.id === keyId)?.publicKey ?? '');
	let key: CryptoKey | null = null;
	if (raw?.length === 32) {
		try {
			key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
		} catch {
			key = null;
		}
	}
	cache.set(keyId, key);
	return key;
}

function seqOf(event: unknown): number | undefined {
	const seq = (event as { seq?: unknown } | null)?.seq;
	return typeof seq === 'number' ? seq : undefined;
}
