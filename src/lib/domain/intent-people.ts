/**
 * People and roles (G2, U1, U5): the owner grants roles and names the one billable admin; a user
 * edits their own profile name (an admin cannot, admins only see the change); an invited user
 * completes their registration.
 */

import { fail } from './domain-result.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, memberOf, onlyHistory } from './intent-context.ts';
import type { IntentOf } from './intent-schema.ts';
import { putMember } from './state-draft.ts';

/** Whether another member than `except` is an owner. */
function anotherOwner(ctx: IntentContext, except: string): boolean {
	for (const id in ctx.draft.state.members) {
		if (id !== except && ctx.draft.state.members[id]?.roles.includes('owner') === true) return true;
	}
	return false;
}

/** G2: the owner sets a member's roles (owner, admin, viewer); billable moves separately. */
export function decideRoles(ctx: IntentContext, intent: IntentOf<'set-roles'>): Verdict {
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	const losesOwner = member.roles.includes('owner') && !intent.roles.includes('owner');
	if (losesOwner && !anotherOwner(ctx, member.id))
		return fail('role.last-owner', { memberId: member.id });
	const roles = [...new Set(intent.roles)].sort();
	const next = member.roles.includes('billable') ? [...roles, 'billable' as const] : roles;
	return accept(() => {
		putMember(ctx.draft, { ...member, roles: next });
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'roles.changed', member.id, {
				roles: next.join(',')
			})
		]);
	});
}

/** G2/I3: exactly one billable admin; naming another moves the role. */
export function decideBillable(
	ctx: IntentContext,
	intent: IntentOf<'set-billable-admin'>
): Verdict {
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	if (member.roles.includes('billable')) return accept(() => onlyHistory([]));
	const previous = Object.values(ctx.draft.state.members).find((m) => m.roles.includes('billable'));
	return accept(() => {
		if (previous !== undefined)
			putMember(ctx.draft, { ...previous, roles: previous.roles.filter((r) => r !== 'billable') });
		putMember(ctx.draft, { ...member, roles: [...member.roles, 'billable'] });
		const params = { from: previous?.id ?? null, to: member.id };
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'billable-admin.changed', member.id, params)
		]);
	});
}

/** U5: only the user edits their own profile name. */
export function decideProfile(ctx: IntentContext, intent: IntentOf<'update-profile'>): Verdict {
	if (intent.author !== intent.memberId)
		return fail('profile.only-self', { memberId: intent.memberId });
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	return accept(() => {
		putMember(ctx.draft, { ...member, name: intent.name });
		return onlyHistory([
			historyEntry(ctx.now, intent.author, 'profile.updated', member.id, {
				from: member.name,
				to: intent.name
			})
		]);
	});
}

/** U1: the invited user registers; "awaiting user registration" ends. */
export function decideRegistration(
	ctx: IntentContext,
	intent: IntentOf<'complete-registration'>
): Verdict {
	if (intent.author !== intent.memberId)
		return fail('profile.only-self', { memberId: intent.memberId });
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	if (member.status !== 'awaiting-registration')
		return fail('member.not-awaiting-registration', { memberId: member.id });
	return accept(() => {
		putMember(ctx.draft, { ...member, status: 'active' });
		return onlyHistory([
			historyEntry(ctx.now, intent.author, 'registration.completed', member.id, {})
		]);
	});
}
