/**
 * Priced lines. Each line is rounded once (see `money-math.ts`); a support line is a percentage
 * of the licence lines it covers (P9: a percentage of the licence fee, not a per-user price).
 */

import type { Term } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import type { Ratio } from './money-math.ts';
import { lineAmount, percentAmount, sumAmounts } from './money-math.ts';
import type { Policy, Product } from './policy-schema.ts';
import { unitPriceAt } from './pricing-tiers.ts';
import type { Line } from './state-schema.ts';

/** A line `quantity × unitPrice × factor`. */
export function pricedLine(
	kind: 'seats' | 'pack' | 'consumption',
	ref: string,
	quantity: number,
	unitPrice: number,
	factor: Ratio
): Result<Line> {
	const amount = lineAmount(quantity, unitPrice, factor);
	if (!amount.ok) return amount;
	return ok({
		kind,
		ref,
		quantity,
		unitPrice,
		numerator: factor.numerator,
		denominator: factor.denominator,
		percentBasisPoints: null,
		base: null,
		amount: amount.value
	});
}

/** Checks a support level against the policy: `null` (none) is always fine. */
export function checkSupportLevel(policy: Policy, level: string | null): Result<string | null> {
	if (level === null) return ok(null);
	if (policy.support === null) return fail('support.not-offered', { level });
	if (!policy.support.levels.some((l) => l.id === level))
		return fail('support.unknown-level', { level });
	return ok(level);
}

/**
 * P9: the support line for a licence fee `base`, or `null` without support. It reads as
 * `1 × amount`, with `base × percentBasisPoints ÷ 10,000 = amount` as its formula.
 */
export function supportLine(
	policy: Policy,
	level: string | null,
	base: number
): Result<Line | null> {
	const rate = policy.support?.levels.find((l) => l.id === level)?.percentBasisPoints;
	if (level === null || rate === undefined || base === 0) return ok(null);
	const amount = percentAmount(base, rate);
	if (!amount.ok) return amount;
	return ok({
		kind: 'support',
		ref: level,
		quantity: 1,
		unitPrice: amount.value,
		numerator: 1,
		denominator: 1,
		percentBasisPoints: rate,
		base,
		amount: amount.value
	});
}

/** Licence lines plus their support line, and the total. */
export function withSupport(
	policy: Policy,
	level: string | null,
	lines: Line[]
): Result<{ lines: Line[]; total: number }> {
	const base = sumAmounts(lines.filter((l) => l.kind === 'seats').map((l) => l.amount));
	if (!base.ok) return base;
	const support = supportLine(policy, level, base.value);
	if (!support.ok) return support;
	const all = support.value === null ? lines : [...lines, support.value];
	const total = sumAmounts(all.map((l) => l.amount));
	return total.ok ? ok({ lines: all, total: total.value }) : total;
}

/** The full-term price of `seats` seats of a product at the tier of that volume, with support. */
export function recurringSeatPrice(
	policy: Policy,
	product: Product,
	term: Term,
	seats: number,
	level: string | null
): Result<number> {
	if (seats === 0) return ok(0);
	const line = pricedLine('seats', product.id, seats, unitPriceAt(product, term, seats), {
		numerator: 1,
		denominator: 1
	});
	if (!line.ok) return line;
	const priced = withSupport(policy, level, [line.value]);
	return priced.ok ? ok(priced.value.total) : priced;
}
