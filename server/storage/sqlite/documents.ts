import type { DatabaseSync } from 'node:sqlite';
import type { DocumentStore, DocumentWrite } from '../types.ts';

const prepareStatements = (db: DatabaseSync) => ({
	load: db.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq'),
	nextSeq: db.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM doc_updates WHERE doc = ?'),
	insert: db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)'),
	deleteAll: db.prepare('DELETE FROM doc_updates WHERE doc = ?'),
	owners: db.prepare('SELECT client_id, user_id FROM doc_clients WHERE doc = ?'),
	insertOwner: db.prepare(
		'INSERT OR IGNORE INTO doc_clients (doc, client_id, user_id) VALUES (?, ?, ?)'
	),
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

	appendUpdates(batch: readonly DocumentWrite[]): Promise<void> {
		if (batch.length === 0) return Promise.resolve();
		this.#db.exec('BEGIN IMMEDIATE');
		let assigned: Map<string, number>;
		try {
			assigned = this.insertWithinTransaction(batch);
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		this.confirmCommitted(assigned);
		return Promise.resolve();
	}

	/**
	 * Inserts rows inside a transaction the caller opened (the authority's commit shares one
	 * transaction with the ledger). Returns the next sequence numbers to confirm after COMMIT.
	 * `earlier` holds the numbers already taken by earlier writes of the same open transaction
	 * (a group commit holds several authority commits), which the cache does not know yet.
	 */
	insertWithinTransaction(
		batch: readonly DocumentWrite[],
		earlier: ReadonlyMap<string, number> = new Map()
	): Map<string, number> {
		const assigned = new Map<string, number>();
		for (const { name, update, newClients } of batch) {
			const seq = assigned.get(name) ?? earlier.get(name) ?? this.#seqFor(name);
			this.#s.insert.run(name, seq, update);
			assigned.set(name, seq + 1);
			for (const owner of newClients ?? []) {
				this.#s.insertOwner.run(name, owner.clientId, owner.userId);
			}
		}
		return assigned;
	}

	clientOwners(name: string): Promise<Map<number, string>> {
		const rows = this.#s.owners.all(name) as unknown as { client_id: number; user_id: string }[];
		return Promise.resolve(new Map(rows.map((row) => [row.client_id, row.user_id])));
	}

	/** Records the sequence numbers of a committed transaction (never of a rolled-back one). */
	confirmCommitted(assigned: Map<string, number>): void {
		for (const [name, next] of assigned) this.#nextSeq.set(name, next);
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
