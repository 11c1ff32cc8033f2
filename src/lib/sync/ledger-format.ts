import canonicalize from 'canonicalize';

/**
 * The signed ledger's wire format, shared by the server that signs and every client that
 * verifies. An event's *body* is serialised with RFC 8785 (JSON Canonicalization Scheme), so that
 * the bytes signed and hashed are the same in Node and in every browser, whatever key order a
 * JSON value happens to have.
 */
export interface LedgerEventBody {
	/** Format version. */
	v: 1;
	groupId: string;
	/** 1, 2, 3 … without gaps, per group. */
	seq: number;
	/** The previous event's `hash`; {@link genesisHash} for the first event of a group. */
	prevHash: string;
	/** When the authority appended it (epoch ms). */
	at: number;
	/** Which authority key signed it (keys can rotate). */
	keyId: string;
	/** The domain's ledger payload (`LedgerPayload`), opaque to the format. */
	payload: unknown;
}

/** A body with its hash (SHA-256 of the canonical body, hex) and Ed25519 signature (base64url). */
export interface SignedLedgerEvent extends LedgerEventBody {
	hash: string;
	signature: string;
}

/** The `prevHash` of a group's first event. */
export const genesisHash = '0'.repeat(64);

/** The exact bytes that are hashed and signed. */
export function canonicalBody(body: LedgerEventBody): Uint8Array {
	const text = canonicalize({
		v: body.v,
		groupId: body.groupId,
		seq: body.seq,
		prevHash: body.prevHash,
		at: body.at,
		keyId: body.keyId,
		payload: body.payload
	});
	if (text === undefined) throw new Error('ledger body cannot be canonicalised');
	return new TextEncoder().encode(text);
}

/** SHA-256 as lower-case hex, with WebCrypto (the same in Node and browsers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes canonical, unpadded base64url; any other text (even one atob would take) is undefined. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	// atob ignores the unused low bits of the last character, so several texts decode to the
	// same bytes; only the canonical one is accepted, or a stored signature could be altered
	// without the verification noticing (found by the long tamper sweep, seed 777).
	return toBase64Url(bytes) === text ? bytes : undefined;
}
