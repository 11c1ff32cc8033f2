import { randomUUID } from 'node:crypto';
import type { AuthorityEngine } from '../authority/authority-engine.ts';
import type { Refusal } from '../authority/domain-operation.ts';
import { decideForRequest } from '../authority/intent-decision.ts';
import type { AccountStore, InvitationRecord, MailStore, UserRecord } from '../storage/types.ts';
import { findUsableInvitation } from './invitations.ts';
import { hashPassword, type ScryptCost } from './passwords.ts';

/** What registering from an invitation touches: accounts, the links, the authority. */
export interface RegistrationDeps {
	accounts: AccountStore;
	mail: MailStore;
	engine: AuthorityEngine;
	passwordCost: ScryptCost;
}

/** What the registration page shows before the invited person chooses a password. */
export interface InvitationView {
	groupName: string;
	email: string;
	name: string;
}

const refusal = (code: string): Refusal => ({ code, params: {} });

/** The invitation behind a link, while its member still awaits registration (U1). */
export async function viewInvitation(
	deps: RegistrationDeps,
	token: string
): Promise<{ ok: true; view: InvitationView } | { ok: false; error: Refusal }> {
	const found = await findUsableInvitation(deps.mail, token, deps.engine.clock.now());
	if (!found.ok) return { ok: false, error: refusal(found.code) };
	const { groupId, memberId, email } = found.invitation;
	const group = await deps.accounts.findGroup(groupId);
	const member = await deps.engine.run(groupId, (authority) =>
		Promise.resolve(authority.state?.members[memberId])
	);
	if (!group || member?.status !== 'awaiting-registration')
		return { ok: false, error: refusal('invitation.unknown') };
	return { ok: true, view: { groupName: group.name, email, name: member.name } };
}

/**
 * U1: the invited person registers. Their account gets the invited member's id (member id =
 * user id, as everywhere), the authority decides `complete-registration` authored by them (and
 * `update-profile` when they corrected their name, U5), and every link of that invitation stops
 * working. The account and the link's deletion are stored in one transaction inside the group's
 * turn, just before the authority commits; if that commit fails they are undone, so a refusal or
 * an error leaves everything as it was.
 */
export async function registerFromInvitation(
	deps: RegistrationDeps,
	token: string,
	input: { name: string; password: string; language: string }
): Promise<{ ok: true; user: UserRecord } | { ok: false; error: Refusal }> {
	const { engine, mail } = deps;
	const found = await findUsableInvitation(mail, token, engine.clock.now());
	if (!found.ok) return { ok: false, error: refusal(found.code) };
	const invitation = found.invitation;
	// Hashing is slow on purpose: done before the group's turn, so others do not wait for it.
	const passwordHash = await hashPassword(input.password, deps.passwordCost);
	const now = engine.clock.now();
	const user: UserRecord = {
		id: invitation.memberId,
		email: invitation.email,
		name: input.name,
		passwordHash,
		language: input.language,
		vendorRole: null,
		createdAt: now
	};
	let redeemed: InvitationRecord[] = [];
	const base = { author: user.id, createdAt: now, memberId: user.id };
	const decided = await decideForRequest(
		engine,
		invitation.groupId,
		(state) => [
			{ ...base, id: `registration-${randomUUID()}`, kind: 'complete-registration' },
			...(state.members[user.id]?.name === input.name
				? []
				: [{ ...base, id: `profile-${randomUUID()}`, kind: 'update-profile', name: input.name }])
		],
		{
			hooks: {
				check: (state) =>
					state.members[user.id]?.status === 'awaiting-registration'
						? undefined
						: refusal('invitation.unknown'),
				beforeCommit: async () => {
					// Checked again in the group's turn: another tab may have used the link meanwhile.
					const still = await findUsableInvitation(mail, token, engine.clock.now());
					if (!still.ok) return refusal(still.code);
					const stored = await mail.redeemInvitation(still.invitation, user);
					if (!stored.ok) return refusal('invitation.account-exists');
					redeemed = stored.redeemed;
					return undefined;
				},
				onCommitFailed: () => mail.restoreInvitations(user.id, redeemed)
			}
		}
	);
	return decided.ok ? { ok: true, user } : decided;
}
