/**
 * U1: a person given a license (or added) by e-mail. If the address already has an account (a
 * free trial, say), the person is linked at once and the giving admin becomes their license
 * administrator; otherwise an invitation is created and the person shows as "awaiting user
 * registration" until they register. D3: in enterprise (device) groups the admin creates the user
 * outright, with a password the server keeps, so the person is active at once.
 */

import { userAddressWarnings } from './address-warnings.ts';
import type { Warning } from './decision-schema.ts';
import type { EmailNotice } from './email-notices.ts';
import { memberEmail } from './email-notices.ts';
import type { HistoryEntry } from './history-entries.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext } from './intent-context.ts';
import { normalizeEmail } from './member-lookup.ts';
import type { Member } from './state-schema.ts';

/** A new member and how they came in. */
export interface Newcomer {
	member: Member;
	how: 'linked' | 'invited' | 'created';
}

/** The member a new address becomes (not yet written). */
export function newcomer(
	ctx: IntentContext,
	intentId: string,
	author: string,
	email: string,
	name: string
): Newcomer {
	const address = email.trim();
	const account = ctx.options.accounts?.[normalizeEmail(address)];
	const linked = account !== undefined && ctx.draft.state.members[account] === undefined;
	const created = !linked && ctx.policy.licenseModel.kind === 'device';
	const how = linked ? 'linked' : created ? 'created' : 'invited';
	const id = linked ? account : `${created ? 'user' : 'invite'}-${intentId}`;
	const member: Member = {
		id,
		email: address,
		name,
		status: how === 'invited' ? 'awaiting-registration' : 'active',
		roles: [],
		licenseAdmin: author,
		licenses: [],
		rightsGroup: null,
		modules: [],
		permissions: [],
		createdAt: ctx.now
	};
	return { member, how };
}

/** The history entry and e-mail of a newcomer (H1; the invitation mail for U1). */
export function newcomerEffects(
	ctx: IntentContext,
	author: string,
	comer: Newcomer
): { history: HistoryEntry[]; emails: EmailNotice[] } {
	const { member, how } = comer;
	const kind =
		how === 'linked' ? 'member.linked' : how === 'invited' ? 'member.invited' : 'member.added';
	const history = [historyEntry(ctx.now, author, kind, member.id, { email: member.email })];
	const emails =
		how === 'invited'
			? [
					memberEmail(member.id, member.email, 'invitation.sent', {
						groupId: ctx.draft.state.groupId
					})
				]
			: [];
	return { history, emails };
}

/** G4: the free-mail warning, when the policy asks for it. */
export function addressWarnings(ctx: IntentContext, email: string): Warning[] {
	return ctx.policy.warnFreeMail ? userAddressWarnings(email) : [];
}
