import { randomBytes } from 'node:crypto';
import type { InvitationRecord, MailStore } from '../storage/types.ts';
import { hashToken } from './sessions.ts';

/** U1: an invitation link works for 14 days from the moment its e-mail was written. */
export const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/**
 * A new invitation for a member: the token goes into the e-mail only; the store keeps its
 * SHA-256, so a copy of the database opens no account.
 */
export function newInvitation(
	invited: { memberId: string; groupId: string; email: string; emailId: string },
	now: number
): { token: string; record: InvitationRecord } {
	const token = randomBytes(32).toString('base64url');
	return {
		token,
		record: {
			tokenHash: hashToken(token),
			...invited,
			createdAt: now,
			expiresAt: now + invitationLifetimeMs
		}
	};
}

/** Why a link does not open a registration. */
export type InvitationRefusal = 'invitation.unknown' | 'invitation.expired';

/** The invitation behind a link, or why it cannot be used (expired links stay refused). */
export async function findUsableInvitation(
	mail: MailStore,
	token: string,
	now: number
): Promise<{ ok: true; invitation: InvitationRecord } | { ok: false; code: InvitationRefusal }> {
	// Real tokens are 43 characters; anything much longer is not worth hashing.
	if (token.length === 0 || token.length > 100) return { ok: false, code: 'invitation.unknown' };
	const invitation = await mail.findInvitation(hashToken(token));
	if (!invitation) return { ok: false, code: 'invitation.unknown' };
	if (invitation.expiresAt <= now) return { ok: false, code: 'invitation.expired' };
	return { ok: true, invitation };
}
