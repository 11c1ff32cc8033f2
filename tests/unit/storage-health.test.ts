import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	onStorageProblems,
	repairStorage,
	watchPersistence,
	type StorageProblem
} from '../../src/lib/sync/storage-health.ts';

/** Makes every IndexedDB write abort as a full disk does: at commit, with QuotaExceededError. */
function fillTheDisk(): () => void {
	const add = Reflect.get<IDBObjectStore, 'add'>(IDBObjectStore.prototype, 'add');
	IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
		const request = Reflect.apply<
			IDBObjectStore,
			Parameters<IDBObjectStore['add']>,
			IDBRequest<IDBValidKey>
		>(add, this, args);
		// The write itself succeeds; the commit fails, as Chromium's quota check does.
		request.addEventListener('success', () => {
			const full = new DOMException('The disk is full.', 'QuotaExceededError');
			Object.defineProperty(request.transaction, 'error', { value: full });
			request.transaction?.abort();
		});
		return request;
	};
	return () => {
		IDBObjectStore.prototype.add = add;
	};
}

/** Resolves once `test` holds for the problems reported. */
function problemsWhere(test: (problems: readonly StorageProblem[]) => boolean) {
	return new Promise<readonly StorageProblem[]>((resolve) => {
		const stop = onStorageProblems((problems) => {
			if (!test(problems)) return;
			queueMicrotask(() => stop());
			resolve(problems);
		});
	});
}

const cleanup: (() => void)[] = [];
afterEach(() => {
	for (const step of cleanup.splice(0)) step();
});

describe('storage health (a full disk is reported, not swallowed)', () => {
	it('reports a write aborted for quota as storage.full, and a repair stores the whole document again', async () => {
		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence('full-disk', doc);
		cleanup.push(
			watchPersistence('full-disk', persistence, () => Y.encodeStateAsUpdate(doc)),
			() => doc.destroy()
		);
		await persistence.whenSynced;

		const roomAgain = fillTheDisk();
		cleanup.push(roomAgain);
		const reported = problemsWhere((problems) => problems.length > 0);
		doc.getText('note').insert(0, 'Written while the disk was full');
		const [problem] = await reported;
		expect(problem).toMatchObject({ code: 'storage.full', database: 'full-disk' });
		// Nothing typed is lost: the document still holds it in memory.
		expect(doc.getText('note').toJSON()).toBe('Written while the disk was full');

		roomAgain();
		const cleared = problemsWhere((problems) => problems.length === 0);
		expect(await repairStorage()).toBe(true);
		await cleared;

		// The repaired copy holds the text: a fresh document loads it from IndexedDB.
		const reloaded = new Y.Doc();
		const second = new IndexeddbPersistence('full-disk', reloaded);
		await second.whenSynced;
		expect(reloaded.getText('note').toJSON()).toBe('Written while the disk was full');
		await second.destroy();
	});

	it('reports other failed writes as storage.write-failed', async () => {
		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence('write-failed', doc);
		cleanup.push(
			watchPersistence('write-failed', persistence, () => Y.encodeStateAsUpdate(doc)),
			() => doc.destroy()
		);
		await persistence.whenSynced;
		const db = persistence.db;
		if (!db) throw new Error('not opened');
		const reported = problemsWhere((problems) =>
			problems.some((p) => p.database === 'write-failed')
		);
		db.transaction(['updates'], 'readwrite').abort();
		const problems = await reported;
		expect(problems.find((p) => p.database === 'write-failed')?.code).toBe('storage.write-failed');
	});
});
