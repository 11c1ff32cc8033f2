import type { DatabaseSync } from 'node:sqlite';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a
 * migration that has shipped: append a new one.
 */
const migrations: readonly string[] = [
	`
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE COLLATE NOCASE,
		name TEXT NOT NULL,
		password_hash TEXT,
		language TEXT NOT NULL,
		vendor_role TEXT,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE TABLE vendors (id TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT;
	CREATE TABLE groups (
		id TEXT PRIMARY KEY,
		vendor_id TEXT NOT NULL REFERENCES vendors(id),
		name TEXT NOT NULL,
		policy_id TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE TABLE group_roles (
		group_id TEXT NOT NULL REFERENCES groups(id),
		user_id TEXT NOT NULL REFERENCES users(id),
		role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'billable', 'viewer')),
		PRIMARY KEY (group_id, user_id, role)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX group_roles_by_user ON group_roles(user_id);
	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT, WITHOUT ROWID;
	CREATE TABLE doc_updates (
		doc TEXT NOT NULL,
		seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		PRIMARY KEY (doc, seq)
	) STRICT, WITHOUT ROWID;
	`,
	`
	CREATE TABLE authority_keys (
		id TEXT PRIMARY KEY,
		public_key TEXT NOT NULL,
		private_key TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		retired_at INTEGER
	) STRICT;
	CREATE TABLE ledger_events (
		group_id TEXT NOT NULL,
		seq INTEGER NOT NULL CHECK (seq >= 1),
		hash TEXT NOT NULL,
		body TEXT NOT NULL,
		signature TEXT NOT NULL,
		PRIMARY KEY (group_id, seq)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE doc_clients (
		doc TEXT NOT NULL,
		client_id INTEGER NOT NULL,
		user_id TEXT NOT NULL,
		PRIMARY KEY (doc, client_id)
	) STRICT, WITHOUT ROWID;
	`,
	`
	CREATE TABLE outbox (
		id TEXT PRIMARY KEY,
		group_id TEXT,
		kind TEXT NOT NULL,
		recipient_role TEXT NOT NULL,
		recipient_member_id TEXT,
		recipient_email TEXT,
		params TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		sent_at INTEGER,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT
	) STRICT;
	CREATE INDEX outbox_unsent ON outbox(sent_at) WHERE sent_at IS NULL;
	`,
	`
	CREATE TABLE idempotency_keys (
		user_id TEXT NOT NULL,
		key TEXT NOT NULL,
		group_id TEXT NOT NULL,
		request_hash TEXT NOT NULL,
		status INTEGER NOT NULL,
		response TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (user_id, key)
	) STRICT, WITHOUT ROWID;
	`,
	`
	ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER DEFAULT 0;
	ALTER TABLE outbox ADD COLUMN kept_at INTEGER;
	ALTER TABLE outbox ADD COLUMN message TEXT;
	CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL AND kept_at IS NULL;
	CREATE TABLE invitations (
		token_hash TEXT PRIMARY KEY,
		member_id TEXT NOT NULL,
		group_id TEXT NOT NULL REFERENCES groups(id),
		email TEXT NOT NULL,
		email_id TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT, WITHOUT ROWID;
	CREATE INDEX invitations_by_member ON invitations(group_id, member_id);
	`,
	`
	CREATE TABLE memberships (
		user_id TEXT NOT NULL,
		group_id TEXT NOT NULL,
		PRIMARY KEY (user_id, group_id)
	) STRICT, WITHOUT ROWID;
	`
];

/** Brings the schema up to date inside one transaction per migration. */
export function migrate(db: DatabaseSync): void {
	const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
	const current = row.user_version;
	if (current > migrations.length) {
		throw new Error(
			`The database schema (version ${current}) is newer than this Tessera (version ${migrations.length}). Upgrade Tessera; the data was not touched.`
		);
	}
	for (let version = current; version < migrations.length; version++) {
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec(migrations[version] ?? '');
			db.exec(`PRAGMA user_version = ${version + 1}`);
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}
}
