/**
 * The wire protocol between browser and server: y-websocket's messages (sync, awareness, auth,
 * query-awareness) plus two of Tessera's own, shared by both ends so they cannot drift apart.
 */

/** y-websocket message types (y-protocols). */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/**
 * Server → client: a varUint `n` saying that every sync message this client sent on this
 * connection, up to the n-th, has been applied and durably stored. It lets the client tell
 * "saved on the server" from "pending" without guessing.
 */
export const messageAck = 100;

/** Server → client: a varString holding a JSON {@link SyncNotice}, e.g. a refused update. */
export const messageNotice = 101;

/** Why the server refused something on a sync connection; the UI translates the code. */
export type SyncNoticeCode =
	| 'sync.read-only-document'
	| 'sync.read-only-role'
	| 'sync.document-too-large'
	| 'sync.foreign-client-id'
	| 'sync.too-many-clients'
	| 'sync.malformed-message';

export interface SyncNotice {
	code: SyncNoticeCode;
}

/**
 * Close codes the server uses after the handshake. 4400–4499 tell y-websocket's client not to
 * reconnect (RFC 6455 private range, mirroring HTTP 4xx); 1009 is the standard "too big".
 */
export const closeCodes = {
	messageTooBig: 1009,
	/** The user's roles changed: reconnect, and the server grants what the new roles allow. */
	rolesChanged: 4001,
	sessionEnded: 4401,
	accessRevoked: 4403
} as const;

/** The two documents of a license group (DESIGN.md, "The documents"). */
export type DocumentKind = 'workspace' | 'authority';

/** The websocket path of a group's document. */
export function syncPath(groupId: string, kind: DocumentKind): string {
	const base = `/sync/${encodeURIComponent(groupId)}`;
	return kind === 'authority' ? `${base}/authority` : base;
}

/** Parses `/sync/:groupId` or `/sync/:groupId/authority`; undefined for anything else. */
export function parseSyncPath(
	pathname: string
): { groupId: string; kind: DocumentKind } | undefined {
	const match = /^\/sync\/([A-Za-z0-9_-]{1,64})(\/authority)?\/?$/.exec(pathname);
	if (!match?.[1]) return undefined;
	return { groupId: match[1], kind: match[2] ? 'authority' : 'workspace' };
}

/** The storage name of a group's document. */
export function documentName(groupId: string, kind: DocumentKind): string {
	return `group:${groupId}:${kind}`;
}
