/**
 * P12 module access. A module covers its included users (the administrator) plus the users of
 * its extra-users packs. Beyond that, a user is billed by consumption for each module they can
 * access — accepted with a warning, and counted into the period's peak — or, where the policy
 * does not bill by consumption, refused with "buy a pack" as the fix.
 */

import type { Warning } from './decision-schema.ts';
import { fail } from './domain-result.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, checkRunning, memberOf, onlyHistory } from './intent-context.ts';
import { requireModel } from './intent-licenses.ts';
import type { IntentOf } from './intent-schema.ts';
import { findProduct } from './policy-parse.ts';
import type { Product } from './policy-schema.ts';
import { billsByConsumption, holdingOf, moduleCoverage, noneFree } from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import { draftUsage, patchState } from './state-draft.ts';
import { putMember } from './state-draft.ts';

/** Records a new peak of uncovered users for the current consumption period. */
function raisePeak(ctx: IntentContext, module: string, uncovered: number): void {
	const state = ctx.draft.state;
	const peak = state.consumption.peak[module] ?? 0;
	if (uncovered <= peak) return;
	patchState(ctx.draft, {
		...state,
		consumption: { ...state.consumption, peak: { ...state.consumption.peak, [module]: uncovered } }
	});
}

/** Granting access beyond the coverage: consumption (warning) or refusal. */
function overCoverage(
	ctx: IntentContext,
	module: Product,
	users: number,
	covered: number
): Warning[] | ReturnType<typeof noneFree> {
	if (!billsByConsumption(ctx.policy, module))
		return noneFree(ctx.policy, module.id, users, covered);
	return [
		{
			code: 'seat.billed-by-consumption',
			params: { module: module.id, price: module.consumptionPrice, uncovered: users + 1 - covered }
		}
	];
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
	let warnings: Warning[] = [];
	if (intent.access) {
		if (holdingOf(ctx.draft.state, module.id).seats < 1)
			return fail('module.not-subscribed', { module: module.id });
		const running = checkRunning(ctx);
		if (!running.ok) return running;
		const users = productUsage(draftUsage(ctx.draft, ctx.policy), module.id).standard;
		const covered = moduleCoverage(ctx.draft.state, ctx.policy, module);
		if (users + 1 > covered) {
			const over = overCoverage(ctx, module, users, covered);
			if (!Array.isArray(over)) return over;
			warnings = over;
		}
	}
	return accept(() => {
		const modules = intent.access
			? [...member.modules, module.id]
			: member.modules.filter((m) => m !== module.id);
		putMember(ctx.draft, { ...member, modules });
		const users = productUsage(draftUsage(ctx.draft, ctx.policy), module.id).standard;
		raisePeak(
			ctx,
			module.id,
			Math.max(users - moduleCoverage(ctx.draft.state, ctx.policy, module), 0)
		);
		const entry = historyEntry(ctx.now, authorId(ctx, intent), 'module-access.changed', member.id, {
			module: module.id,
			access: intent.access
		});
		return onlyHistory([entry], warnings);
	});
}
