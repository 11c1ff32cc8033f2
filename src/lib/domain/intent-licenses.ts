/**
 * Named licenses: give (U1), recall to the unallocated pool (U2), and — for rights-group
 * products — move a person between rights groups (U3: employee and admin consume a seat, guest
 * does not; logging in changes nothing).
 */

import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import { memberEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, checkSeatFree, memberOf, onlyHistory } from './intent-context.ts';
import type { Newcomer } from './intent-newcomer.ts';
import { addressWarnings, newcomer, newcomerEffects } from './intent-newcomer.ts';
import type { IntentOf } from './intent-schema.ts';
import { findMemberByEmail } from './member-lookup.ts';
import { findProduct } from './policy-parse.ts';
import { rightsGroupConsumes } from './seat-usage.ts';
import { putMember } from './state-draft.ts';
import type { Member } from './state-schema.ts';

/** The intent only makes sense under one license model. */
export function requireModel(ctx: IntentContext, kind: string, model: string): Result<null> {
	return ctx.policy.licenseModel.kind === model
		? ok(null)
		: fail('intent.not-applicable', { kind, model: ctx.policy.licenseModel.kind });
}

/** The member receiving a license: existing, found by address, or a newcomer (U1). */
function recipient(
	ctx: IntentContext,
	intent: IntentOf<'assign-license'>
): Result<{ member: Member; comer: Newcomer | null }> {
	const { target } = intent;
	if (target.by === 'member') {
		const member = memberOf(ctx, target.memberId);
		return member.ok ? ok({ member: member.value, comer: null }) : member;
	}
	const existing = findMemberByEmail(ctx.draft, target.email);
	if (existing !== undefined) return ok({ member: existing, comer: null });
	const comer = newcomer(ctx, intent.id, authorId(ctx, intent), target.email, target.name);
	return ok({ member: comer.member, comer });
}

/** U1/U2: give a named license to a member or an address. */
export function decideAssign(ctx: IntentContext, intent: IntentOf<'assign-license'>): Verdict {
	const model = requireModel(ctx, intent.kind, 'named');
	if (!model.ok) return model;
	if (findProduct(ctx.policy, intent.product) === undefined)
		return fail('product.unknown', { product: intent.product });
	const found = recipient(ctx, intent);
	if (!found.ok) return found;
	const { member, comer } = found.value;
	if (member.licenses.includes(intent.product))
		return fail('seat.already-assigned', { memberId: member.id, product: intent.product });
	const free = checkSeatFree(ctx, intent.product, 'standard');
	if (!free.ok) return free;
	const author = authorId(ctx, intent);
	const warnings = intent.target.by === 'email' ? addressWarnings(ctx, intent.target.email) : [];
	return accept(() => {
		putMember(ctx.draft, { ...member, licenses: [...member.licenses, intent.product] });
		const joined =
			comer === null ? { history: [], emails: [] } : newcomerEffects(ctx, author, comer);
		const given =
			comer?.how === 'invited'
				? []
				: [memberEmail(member.id, member.email, 'license.given', { product: intent.product })];
		const assigned = historyEntry(ctx.now, author, 'license.assigned', member.id, {
			product: intent.product
		});
		return {
			events: [],
			emails: [...joined.emails, ...given],
			history: [...joined.history, assigned],
			warnings
		};
	});
}

/** U2: recall a license; the seat goes back to the unallocated pool. */
export function decideRecall(ctx: IntentContext, intent: IntentOf<'recall-license'>): Verdict {
	const model = requireModel(ctx, intent.kind, 'named');
	if (!model.ok) return model;
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	if (!member.licenses.includes(intent.product))
		return fail('seat.not-assigned', { memberId: member.id, product: intent.product });
	return accept(() => {
		putMember(ctx.draft, {
			...member,
			licenses: member.licenses.filter((p) => p !== intent.product)
		});
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'license.recalled', member.id, {
				product: intent.product
			})
		]);
	});
}

/** U3: move a person to another rights group; a consuming group needs a free seat. */
export function decideRightsGroup(
	ctx: IntentContext,
	intent: IntentOf<'change-rights-group'>
): Verdict {
	const model = ctx.policy.licenseModel;
	if (model.kind !== 'rights-group')
		return fail('intent.not-applicable', { kind: intent.kind, model: model.kind });
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	if (!model.groups.some((g) => g.id === intent.rightsGroup))
		return fail('rights-group.unknown', { rightsGroup: intent.rightsGroup });
	if (member.rightsGroup === intent.rightsGroup) return accept(() => onlyHistory([]));
	const takes =
		rightsGroupConsumes(ctx.policy, intent.rightsGroup) &&
		!rightsGroupConsumes(ctx.policy, member.rightsGroup);
	if (takes) {
		const free = checkSeatFree(ctx, model.product, 'standard');
		if (!free.ok) return free;
	}
	return accept(() => {
		putMember(ctx.draft, { ...member, rightsGroup: intent.rightsGroup });
		const params = { from: member.rightsGroup, to: intent.rightsGroup };
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'rights-group.changed', member.id, params)
		]);
	});
}
