import type { DatabaseSync } from 'node:sqlite';
import type {
	AuthorityCommit,
	AuthorityStore,
	IdempotencyRecord,
	OutboxRecord,
	SigningKeyRecord,
	StoredLedgerEvent
} from '../types.ts';
import type { SqliteDocumentStore } from './documents.ts';

const prepareStatements = (db: DatabaseSync) => ({
	keys: db.prepare('SELECT * FROM authority_keys ORDER BY created_at'),
	insertKey: db.prepare(
		'INSERT INTO authority_keys (id, public_key, private_key, created_at, retired_at) VALUES (?, ?, ?, ?, ?)'
	),
	retireKey: db.prepare(
		'UPDATE authority_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL'
	),
	ledger: db.prepare(
		'SELECT group_id, seq, hash, body, signature FROM ledger_events WHERE group_id = ? AND seq > ? ORDER BY seq'
	),
	last: db.prepare(
		'SELECT group_id, seq, hash, body, signature FROM ledger_events WHERE group_id = ? ORDER BY seq DESC LIMIT 1'
	),
	insertEvent: db.prepare(
		'INSERT INTO ledger_events (group_id, seq, hash, body, signature) VALUES (?, ?, ?, ?, ?)'
	),
	insertEmail: db.prepare(
		`INSERT INTO outbox (id, group_id, kind, recipient_role, recipient_member_id, recipient_email, params, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	),
	unsent: db.prepare('SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ?'),
	outbox: db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?'),
	markSent: db.prepare(
		'UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?'
	),
	markFailed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?'),
	insertIdempotency: db.prepare(
		`INSERT INTO idempotency_keys (user_id, key, group_id, request_hash, status, response, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	),
	idempotency: db.prepare('SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?')
});

interface IdempotencyRow {
	user_id: string;
	key: string;
	group_id: string;
	request_hash: string;
	status: number;
	response: string;
	created_at: number;
}

interface EmailRow {
	id: string;
	group_id: string | null;
	kind: string;
	recipient_role: string;
	recipient_member_id: string | null;
	recipient_email: string | null;
	params: string;
	created_at: number;
	sent_at: number | null;
	attempts: number;
	last_error: string | null;
}

const toEmail = (row: EmailRow): OutboxRecord => ({
	id: row.id,
	groupId: row.group_id,
	kind: row.kind,
	recipient: {
		role: row.recipient_role,
		memberId: row.recipient_member_id,
		email: row.recipient_email
	},
	params: JSON.parse(row.params) as OutboxRecord['params'],
	createdAt: row.created_at,
	sentAt: row.sent_at,
	attempts: row.attempts,
	lastError: row.last_error
});

interface EventRow {
	group_id: string;
	seq: number;
	hash: string;
	body: string;
	signature: string;
}

const toEvent = (row: EventRow): StoredLedgerEvent => ({
	groupId: row.group_id,
	seq: row.seq,
	hash: row.hash,
	body: row.body,
	signature: row.signature
});

/** A commit waiting for its group commit, with the promise to settle once it is on disk. */
interface QueuedCommit {
	commit: AuthorityCommit;
	resolve: () => void;
	reject: (error: Error) => void;
}

/** Signing keys and the ledger on SQLite; the commit shares one transaction with documents. */
export class SqliteAuthorityStore implements AuthorityStore {
	readonly #db: DatabaseSync;
	readonly #documents: SqliteDocumentStore;
	readonly #s: ReturnType<typeof prepareStatements>;
	/** Commits waiting for the next group commit, in the order they were asked for. */
	#queued: QueuedCommit[] = [];

	constructor(db: DatabaseSync, documents: SqliteDocumentStore) {
		this.#db = db;
		this.#documents = documents;
		this.#s = prepareStatements(db);
	}

	signingKeys(): Promise<SigningKeyRecord[]> {
		const rows = this.#s.keys.all() as unknown as {
			id: string;
			public_key: string;
			private_key: string;
			created_at: number;
			retired_at: number | null;
		}[];
		return Promise.resolve(
			rows.map((row) => ({
				id: row.id,
				publicKey: row.public_key,
				privateKey: row.private_key,
				createdAt: row.created_at,
				retiredAt: row.retired_at
			}))
		);
	}

	addSigningKey(key: SigningKeyRecord): Promise<void> {
		this.#s.insertKey.run(key.id, key.publicKey, key.privateKey, key.createdAt, key.retiredAt);
		return Promise.resolve();
	}

	retireSigningKey(id: string, at: number): Promise<void> {
		this.#s.retireKey.run(at, id);
		return Promise.resolve();
	}

	ledger(groupId: string, afterSeq = 0): Promise<StoredLedgerEvent[]> {
		const rows = this.#s.ledger.all(groupId, afterSeq) as unknown as EventRow[];
		return Promise.resolve(rows.map(toEvent));
	}

	lastLedgerEvent(groupId: string): Promise<StoredLedgerEvent | undefined> {
		const row = this.#s.last.get(groupId) as unknown as EventRow | undefined;
		return Promise.resolve(row && toEvent(row));
	}

	/**
	 * Queues the commit for the next group commit (see `#flush`): it resolves once the
	 * transaction holding it is on disk, and rejects, changing nothing, when its own rows fail.
	 */
	commitAuthority(commit: AuthorityCommit): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#queued.push({ commit, resolve, reject });
			if (this.#queued.length === 1) setImmediate(this.#flush);
		});
	}

	/** Writes every queued commit now (the storage is closing). */
	drain(): void {
		if (this.#queued.length > 0) this.#flush();
	}

	/**
	 * Group commit. A fully synchronous commit costs an fsync (milliseconds, on the event loop),
	 * so the commits queued during one turn of the loop — different groups' orders and decisions
	 * — share one transaction and one fsync. Each sits in its own savepoint, so a commit whose
	 * rows fail (a sequence number or idempotency key already taken) is rolled back alone,
	 * exactly as if it had had its own transaction; nobody hears "committed" before COMMIT.
	 */
	readonly #flush = (): void => {
		const batch = this.#queued;
		this.#queued = [];
		if (batch.length === 0) return;
		const failures = new Map<QueuedCommit, Error>();
		const assigned = new Map<string, number>();
		// Money is committed with a full fsync; the documents' everyday writes stay at NORMAL.
		this.#db.exec('PRAGMA synchronous = FULL');
		try {
			this.#db.exec('BEGIN IMMEDIATE');
			try {
				for (const entry of batch) {
					const failure = this.#writeInSavepoint(entry.commit, assigned);
					if (failure) failures.set(entry, failure);
				}
				this.#db.exec('COMMIT');
			} catch (error) {
				this.#db.exec('ROLLBACK');
				throw error;
			}
		} catch (error) {
			const failed = error instanceof Error ? error : new Error(String(error));
			for (const entry of batch) entry.reject(failed);
			return;
		} finally {
			this.#db.exec('PRAGMA synchronous = NORMAL');
		}
		this.#documents.confirmCommitted(assigned);
		for (const entry of batch) {
			const failure = failures.get(entry);
			if (failure) entry.reject(failure);
			else entry.resolve();
		}
	};

	/** One commit's rows in a savepoint; answers its error after rolling them back, if any. */
	#writeInSavepoint(commit: AuthorityCommit, assigned: Map<string, number>): Error | undefined {
		this.#db.exec('SAVEPOINT authority_commit');
		try {
			for (const event of commit.ledger) {
				this.#s.insertEvent.run(event.groupId, event.seq, event.hash, event.body, event.signature);
			}
			const next = this.#documents.insertWithinTransaction(commit.documents, assigned);
			for (const email of commit.emails ?? []) this.#insertEmail(email);
			if (commit.idempotency) this.#insertIdempotency(commit.idempotency);
			this.#db.exec('RELEASE authority_commit');
			for (const [name, seq] of next) assigned.set(name, seq);
			return undefined;
		} catch (error) {
			this.#db.exec('ROLLBACK TO authority_commit');
			this.#db.exec('RELEASE authority_commit');
			return error instanceof Error ? error : new Error(String(error));
		}
	}

	findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
		const row = this.#s.idempotency.get(userId, key) as IdempotencyRow | undefined;
		return Promise.resolve(
			row && {
				userId: row.user_id,
				key: row.key,
				groupId: row.group_id,
				requestHash: row.request_hash,
				status: row.status,
				response: row.response,
				createdAt: row.created_at
			}
		);
	}

	unsentEmails(limit: number): Promise<OutboxRecord[]> {
		return Promise.resolve((this.#s.unsent.all(limit) as unknown as EmailRow[]).map(toEmail));
	}

	outbox(limit: number): Promise<OutboxRecord[]> {
		return Promise.resolve((this.#s.outbox.all(limit) as unknown as EmailRow[]).map(toEmail));
	}

	markEmail(id: string, result: { sentAt: number } | { error: string }): Promise<void> {
		if ('sentAt' in result) this.#s.markSent.run(result.sentAt, id);
		else this.#s.markFailed.run(result.error.slice(0, 1000), id);
		return Promise.resolve();
	}

	#insertIdempotency(record: IdempotencyRecord): void {
		this.#s.insertIdempotency.run(
			record.userId,
			record.key,
			record.groupId,
			record.requestHash,
			record.status,
			record.response,
			record.createdAt
		);
	}

	#insertEmail(email: OutboxRecord): void {
		this.#s.insertEmail.run(
			email.id,
			email.groupId,
			email.kind,
			email.recipient.role,
			email.recipient.memberId,
			email.recipient.email,
			JSON.stringify(email.params),
			email.createdAt
		);
	}
}
