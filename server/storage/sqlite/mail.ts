import type { DatabaseSync } from 'node:sqlite';
import type {
	InvitationRecord,
	MailStore,
	OutboxEntry,
	RenderedEmail,
	SendFailure,
	UserRecord
} from '../types.ts';

const prepareStatements = (db: DatabaseSync) => ({
	due: db.prepare(
		`SELECT * FROM outbox WHERE sent_at IS NULL AND kept_at IS NULL
		 AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?`
	),
	entries: db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?'),
	saveMessage: db.prepare('UPDATE outbox SET message = ? WHERE id = ?'),
	markSent: db.prepare(
		'UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?'
	),
	markKept: db.prepare('UPDATE outbox SET kept_at = ? WHERE id = ?'),
	markFailed: db.prepare(
		'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?'
	),
	insertInvitation: db.prepare(
		`INSERT INTO invitations (token_hash, member_id, group_id, email, email_id, created_at, expires_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	),
	invitation: db.prepare('SELECT * FROM invitations WHERE token_hash = ?'),
	memberInvitations: db.prepare('SELECT * FROM invitations WHERE group_id = ? AND member_id = ?'),
	deleteMemberInvitations: db.prepare(
		'DELETE FROM invitations WHERE group_id = ? AND member_id = ?'
	),
	userByEmail: db.prepare('SELECT id FROM users WHERE email = ?'),
	insertUser: db.prepare(
		'INSERT INTO users (id, email, name, password_hash, language, vendor_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	),
	deleteSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
	deleteUser: db.prepare('DELETE FROM users WHERE id = ?')
});

interface EntryRow {
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
	next_attempt_at: number | null;
	kept_at: number | null;
	message: string | null;
}

interface InvitationRow {
	token_hash: string;
	member_id: string;
	group_id: string;
	email: string;
	email_id: string;
	created_at: number;
	expires_at: number;
}

const toEntry = (row: EntryRow): OutboxEntry => ({
	id: row.id,
	groupId: row.group_id,
	kind: row.kind,
	recipient: {
		role: row.recipient_role,
		memberId: row.recipient_member_id,
		email: row.recipient_email
	},
	params: JSON.parse(row.params) as OutboxEntry['params'],
	createdAt: row.created_at,
	sentAt: row.sent_at,
	attempts: row.attempts,
	lastError: row.last_error,
	nextAttemptAt: row.next_attempt_at,
	keptAt: row.kept_at,
	message: row.message === null ? null : (JSON.parse(row.message) as RenderedEmail)
});

const toInvitation = (row: InvitationRow): InvitationRecord => ({
	tokenHash: row.token_hash,
	memberId: row.member_id,
	groupId: row.group_id,
	email: row.email,
	emailId: row.email_id,
	createdAt: row.created_at,
	expiresAt: row.expires_at
});

/** The outbox's delivery state and the invitations on SQLite. */
export class SqliteMailStore implements MailStore {
	readonly #db: DatabaseSync;
	readonly #s: ReturnType<typeof prepareStatements>;

	constructor(db: DatabaseSync) {
		this.#db = db;
		this.#s = prepareStatements(db);
	}

	dueEmails(now: number, limit: number): Promise<OutboxEntry[]> {
		return Promise.resolve((this.#s.due.all(now, limit) as unknown as EntryRow[]).map(toEntry));
	}

	entries(limit: number): Promise<OutboxEntry[]> {
		return Promise.resolve((this.#s.entries.all(limit) as unknown as EntryRow[]).map(toEntry));
	}

	saveMessage(id: string, message: RenderedEmail, invitation?: InvitationRecord): Promise<void> {
		return this.#transaction(() => {
			if (invitation) this.#insertInvitation(invitation);
			this.#s.saveMessage.run(JSON.stringify(message), id);
		});
	}

	markSent(id: string, at: number): Promise<void> {
		this.#s.markSent.run(at, id);
		return Promise.resolve();
	}

	markKept(id: string, at: number): Promise<void> {
		this.#s.markKept.run(at, id);
		return Promise.resolve();
	}

	markFailed(id: string, failure: SendFailure): Promise<void> {
		this.#s.markFailed.run(failure.error.slice(0, 1000), failure.nextAttemptAt, id);
		return Promise.resolve();
	}

	findInvitation(tokenHash: string): Promise<InvitationRecord | undefined> {
		const row = this.#s.invitation.get(tokenHash) as InvitationRow | undefined;
		return Promise.resolve(row && toInvitation(row));
	}

	redeemInvitation(
		invitation: InvitationRecord,
		user: UserRecord
	): Promise<{ ok: true; redeemed: InvitationRecord[] } | { ok: false; reason: 'email-taken' }> {
		return this.#transaction(() => {
			if (this.#s.userByEmail.get(user.email) !== undefined)
				return { ok: false as const, reason: 'email-taken' as const };
			const { groupId, memberId } = invitation;
			const rows = this.#s.memberInvitations.all(groupId, memberId) as unknown as InvitationRow[];
			this.#s.deleteMemberInvitations.run(groupId, memberId);
			this.#s.insertUser.run(
				user.id,
				user.email,
				user.name,
				user.passwordHash,
				user.language,
				user.vendorRole,
				user.createdAt
			);
			return { ok: true as const, redeemed: rows.map(toInvitation) };
		});
	}

	restoreInvitations(userId: string, invitations: readonly InvitationRecord[]): Promise<void> {
		return this.#transaction(() => {
			this.#s.deleteSessions.run(userId);
			this.#s.deleteUser.run(userId);
			for (const invitation of invitations) this.#insertInvitation(invitation);
		});
	}

	#insertInvitation(invitation: InvitationRecord): void {
		this.#s.insertInvitation.run(
			invitation.tokenHash,
			invitation.memberId,
			invitation.groupId,
			invitation.email,
			invitation.emailId,
			invitation.createdAt,
			invitation.expiresAt
		);
	}

	#transaction<T>(work: () => T): Promise<T> {
		this.#db.exec('BEGIN IMMEDIATE');
		let result: T;
		try {
			result = work();
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		return Promise.resolve(result);
	}
}
