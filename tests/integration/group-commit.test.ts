import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import type { AuthorityCommit, Storage } from '../../server/storage/types.ts';

const event = (groupId: string, seq: number) => ({
	groupId,
	seq,
	hash: `hash-${groupId}-${seq}`,
	body: `{"seq":${seq}}`,
	signature: 'signature'
});

const commit = (groupId: string, seq: number, update: number): AuthorityCommit => ({
	ledger: [event(groupId, seq)],
	documents: [{ name: `${groupId}/authority`, update: new Uint8Array([update]) }]
});

describe('group commit of the authority', () => {
	let dir: string;
	let storage: Storage;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'tessera-group-commit-'));
		storage = createSqliteStorage(dir);
	});

	afterEach(() => {
		storage.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('commits requested in one turn share a transaction, yet a failing one changes nothing and fails alone', async () => {
		const { authority, documents } = storage;
		const results = await Promise.allSettled([
			authority.commitAuthority(commit('g1', 1, 1)),
			// The same sequence number: refused, and its document row is not stored either.
			authority.commitAuthority(commit('g1', 1, 2)),
			authority.commitAuthority(commit('g2', 1, 3)),
			// A second commit to g1's document in the same transaction takes the next row.
			authority.commitAuthority(commit('g1', 2, 4))
		]);
		expect(results.map((result) => result.status)).toEqual([
			'fulfilled',
			'rejected',
			'fulfilled',
			'fulfilled'
		]);
		expect((await authority.ledger('g1')).map((stored) => stored.seq)).toEqual([1, 2]);
		expect(await documents.loadDocument('g1/authority')).toEqual([
			new Uint8Array([1]),
			new Uint8Array([4])
		]);
		expect(await documents.loadDocument('g2/authority')).toEqual([new Uint8Array([3])]);
		// The cached row numbers follow what was committed: the next append takes row 3.
		await documents.appendUpdates([{ name: 'g1/authority', update: new Uint8Array([5]) }]);
		expect(await documents.documentStats('g1/authority')).toMatchObject({ updates: 3 });
	});

	it('a commit queued when the storage closes is written before it closes', async () => {
		const pending = storage.authority.commitAuthority(commit('g3', 1, 9));
		storage.close();
		await pending;
		storage = createSqliteStorage(dir);
		expect((await storage.authority.ledger('g3')).map((stored) => stored.seq)).toEqual([1]);
	});
});
