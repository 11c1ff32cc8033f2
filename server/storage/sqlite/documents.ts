import type { DatabaseSync } from 'node:sqlite';
import type { DocumentStore } from '../types.ts';

const prepareStatements = (db: DatabaseSync) => ({
	load: db.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq'),
	nextSeq: db.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM doc_updates WHERE doc = ?'),
	insert: db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)'),
	deleteAll: db.prepare('DELETE FROM doc_updates WHERE doc = ?'),
	stats: db.prepare(
		'SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM doc_updates WHERE doc = ?'
	)
});

/**
 * Yjs documents as append-only update rows. Appends of one batch share a transaction, so a flush
 * costs one commit however many clients wrote; compaction swaps all rows for one snapshot.
 */
export class SqliteDocumentStore implements DocumentStore {
	readonly #db: DatabaseSync;
	readonly #s: ReturnType<typeof prepareStatements>;
	/** Next sequence number per document, cached so an append does not query max(seq). */
	readonly #nextSeq = new Map<string, number>();

	constructor(db: DatabaseSync) {
		this.#db = db;
		this.#s = prepareStatements(db);
	}

	loadDocument(name: string): Promise<Uint8Array[]> {
		const rows = this.#s.load.all(name) as { data: Uint8Array }[];
		return Promise.resolve(rows.map((row) => row.data));
	}

	appendUpdates(batch: readonly { name: string; update: Uint8Array }[]): Promise<void> {
		if (batch.length === 0) return Promise.resolve();
		const assigned = new Map<string, number>();
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			for (const { name, update } of batch) {
				const seq = assigned.get(name) ?? this.#seqFor(name);
				this.#s.insert.run(name, seq, update);
				assigned.set(name, seq + 1);
			}
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		for (const [name, next] of assigned) this.#nextSeq.set(name, next);
		return Promise.resolve();
	}

	compactDocument(name: string, snapshot: Uint8Array): Promise<void> {
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			this.#s.deleteAll.run(name);
			this.#s.insert.run(name, 1, snapshot);
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		this.#nextSeq.set(name, 2);
		return Promise.resolve();
	}

	documentStats(name: string): Promise<{ updates: number; bytes: number }> {
		const row = this.#s.stats.get(name) as { updates: number; bytes: number };
		return Promise.resolve({ updates: row.updates, bytes: row.bytes });
	}

	#seqFor(name: string): number {
		const cached = this.#nextSeq.get(name);
		if (cached !== undefined) return cached;
		const row = this.#s.nextSeq.get(name) as { next: number };
		return row.next;
	}
}
