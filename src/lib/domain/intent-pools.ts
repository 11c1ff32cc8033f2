/**
 * D2 mixed accounts: of the purchased total, some licenses are managed as a standard pool and the
 * rest as a floating pool. Changing the split may not strand a device: each pool must still hold
 * the devices that use it.
 */

import type { Pool } from './common-schema.ts';
import { fail } from './domain-result.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, onlyHistory } from './intent-context.ts';
import type { IntentOf } from './intent-schema.ts';
import { findProduct } from './policy-parse.ts';
import { holdingOf, poolCapacity } from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import { draftUsage, patchState } from './state-draft.ts';

/** D2: set how many of a product's licenses float. */
export function decidePoolSplit(ctx: IntentContext, intent: IntentOf<'set-pool-split'>): Verdict {
	const model = ctx.policy.licenseModel;
	if (model.kind !== 'device')
		return fail('intent.not-applicable', { kind: intent.kind, model: model.kind });
	if (findProduct(ctx.policy, intent.product) === undefined)
		return fail('product.unknown', { product: intent.product });
	const holding = holdingOf(ctx.draft.state, intent.product);
	if (intent.floating > holding.seats)
		return fail('pool.split-out-of-range', { maximum: holding.seats, requested: intent.floating });
	const next = { ...holding, floating: intent.floating };
	const used = productUsage(draftUsage(ctx.draft, ctx.policy), intent.product);
	for (const pool of ['standard', 'floating'] as const satisfies readonly Pool[]) {
		const size = poolCapacity(next, pool);
		if (size > 0 && !model.pools.includes(pool)) return fail('pool.kind-not-allowed', { pool });
		if (used[pool] > size)
			return fail(
				'pool.split-below-used',
				{ pool, used: used[pool], size },
				{ fix: { kind: 'move-device-license', product: intent.product } }
			);
	}
	return accept(() => {
		const state = ctx.draft.state;
		patchState(ctx.draft, { ...state, holdings: { ...state.holdings, [intent.product]: next } });
		const params = {
			product: intent.product,
			floating: intent.floating,
			standard: holding.seats - intent.floating
		};
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'pool.split-changed', intent.product, params)
		]);
	});
}
