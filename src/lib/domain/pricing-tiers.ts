/**
 * P4 volume tiers. The tier comes from the group's COLLECTIVE volume of a product (every admin's
 * purchases together, G1) AFTER the purchase, and applies to that purchase only: earlier
 * purchases keep the price they were bought at (they are stored with their lines and never
 * recomputed). So a purchase that brings the group to a tier is priced at that tier, and buying a
 * few seats early can pay off.
 */

import type { Term } from './common-schema.ts';
import type { Product, Tier } from './policy-schema.ts';

/** The tier a purchase was priced at, and why. */
export interface TierChoice {
	/** The tier's range of collective volume: `from` … `to` (`null`: no upper bound). */
	from: number;
	to: number | null;
	unitPrice: number;
	/** The group's seats of this product before and after the purchase. */
	volumeBefore: number;
	volumeAfter: number;
	/** Why: the volume after the purchase falls in this tier (P4, never retroactive). */
	reason: 'volume-after-purchase';
}

/** The next tier up, so the screen can say "3 more seats reach the next discount" (P4). */
export interface NextTier {
	from: number;
	unitPrice: number;
	seatsToReach: number;
}

/** Index of the tier for a collective volume (the last tier whose `from` ≤ volume; at least 0). */
function tierIndex(tiers: readonly Tier[], volume: number): number {
	let index = 0;
	for (const [i, tier] of tiers.entries()) {
		if (tier.from <= volume) index = i;
	}
	return index;
}

/** The unit price of a tier for a term (policies are checked to price every offered term). */
function priceOf(tier: Tier | undefined, term: Term): number {
	return tier?.unitPrice[term] ?? 0;
}

/** The tier for a purchase taking the group's volume from `before` to `after`. */
export function chooseTier(
	product: Product,
	term: Term,
	before: number,
	after: number
): TierChoice {
	const index = tierIndex(product.tiers, after);
	const tier = product.tiers[index];
	const next = product.tiers[index + 1];
	return {
		from: tier?.from ?? 1,
		to: next === undefined ? null : next.from - 1,
		unitPrice: priceOf(tier, term),
		volumeBefore: before,
		volumeAfter: after,
		reason: 'volume-after-purchase'
	};
}

/** The next tier above a volume, or `null` at the top. */
export function nextTierAbove(product: Product, term: Term, volume: number): NextTier | null {
	const next = product.tiers[tierIndex(product.tiers, volume) + 1];
	if (next === undefined) return null;
	return { from: next.from, unitPrice: priceOf(next, term), seatsToReach: next.from - volume };
}

/** The unit price of a product at a collective volume. */
export function unitPriceAt(product: Product, term: Term, volume: number): number {
	return priceOf(product.tiers[tierIndex(product.tiers, volume)], term);
}
