import type { AccountStore, GroupRecord, GroupRole, UserRecord } from '../storage/types.ts';
import { readCookie, resolveSession, sessionCookieName } from './sessions.ts';

/** What a user may do in a group, from their roles (G2). */
export interface GroupAccess {
	group: GroupRecord;
	roles: GroupRole[];
	/** Admins of any kind write the workspace; a viewer only reads. */
	canWrite: boolean;
	/** Only the owner buys or changes the seat count (G2, P3). */
	canBuy: boolean;
}

/** The signed-in user behind a request's Cookie header, if the session is valid. */
export async function userFromCookies(
	accounts: AccountStore,
	cookieHeader: string | undefined,
	now: number
): Promise<UserRecord | undefined> {
	return (await sessionFromCookies(accounts, cookieHeader, now))?.user;
}

/** The user and the session's end, for connections that must close when the session does. */
export function sessionFromCookies(
	accounts: AccountStore,
	cookieHeader: string | undefined,
	now: number
): Promise<{ user: UserRecord; expiresAt: number } | undefined> {
	return resolveSession(accounts, readCookie(cookieHeader, sessionCookieName), now);
}

/** The user's access to a group, or undefined when the group is unknown or not theirs. */
export async function groupAccess(
	accounts: AccountStore,
	groupId: string,
	userId: string
): Promise<GroupAccess | undefined> {
	const group = await accounts.findGroup(groupId);
	if (!group) return undefined;
	const roles = await accounts.rolesIn(groupId, userId);
	if (roles.length === 0) return undefined;
	return accessFromRoles(group, roles);
}

/** Derives the permissions of a set of roles. */
export function accessFromRoles(group: GroupRecord, roles: GroupRole[]): GroupAccess {
	const writer = roles.some((role) => role === 'owner' || role === 'admin' || role === 'billable');
	return { group, roles, canWrite: writer, canBuy: roles.includes('owner') };
}
