import canonicalize from 'canonicalize';
import { fromBase64Url, toBase64Url } from './ledger-format.ts';
import type { AuthorityPublicKey } from './ledger-verify.ts';

/**
 * Tokens the authority signs for use without the network: license keys (P8) and device
 * tokens (D1). The format is `<kind>.<keyId>.<payload>.<signature>`, payload being the RFC 8785
 * canonical JSON (base64url) and the signature Ed25519 over the bytes `<kind>.<keyId>.<payload>`.
 */
export interface SignedToken<T> {
	kind: string;
	keyId: string;
	payload: T;
}

/** The bytes a token's signature covers (shared by signer and verifier). */
export function tokenSigningInput(kind: string, keyId: string, payload: unknown): string {
	const json = canonicalize(payload);
	if (json === undefined) throw new Error('token payload cannot be canonicalised');
	return `${kind}.${keyId}.${toBase64Url(new TextEncoder().encode(json))}`;
}

/** Why a token was not accepted. */
export type TokenRejection = 'malformed' | 'wrong-kind' | 'unknown-key' | 'signature';

/**
 * Verifies a token offline with the authority's published keys (WebCrypto, Node or browser).
 * Returns the payload, or why it was refused.
 */
export async function verifyToken<T>(
	token: string,
	expectedKind: string,
	keys: readonly AuthorityPublicKey[]
): Promise<{ ok: true; token: SignedToken<T> } | { ok: false; reason: TokenRejection }> {
	const parts = token.split('.');
	if (parts.length !== 4) return { ok: false, reason: 'malformed' };
	const [kind = '', keyId = '', payloadPart = '', signaturePart = ''] = parts;
	if (kind !== expectedKind) return { ok: false, reason: 'wrong-kind' };
	const payloadBytes = fromBase64Url(payloadPart);
	const signature = fromBase64Url(signaturePart);
	if (!payloadBytes || signature?.length !== 64) return { ok: false, reason: 'malformed' };
	let payload: T;
	try {
		payload = JSON.parse(new TextDecoder().decode(payloadBytes)) as T;
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	const raw = fromBase64Url(keys.find((key) => key.id === keyId)?.publicKey ?? '');
	if (raw?.length !== 32) return { ok: false, reason: 'unknown-key' };
	const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
	const signed = new TextEncoder().encode(`${kind}.${keyId}.${payloadPart}`);
	const valid = await crypto.subtle.verify('Ed25519', key, signature, signed);
	return valid ? { ok: true, token: { kind, keyId, payload } } : { ok: false, reason: 'signature' };
}
