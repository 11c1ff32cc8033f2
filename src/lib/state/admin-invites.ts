import type { GroupState, Member } from '$lib/domain/index.ts';

/**
 * Inviting an administrator is two intents: the person joins (add-member, or assign-license where
 * everyone needs a license), then gets roles (set-roles). The second names the member id the
 * local engine predicts; when the authority links the address to an existing account instead,
 * that id differs, so the invitation is remembered here until its roles are decided, and the
 * roles are proposed again for the member the authority actually created.
 */

/** An invitation whose roles are not decided yet. */
export interface PendingInvite {
	joinIntentId: string;
	rolesIntentId: string;
	email: string;
	roles: string[];
}

const storageKey = (groupId: string, userId: string) =>
	`tessera:admin-invites:${groupId}:${userId}`;

/** The invitations this user left open in this group (kept across reloads, offline too). */
export function readInvites(groupId: string, userId: string): PendingInvite[] {
	try {
		const raw = localStorage.getItem(storageKey(groupId, userId));
		const parsed: unknown = raw === null ? [] : JSON.parse(raw);
		return Array.isArray(parsed) ? (parsed as PendingInvite[]) : [];
	} catch {
		return [];
	}
}

/** Saves the open invitations; a full storage only loses the automatic retry, not the intents. */
export function writeInvites(groupId: string, userId: string, invites: PendingInvite[]): void {
	try {
		if (invites.length === 0) localStorage.removeItem(storageKey(groupId, userId));
		else localStorage.setItem(storageKey(groupId, userId), JSON.stringify(invites));
	} catch {
		// The intents themselves are in the workspace; only the follow-up is lost.
	}
}

/** The member with this address (case and surrounding spaces ignored), if any. */
export function memberByEmail(state: GroupState, email: string): Member | undefined {
	const wanted = email.trim().toLowerCase();
	return Object.values(state.members).find((member) => member.email.toLowerCase() === wanted);
}
