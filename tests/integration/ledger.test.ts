import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthoritySigner, eventFromStored } from '../../server/authority/authority-signer.ts';
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import type { Storage } from '../../server/storage/types.ts';
import { genesisHash, type SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import { verifyLedger } from '../../src/lib/sync/ledger-verify.ts';
import { verifyToken } from '../../src/lib/sync/signed-token.ts';
import { nth } from '../helpers/nth.ts';

let dir: string;
let storage: Storage;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'tessera-ledger-'));
	storage = createSqliteStorage(dir);
});
afterEach(() => {
	storage.close();
	rmSync(dir, { recursive: true, force: true });
});

async function appendEvents(signer: AuthoritySigner, groupId: string, count: number) {
	let previous = { seq: 0, hash: genesisHash };
	const last = await storage.authority.lastLedgerEvent(groupId);
	if (last) previous = { seq: last.seq, hash: last.hash };
	for (let i = 0; i < count; i++) {
		const { stored } = await signer.sign(groupId, previous, 1_800_000_000_000 + i, {
			type: 'payment.recorded',
			amount: 1000 * (i + 1)
		});
		await storage.authority.commitAuthority({ ledger: [stored], documents: [] });
		previous = { seq: stored.seq, hash: stored.hash };
	}
	return (await storage.authority.ledger(groupId)).map(eventFromStored);
}

describe('the signed ledger', () => {
	it('verifies a chain signed by the authority, in Node with WebCrypto', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		const events = await appendEvents(signer, 'g1', 5);
		const result = await verifyLedger(events, signer.publicKeys().keys, 'g1');
		expect(result.verified.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(result.rejected).toEqual([]);
	});

	it('keeps verifying old events after the key rotates', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		await appendEvents(signer, 'g1', 2);
		const oldKey = signer.publicKeys().current;
		const newKey = await signer.rotate(1);
		const events = await appendEvents(signer, 'g1', 2);
		expect(events.map((event) => event.keyId)).toEqual([oldKey, oldKey, newKey, newKey]);
		expect((await verifyLedger(events, signer.publicKeys().keys, 'g1')).verified).toHaveLength(4);
		// A reloaded signer (after a restart) signs with the new key and still knows the old one.
		const reloaded = await AuthoritySigner.load(storage.authority, 2);
		expect(reloaded.publicKeys().current).toBe(newKey);
		expect(reloaded.publicKeys().keys.map((key) => key.id)).toEqual([oldKey, newKey]);
	});

	it('rejects a tampered payload, a forged signature, a reordering and a foreign group', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		const events = await appendEvents(signer, 'g1', 4);
		const keys = signer.publicKeys().keys;
		const tampered: SignedLedgerEvent[] = events.map((event) => ({ ...event }));
		tampered[1] = { ...nth(events, 1), payload: { type: 'payment.recorded', amount: 1 } };
		expect((await verifyLedger(tampered, keys, 'g1')).rejected[0]).toEqual({
			index: 1,
			seq: 2,
			reason: 'hash'
		});

		const forged = events.map((event) => ({ ...event }));
		forged[2] = { ...nth(events, 2), signature: nth(events, 3).signature };
		expect((await verifyLedger(forged, keys, 'g1')).rejected[0]?.reason).toBe('signature');

		const reordered = [nth(events, 0), nth(events, 2), nth(events, 1), nth(events, 3)];
		const result = await verifyLedger(reordered, keys, 'g1');
		expect(result.verified).toHaveLength(1);
		expect(result.rejected.map((r) => r.reason)).toEqual([
			'sequence',
			'after-break',
			'after-break'
		]);

		expect((await verifyLedger(events, keys, 'g2')).rejected[0]?.reason).toBe('wrong-group');
	});

	it('refuses an event signed by a key the authority never published', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		const events = await appendEvents(signer, 'g1', 1);
		const otherDir = mkdtempSync(join(tmpdir(), 'tessera-ledger-other-'));
		const other = createSqliteStorage(otherDir);
		try {
			const impostor = await AuthoritySigner.load(other.authority, 0);
			const { event } = await impostor.sign('g1', { seq: 1, hash: nth(events, 0).hash }, 5, {
				type: 'x'
			});
			const result = await verifyLedger([...events, event], signer.publicKeys().keys, 'g1');
			expect(result.rejected).toEqual([{ index: 1, seq: 2, reason: 'unknown-key' }]);
		} finally {
			other.close();
			rmSync(otherDir, { recursive: true, force: true });
		}
	});

	it('refuses a second event with a sequence number already taken, changing nothing', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		await appendEvents(signer, 'g1', 2);
		const { stored } = await signer.sign('g1', { seq: 1, hash: genesisHash }, 9, { type: 'dup' });
		await expect(
			storage.authority.commitAuthority({
				ledger: [stored],
				documents: [{ name: 'group:g1:authority', update: new Uint8Array([0, 0]) }]
			})
		).rejects.toThrow();
		expect(await storage.authority.ledger('g1')).toHaveLength(2);
		expect(await storage.documents.loadDocument('group:g1:authority')).toEqual([]);
	});
});

describe('tokens verifiable offline', () => {
	it('P8 a signed license key verifies with the published key and fails when altered', async () => {
		const signer = await AuthoritySigner.load(storage.authority, 0);
		const token = signer.signToken('license-key', { groupId: 'g1', seats: { designer: 12 } });
		const keys = signer.publicKeys().keys;
		const checked = await verifyToken<{ seats: Record<string, number> }>(
			token,
			'license-key',
			keys
		);
		expect(checked.ok && checked.token.payload.seats.designer).toBe(12);
		const [kind, keyId, , signature] = token.split('.');
		const forgedPayload = Buffer.from(
			JSON.stringify({ groupId: 'g1', seats: { designer: 99 } })
		).toString('base64url');
		const forged = [kind, keyId, forgedPayload, signature].join('.');
		expect(await verifyToken(forged, 'license-key', keys)).toEqual({
			ok: false,
			reason: 'signature'
		});
		expect(await verifyToken(token, 'device', keys)).toEqual({ ok: false, reason: 'wrong-kind' });
		expect(await verifyToken('nonsense', 'license-key', keys)).toEqual({
			ok: false,
			reason: 'malformed'
		});
	});
});
