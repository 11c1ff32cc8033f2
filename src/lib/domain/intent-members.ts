/**
 * Adding a person without a named license: a guest (U3), a module user (P12), an enterprise user
 * with permissions (D3). E-mails are unique within the group. U4: where everyone needs a license
 * (configuring, viewing or receiving data, visible application or not), a person can only join
 * by being given one.
 */

import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, checkSeatFree } from './intent-context.ts';
import { addressWarnings, newcomer, newcomerEffects } from './intent-newcomer.ts';
import type { IntentOf } from './intent-schema.ts';
import { findMemberByEmail } from './member-lookup.ts';
import { rightsGroupConsumes } from './seat-usage.ts';
import { putMember } from './state-draft.ts';

/** The rights group a new person joins, checked (U3), or `null` outside rights-group models. */
function joiningGroup(ctx: IntentContext, intent: IntentOf<'add-member'>): Result<string | null> {
	const model = ctx.policy.licenseModel;
	if (model.kind !== 'rights-group') {
		return intent.rightsGroup === null
			? ok(null)
			: fail('intent.not-applicable', { kind: intent.kind, model: model.kind });
	}
	const group = intent.rightsGroup ?? model.defaultGroup;
	if (!model.groups.some((g) => g.id === group))
		return fail('rights-group.unknown', { rightsGroup: group });
	if (rightsGroupConsumes(ctx.policy, group)) {
		const free = checkSeatFree(ctx, model.product, 'standard');
		if (!free.ok) return free;
	}
	return ok(group);
}

/** D3: permissions must be ones the policy offers (device/enterprise groups only). */
function checkPermissions(ctx: IntentContext, intent: IntentOf<'add-member'>): Result<null> {
	const model = ctx.policy.licenseModel;
	const offered = model.kind === 'device' ? model.permissions : [];
	const unknown = intent.permissions.find((p) => !offered.includes(p));
	return unknown === undefined ? ok(null) : fail('permission.unknown', { permission: unknown });
}

/** Adds a person by e-mail (U1 link or invite; D3 create). */
export function decideAddMember(ctx: IntentContext, intent: IntentOf<'add-member'>): Verdict {
	const model = ctx.policy.licenseModel;
	if (model.kind === 'named' && model.everyoneNeedsSeat) {
		return fail('member.license-required', {
			email: intent.email,
			product: ctx.policy.products[0]?.id ?? null
		});
	}
	if (findMemberByEmail(ctx.draft, intent.email) !== undefined)
		return fail('member.email-taken', { email: intent.email });
	const permissions = checkPermissions(ctx, intent);
	if (!permissions.ok) return permissions;
	const group = joiningGroup(ctx, intent);
	if (!group.ok) return group;
	const author = authorId(ctx, intent);
	const comer = newcomer(ctx, intent.id, author, intent.email, intent.name);
	const warnings = addressWarnings(ctx, intent.email);
	return accept(() => {
		putMember(ctx.draft, {
			...comer.member,
			rightsGroup: group.value,
			permissions: [...intent.permissions]
		});
		return { events: [], warnings, ...newcomerEffects(ctx, author, comer) };
	});
}
