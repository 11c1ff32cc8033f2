import type { DatabaseSync } from 'node:sqlite';
import type {
	AccountStore,
	GroupFilter,
	GroupRecord,
	GroupRole,
	SessionRecord,
	UserRecord
} from '../types.ts';

interface UserRow {
	id: string;
	email: string;
	name: string;
	password_hash: string | null;
	language: string;
	vendor_role: string | null;
	created_at: number;
}

interface GroupRow {
	id: string;
	vendor_id: string;
	name: string;
	policy_id: string;
	created_at: number;
}

const toUser = (row: UserRow): UserRecord => ({
	id: row.id,
	email: row.email,
	name: row.name,
	passwordHash: row.password_hash,
	language: row.language,
	vendorRole: row.vendor_role === 'operator' ? 'operator' : null,
	createdAt: row.created_at
});

const toGroup = (row: GroupRow): GroupRecord => ({
	id: row.id,
	name: row.name,
	vendorId: row.vendor_id,
	policyId: row.policy_id,
	createdAt: row.created_at
});

/** Every statement the store runs, prepared once per connection. */
const prepareStatements = (db: DatabaseSync) => ({
	insertUser: db.prepare(
		'INSERT INTO users (id, email, name, password_hash, language, vendor_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	),
	userByEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
	userById: db.prepare('SELECT * FROM users WHERE id = ?'),
	updateProfile: db.prepare(
		'UPDATE users SET name = coalesce(?, name), language = coalesce(?, language) WHERE id = ?'
	),
	memberships: db.prepare('SELECT group_id FROM memberships WHERE user_id = ? ORDER BY group_id'),
	addMembership: db.prepare('INSERT OR IGNORE INTO memberships (user_id, group_id) VALUES (?, ?)'),
	removeMembership: db.prepare('DELETE FROM memberships WHERE user_id = ? AND group_id = ?'),
	anyMembership: db.prepare('SELECT 1 AS one FROM memberships LIMIT 1'),
	deleteUnusedUser: db.prepare(
		`DELETE FROM users WHERE id = ?
		 AND NOT EXISTS (SELECT 1 FROM sessions WHERE user_id = users.id)
		 AND NOT EXISTS (SELECT 1 FROM group_roles WHERE user_id = users.id)`
	),
	insertVendor: db.prepare('INSERT INTO vendors (id, name) VALUES (?, ?)'),
	insertGroup: db.prepare(
		'INSERT INTO groups (id, vendor_id, name, policy_id, created_at) VALUES (?, ?, ?, ?, ?)'
	),
	groupById: db.prepare('SELECT * FROM groups WHERE id = ?'),
	grant: db.prepare('INSERT OR IGNORE INTO group_roles (group_id, user_id, role) VALUES (?, ?, ?)'),
	revoke: db.prepare('DELETE FROM group_roles WHERE group_id = ? AND user_id = ? AND role = ?'),
	revokeAll: db.prepare('DELETE FROM group_roles WHERE group_id = ? AND user_id = ?'),
	rolesIn: db.prepare(
		'SELECT role FROM group_roles WHERE group_id = ? AND user_id = ? ORDER BY role'
	),
	groupsOf: db.prepare(
		`SELECT g.*, group_concat(r.role) AS roles FROM group_roles r JOIN groups g ON g.id = r.group_id
		 WHERE r.user_id = ? GROUP BY g.id ORDER BY g.name`
	),
	insertSession: db.prepare(
		'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
	),
	sessionByHash: db.prepare(
		'SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ?'
	),
	deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
	deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
	anyUser: db.prepare('SELECT 1 AS one FROM users LIMIT 1'),
	listGroups: db.prepare('SELECT * FROM groups WHERE id > ? ORDER BY id LIMIT ?'),
	searchGroups: db.prepare(
		`SELECT g.* FROM groups g
		 WHERE g.id > ? AND (g.id LIKE ? ESCAPE '\\' OR g.name LIKE ? ESCAPE '\\' OR EXISTS (
			SELECT 1 FROM group_roles r JOIN users u ON u.id = r.user_id
			WHERE r.group_id = g.id AND u.email LIKE ? ESCAPE '\\'))
		 ORDER BY g.id LIMIT ?`
	),
	vendorById: db.prepare('SELECT id, name FROM vendors WHERE id = ?')
});

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Accounts, groups, roles and sessions on SQLite, with statements prepared once. */
export class SqliteAccountStore implements AccountStore {
	readonly #db: DatabaseSync;
	readonly #s: ReturnType<typeof prepareStatements>;

	constructor(db: DatabaseSync) {
		this.#db = db;
		this.#s = prepareStatements(db);
	}

	createUser(user: UserRecord): Promise<void> {
		this.#s.insertUser.run(
			user.id,
			user.email,
			user.name,
			user.passwordHash,
			user.language,
			user.vendorRole,
			user.createdAt
		);
		return Promise.resolve();
	}

	findUserByEmail(email: string): Promise<UserRecord | undefined> {
		const row = this.#s.userByEmail.get(email) as UserRow | undefined;
		return Promise.resolve(row && toUser(row));
	}

	findUserById(id: string): Promise<UserRecord | undefined> {
		const row = this.#s.userById.get(id) as UserRow | undefined;
		return Promise.resolve(row && toUser(row));
	}

	membershipsOf(userId: string): Promise<string[]> {
		const rows = this.#s.memberships.all(userId) as unknown as { group_id: string }[];
		return Promise.resolve(rows.map((row) => row.group_id));
	}

	hasMemberships(): Promise<boolean> {
		return Promise.resolve(this.#s.anyMembership.get() !== undefined);
	}

	setMembership(groupId: string, userId: string, member: boolean): Promise<void> {
		if (member) this.#s.addMembership.run(userId, groupId);
		else this.#s.removeMembership.run(userId, groupId);
		return Promise.resolve();
	}

	deleteUnusedUser(id: string): Promise<void> {
		this.#s.deleteUnusedUser.run(id);
		return Promise.resolve();
	}

	updateProfile(id: string, profile: { name?: string; language?: string }): Promise<void> {
		this.#s.updateProfile.run(profile.name ?? null, profile.language ?? null, id);
		return Promise.resolve();
	}

	createVendor(vendor: { id: string; name: string }): Promise<void> {
		this.#s.insertVendor.run(vendor.id, vendor.name);
		return Promise.resolve();
	}

	createGroup(group: GroupRecord): Promise<void> {
		this.#s.insertGroup.run(group.id, group.vendorId, group.name, group.policyId, group.createdAt);
		return Promise.resolve();
	}

	findGroup(id: string): Promise<GroupRecord | undefined> {
		const row = this.#s.groupById.get(id) as GroupRow | undefined;
		return Promise.resolve(row && toGroup(row));
	}

	grantRole(groupId: string, userId: string, role: GroupRole): Promise<void> {
		this.#s.grant.run(groupId, userId, role);
		return Promise.resolve();
	}

	revokeRole(groupId: string, userId: string, role: GroupRole): Promise<void> {
		this.#s.revoke.run(groupId, userId, role);
		return Promise.resolve();
	}

	setRoles(groupId: string, userId: string, roles: readonly GroupRole[]): Promise<void> {
		this.#db.exec('BEGIN IMMEDIATE');
		try {
			this.#s.revokeAll.run(groupId, userId);
			for (const role of roles) this.#s.grant.run(groupId, userId, role);
			this.#db.exec('COMMIT');
		} catch (error) {
			this.#db.exec('ROLLBACK');
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		return Promise.resolve();
	}

	rolesIn(groupId: string, userId: string): Promise<GroupRole[]> {
		const rows = this.#s.rolesIn.all(groupId, userId) as { role: GroupRole }[];
		return Promise.resolve(rows.map((row) => row.role));
	}

	groupsOf(userId: string): Promise<{ group: GroupRecord; roles: GroupRole[] }[]> {
		const rows = this.#s.groupsOf.all(userId) as unknown as (GroupRow & { roles: string })[];
		return Promise.resolve(
			rows.map((row) => ({
				group: toGroup(row),
				roles: row.roles.split(',').sort() as GroupRole[]
			}))
		);
	}

	listGroups(filter: GroupFilter = {}): Promise<GroupRecord[]> {
		const after = filter.afterId ?? '';
		const limit = Math.max(1, Math.min(filter.limit ?? 100, 1000));
		const query = filter.query?.trim();
		const pattern = query ? containing(query) : undefined;
		const rows = pattern
			? this.#s.searchGroups.all(after, pattern, pattern, pattern, limit)
			: this.#s.listGroups.all(after, limit);
		return Promise.resolve((rows as unknown as GroupRow[]).map(toGroup));
	}

	findVendor(id: string): Promise<{ id: string; name: string } | undefined> {
		const row = this.#s.vendorById.get(id) as { id: string; name: string } | undefined;
		return Promise.resolve(row && { id: row.id, name: row.name });
	}

	createSession(tokenHash: string, session: SessionRecord): Promise<void> {
		this.#s.insertSession.run(tokenHash, session.userId, session.createdAt, session.expiresAt);
		return Promise.resolve();
	}

	findSession(tokenHash: string): Promise<SessionRecord | undefined> {
		const row = this.#s.sessionByHash.get(tokenHash) as
			{ user_id: string; created_at: number; expires_at: number } | undefined;
		return Promise.resolve(
			row && { userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
		);
	}

	deleteSession(tokenHash: string): Promise<void> {
		this.#s.deleteSession.run(tokenHash);
		return Promise.resolve();
	}

	deleteExpiredSessions(now: number): Promise<number> {
		const result = this.#s.deleteExpired.run(now);
		return Promise.resolve(Number(result.changes));
	}

	isEmpty(): Promise<boolean> {
		return Promise.resolve(this.#s.anyUser.get() === undefined);
	}
}
