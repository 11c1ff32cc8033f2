/**
 * P12 module access. A module's subscription includes its administrator; every other user with
 * access is an extra user, covered by the module's extra-users packs. Beyond them, a user is
 * billed by consumption for each module they can access — accepted with a warning and counted
 * into the period's peak — or, where the module is not billed so, refused with "buy a pack".
 */

import type { Warning } from './decision-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, checkRunning, memberOf, onlyHistory } from './intent-context.ts';
import { requireModel } from './intent-licenses.ts';
import type { IntentOf } from './intent-schema.ts';
import { findProduct } from './policy-parse.ts';
import type { Product } from './policy-schema.ts';
import { billsByConsumption, holdingOf, noneFree, uncoveredOf } from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import { draftUsage, patchState, putMember } from './state-draft.ts';
import type { Member } from './state-schema.ts';

/** Uncovered users of a module in the draft, with `extra` more users (`owners` of them owners). */
function uncoveredNow(ctx: IntentContext, module: Product, extra = 0, owners = 0): number {
	const used = productUsage(draftUsage(ctx.draft, ctx.policy), module.id);
	return uncoveredOf(
		ctx.draft.state,
		ctx.policy,
		module,
		used.standard + extra,
		used.administrators + owners
	);
}

/** Records a new peak of uncovered users for the current consumption period. */
function raisePeak(ctx: IntentContext, module: string, uncovered: number): void {
	const state = ctx.draft.state;
	const peak = state.consumption.peak[module] ?? 0;
	if (uncovered <= peak) return;
	const consumption = {
		...state.consumption,
		peak: { ...state.consumption.peak, [module]: uncovered }
	};
	patchState(ctx.draft, { ...state, consumption });
}

/** Checks a grant: subscribed module, running subscription, coverage (consumption or refusal). */
function checkGrant(ctx: IntentContext, module: Product, member: Member): Result<Warning[]> {
	if (holdingOf(ctx.draft.state, module.id).seats < 1)
		return fail('module.not-subscribed', { module: module.id });
	const running = checkRunning(ctx);
	if (!running.ok) return running;
	const before = uncoveredNow(ctx, module);
	const after = uncoveredNow(ctx, module, 1, member.roles.includes('owner') ? 1 : 0);
	if (after <= before) return ok([]);
	if (!billsByConsumption(ctx.policy, module)) {
		const used = productUsage(draftUsage(ctx.draft, ctx.policy), module.id).standard;
		return noneFree(ctx.policy, module.id, used, used - before);
	}
	return ok([
		{
			code: 'seat.billed-by-consumption',
			params: { module: module.id, price: module.consumptionPrice, uncovered: after }
		}
	]);
}

/** P12: give or take a member's access to a module. */
export function decideModuleAccess(
	ctx: IntentContext,
	intent: IntentOf<'set-module-access'>
): Verdict {
	const model = requireModel(ctx, intent.kind, 'module-access');
	if (!model.ok) return model;
	const found = memberOf(ctx, intent.memberId);
	if (!found.ok) return found;
	const member = found.value;
	const module = findProduct(ctx.policy, intent.module);
	if (module?.kind !== 'module') return fail('product.unknown', { product: intent.module });
	if (member.modules.includes(module.id) === intent.access) return accept(() => onlyHistory([]));
	const warnings = intent.access ? checkGrant(ctx, module, member) : ok([]);
	if (!warnings.ok) return warnings;
	return accept(() => {
		const modules = intent.access
			? [...member.modules, module.id]
			: member.modules.filter((m) => m !== module.id);
		putMember(ctx.draft, { ...member, modules });
		raisePeak(ctx, module.id, uncoveredNow(ctx, module));
		const params = { module: module.id, access: intent.access };
		return onlyHistory(
			[historyEntry(ctx.now, authorId(ctx, intent), 'module-access.changed', member.id, params)],
			warnings.value
		);
	});
}
