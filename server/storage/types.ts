/**
 * The narrow storage contract every adapter implements (SQLite first; PostgreSQL when one machine
 * is not enough). Methods are async so that a networked adapter fits the same shape, even though
 * the embedded SQLite adapter answers synchronously.
 */

/** A user account. `passwordHash` is the self-describing scrypt string from `auth/passwords.ts`. */
export interface UserRecord {
	id: string;
	email: string;
	name: string;
	passwordHash: string | null;
	language: string;
	/** `operator` for the vendor's support desk; null for customers. */
	vendorRole: 'operator' | null;
	createdAt: number;
}

/** Roles within one license group (G2); a person may hold several. */
export type GroupRole = 'owner' | 'admin' | 'billable' | 'viewer';

export interface GroupRecord {
	id: string;
	name: string;
	vendorId: string;
	policyId: string;
	createdAt: number;
}

/** Which groups `listGroups` answers. */
export interface GroupFilter {
	/** Case-insensitive substring of the group's id or name, or of a role holder's e-mail. */
	query?: string;
	/** Only groups whose id sorts after this one (the previous page's last id). */
	afterId?: string;
	/** At most this many groups (default 100). */
	limit?: number;
}

export interface SessionRecord {
	userId: string;
	createdAt: number;
	expiresAt: number;
}

/** Accounts, groups, roles and sessions. */
export interface AccountStore {
	createUser(user: UserRecord): Promise<void>;
	findUserByEmail(email: string): Promise<UserRecord | undefined>;
	findUserById(id: string): Promise<UserRecord | undefined>;
	updateProfile(id: string, profile: { name?: string; language?: string }): Promise<void>;
	/**
	 * The groups whose state lists the user as a member (license holder or admin); the authority
	 * keeps this index so a license holder's own licenses are found without scanning groups.
	 */
	membershipsOf(userId: string): Promise<string[]>;
	setMembership(groupId: string, userId: string, member: boolean): Promise<void>;
	/** Whether the index has any entry (an empty one is filled from the groups at start-up). */
	hasMemberships(): Promise<boolean>;
	/** Removes an account that nothing refers to yet (undoing a creation whose commit failed). */
	deleteUnusedUser(id: string): Promise<void>;
	createVendor(vendor: { id: string; name: string }): Promise<void>;
	createGroup(group: GroupRecord): Promise<void>;
	findGroup(id: string): Promise<GroupRecord | undefined>;
	grantRole(groupId: string, userId: string, role: GroupRole): Promise<void>;
	revokeRole(groupId: string, userId: string, role: GroupRole): Promise<void>;
	rolesIn(groupId: string, userId: string): Promise<GroupRole[]>;
	/** Replaces a user's roles in a group (the authority mirrors the group state's roles here). */
	setRoles(groupId: string, userId: string, roles: readonly GroupRole[]): Promise<void>;
	/** The groups in which the user holds at least one role, with those roles. */
	groupsOf(userId: string): Promise<{ group: GroupRecord; roles: GroupRole[] }[]>;
	/**
	 * Groups in id order, a page at a time (the scheduler walks them all; the operator searches
	 * them by id, name or the e-mail of anyone holding a role there).
	 */
	listGroups(filter?: GroupFilter): Promise<GroupRecord[]>;
	/** A vendor (whose support desk the operators are), if it exists. */
	findVendor(id: string): Promise<{ id: string; name: string } | undefined>;
	createSession(tokenHash: string, session: SessionRecord): Promise<void>;
	findSession(tokenHash: string): Promise<SessionRecord | undefined>;
	deleteSession(tokenHash: string): Promise<void>;
	deleteExpiredSessions(now: number): Promise<number>;
	/** True when no user exists yet: the signal to seed demo data. */
	isEmpty(): Promise<boolean>;
}

/** One update to store, with the Yjs client ids its author used for the first time. */
export interface DocumentWrite {
	name: string;
	update: Uint8Array;
	/** Yjs client id → user id: who may write with that client id from now on (authorship). */
	newClients?: readonly { clientId: number; userId: string }[];
}

/** Yjs documents, kept as an append-only list of updates with occasional compaction. */
export interface DocumentStore {
	/** Every stored update of a document, oldest first (an empty array for a new document). */
	loadDocument(name: string): Promise<Uint8Array[]>;
	/** Appends updates (and their client owners) in one transaction; resolves once committed. */
	appendUpdates(batch: readonly DocumentWrite[]): Promise<void>;
	/** Which user wrote with each Yjs client id of a document. */
	clientOwners(name: string): Promise<Map<number, string>>;
	/**
	 * Replaces every stored update of a document by one snapshot, atomically, so that a crash
	 * leaves either the old rows or the snapshot, never neither. The caller guarantees that the
	 * snapshot contains every stored update (it was taken from the in-memory document, to which
	 * every update is applied before it is stored).
	 */
	compactDocument(name: string, snapshot: Uint8Array): Promise<void>;
	/** How many updates and bytes are stored for a document. */
	documentStats(name: string): Promise<{ updates: number; bytes: number }>;
}

/** An authority signing key. The private key is PKCS#8 PEM; the public key raw, base64url. */
export interface SigningKeyRecord {
	id: string;
	publicKey: string;
	privateKey: string;
	createdAt: number;
	retiredAt: number | null;
}

/** A ledger event as stored: the canonical body exactly as signed, its hash and signature. */
export interface StoredLedgerEvent {
	groupId: string;
	seq: number;
	hash: string;
	/** RFC 8785 canonical JSON of the body (see src/lib/sync/ledger-format.ts). */
	body: string;
	signature: string;
}

/** An e-mail waiting to be rendered and sent (in the recipient's language, at sending time). */
export interface OutboxRecord {
	id: string;
	groupId: string | null;
	kind: string;
	recipient: { role: string; memberId: string | null; email: string | null };
	params: Record<string, string | number | boolean | null>;
	createdAt: number;
	sentAt: number | null;
	attempts: number;
	lastError: string | null;
}

/**
 * The first answer to a money-moving request, kept under the caller's idempotency key so that a
 * retry gets the same answer instead of a second charge. Keys are scoped per user.
 */
export interface IdempotencyRecord {
	userId: string;
	key: string;
	groupId: string;
	/** SHA-256 (hex) of the canonical request (never of the password); another body is refused. */
	requestHash: string;
	status: number;
	/** The JSON body of the answer, exactly as first sent. */
	response: string;
	createdAt: number;
}

/** What the authority commits in one atomic, fully synchronous transaction. */
export interface AuthorityCommit {
	ledger: readonly StoredLedgerEvent[];
	documents: readonly DocumentWrite[];
	/** E-mails the change causes: queued with it, so they are sent exactly when it happened. */
	emails?: readonly OutboxRecord[];
	/**
	 * The answer to the request that caused the change: stored in the same transaction as its
	 * ledger events, so an order is charged exactly once whatever crashes when. A key already
	 * taken fails the whole commit.
	 */
	idempotency?: IdempotencyRecord;
}

/** Signing keys and the signed ledger. */
export interface AuthorityStore {
	signingKeys(): Promise<SigningKeyRecord[]>;
	addSigningKey(key: SigningKeyRecord): Promise<void>;
	retireSigningKey(id: string, at: number): Promise<void>;
	/** A group's events with `seq` > `afterSeq`, in order. */
	ledger(groupId: string, afterSeq?: number): Promise<StoredLedgerEvent[]>;
	lastLedgerEvent(groupId: string): Promise<StoredLedgerEvent | undefined>;
	/**
	 * Appends ledger events and authority-document updates together, durably (fsync) and
	 * atomically: a money event and its mirror never exist one without the other. A sequence
	 * number already taken fails the whole commit.
	 */
	commitAuthority(commit: AuthorityCommit): Promise<void>;
	/** The answer stored under a user's idempotency key, if any. */
	findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
	/** E-mails not yet sent, oldest first. */
	unsentEmails(limit: number): Promise<OutboxRecord[]>;
	/** Every e-mail, newest first (the operator reads the outbox). */
	outbox(limit: number): Promise<OutboxRecord[]>;
	markEmail(id: string, result: { sentAt: number } | { error: string }): Promise<void>;
}

/** An e-mail as rendered for its recipient; kept with the outbox row so a retry sends the same. */
export interface RenderedEmail {
	to: string;
	language: string;
	subject: string;
	text: string;
	html: string;
}

/** An outbox row with its delivery state (see server/mail/mailer.ts). */
export interface OutboxEntry extends OutboxRecord {
	/** When the next send may be tried; `null` once the mailer gave up. */
	nextAttemptAt: number | null;
	/** Set when no SMTP server is configured: the e-mail stays here for the operator to read. */
	keptAt: number | null;
	/** The rendered message, from the first time it was rendered on. */
	message: RenderedEmail | null;
}

/**
 * An invitation to register (U1). Only the SHA-256 of its token is stored: the token itself is
 * in the e-mail alone.
 */
export interface InvitationRecord {
	tokenHash: string;
	memberId: string;
	groupId: string;
	email: string;
	/** The outbox row whose e-mail carries the link. */
	emailId: string;
	createdAt: number;
	expiresAt: number;
}

/** How a failed send is recorded: the error, and when to try again (`null`: never). */
export interface SendFailure {
	error: string;
	nextAttemptAt: number | null;
}

/** The outbox as the mailer sees it, and the invitations its e-mails carry. */
export interface MailStore {
	/** Unsent, unkept e-mails whose next attempt is due, oldest first. */
	dueEmails(now: number, limit: number): Promise<OutboxEntry[]>;
	/** Every e-mail with its delivery state, newest first. */
	entries(limit: number): Promise<OutboxEntry[]>;
	/** Stores a rendering, and the invitation it carries, in one transaction. */
	saveMessage(id: string, message: RenderedEmail, invitation?: InvitationRecord): Promise<void>;
	markSent(id: string, at: number): Promise<void>;
	markKept(id: string, at: number): Promise<void>;
	markFailed(id: string, failure: SendFailure): Promise<void>;
	findInvitation(tokenHash: string): Promise<InvitationRecord | undefined>;
	/**
	 * Creates the invited user's account and deletes every invitation of that member, atomically.
	 * Answers the deleted invitations (for `restoreInvitations`), or `email-taken` changing nothing.
	 */
	redeemInvitation(
		invitation: InvitationRecord,
		user: UserRecord
	): Promise<{ ok: true; redeemed: InvitationRecord[] } | { ok: false; reason: 'email-taken' }>;
	/** Undoes `redeemInvitation` (the authority could not commit): the account goes, the links come back. */
	restoreInvitations(userId: string, invitations: readonly InvitationRecord[]): Promise<void>;
}

export interface Storage {
	accounts: AccountStore;
	documents: DocumentStore;
	authority: AuthorityStore;
	mail: MailStore;
	close(): void;
}
