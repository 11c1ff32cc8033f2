import {
	createHash,
	createPrivateKey,
	generateKeyPairSync,
	sign,
	type KeyObject
} from 'node:crypto';
import { canonicalBody, type SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import type { AuthorityPublicKey } from '../../src/lib/sync/ledger-verify.ts';
import { tokenSigningInput } from '../../src/lib/sync/signed-token.ts';
import type { AuthorityStore, SigningKeyRecord, StoredLedgerEvent } from '../storage/types.ts';

/** A key id derived from the public key itself, so that an id can never name two keys. */
function keyIdOf(rawPublicKey: Buffer): string {
	return `ed25519-${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`;
}

function newKeyRecord(now: number): SigningKeyRecord {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
	return {
		id: keyIdOf(raw),
		publicKey: raw.toString('base64url'),
		privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
		createdAt: now,
		retiredAt: null
	};
}

/**
 * The authority's Ed25519 signing key. Keys rotate: a new key signs from then on, while every
 * key ever used stays published so that old events still verify.
 */
export class AuthoritySigner {
	readonly #store: AuthorityStore;
	#keys: SigningKeyRecord[];
	#current: { record: SigningKeyRecord; key: KeyObject };

	private constructor(store: AuthorityStore, keys: SigningKeyRecord[], current: SigningKeyRecord) {
		this.#store = store;
		this.#keys = keys;
		this.#current = { record: current, key: createPrivateKey(current.privateKey) };
	}

	/** Loads the active key, creating the first one on a new data directory. */
	static async load(store: AuthorityStore, now: number): Promise<AuthoritySigner> {
		let keys = await store.signingKeys();
		let active = keys.filter((key) => key.retiredAt === null).at(-1);
		if (!active) {
			active = newKeyRecord(now);
			await store.addSigningKey(active);
			keys = await store.signingKeys();
		}
		return new AuthoritySigner(store, keys, active);
	}

	/** Every public key, newest last, with the id of the one signing now. */
	publicKeys(): {
		current: string;
		keys: (AuthorityPublicKey & { createdAt: number; retiredAt: number | null })[];
	} {
		return {
			current: this.#current.record.id,
			keys: this.#keys.map((key) => ({
				id: key.id,
				publicKey: key.publicKey,
				createdAt: key.createdAt,
				retiredAt: key.retiredAt
			}))
		};
	}

	/** Retires the current key and starts signing with a new one. */
	async rotate(now: number): Promise<string> {
		const next = newKeyRecord(now);
		await this.#store.addSigningKey(next);
		await this.#store.retireSigningKey(this.#current.record.id, now);
		this.#keys = await this.#store.signingKeys();
		this.#current = { record: next, key: createPrivateKey(next.privateKey) };
		return next.id;
	}

	/**
	 * Signs a token that can be verified offline (license keys, device tokens); see
	 * src/lib/sync/signed-token.ts for the format.
	 */
	signToken(kind: string, payload: unknown): string {
		if (!/^[a-z-]+$/.test(kind)) throw new Error(`token kind must be lower-case letters: ${kind}`);
		const input = tokenSigningInput(kind, this.#current.record.id, payload);
		const signature = sign(null, Buffer.from(input), this.#current.key);
		return `${input}.${signature.toString('base64url')}`;
	}

	/** Signs the next event of a group's chain (async in shape, for a signer behind a network). */
	sign(
		groupId: string,
		previous: { seq: number; hash: string },
		at: number,
		payload: unknown
	): Promise<{ event: SignedLedgerEvent; stored: StoredLedgerEvent }> {
		const body = {
			v: 1 as const,
			groupId,
			seq: previous.seq + 1,
			prevHash: previous.hash,
			at,
			keyId: this.#current.record.id,
			payload
		};
		const bytes = canonicalBody(body);
		// The same hex SHA-256 and unpadded base64url as ledger-format.ts computes in browsers, but
		// synchronously: WebCrypto's digest is a round trip through the thread pool per event.
		const hash = createHash('sha256').update(bytes).digest('hex');
		const signature = sign(null, bytes, this.#current.key).toString('base64url');
		const event: SignedLedgerEvent = { ...body, hash, signature };
		return Promise.resolve({
			event,
			stored: { groupId, seq: body.seq, hash, body: new TextDecoder().decode(bytes), signature }
		});
	}
}

/** Rebuilds the signed event from its stored form. */
export function eventFromStored(stored: StoredLedgerEvent): SignedLedgerEvent {
	const body = JSON.parse(stored.body) as Omit<SignedLedgerEvent, 'hash' | 'signature'>;
	return { ...body, hash: stored.hash, signature: stored.signature };
}
