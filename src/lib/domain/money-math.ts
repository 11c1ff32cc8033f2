/**
 * Money.
 *
 * THE ROUNDING RULE (one, everywhere): amounts are integers in the currency's minor unit (cents).
 * A line's amount is computed with exact rational arithmetic on BigInt —
 * `quantity × unitPrice × numerator ÷ denominator`, or `base × basisPoints ÷ 10,000` for a
 * percentage — and rounded ONCE, to the nearest minor unit, half away from zero. A total is the
 * plain sum of its already-rounded lines, so the lines the screen shows always add up to the total
 * it shows. A percentage line (support, P9) applies to the sum of the rounded lines it covers.
 *
 * BigInt is used inside because `quantity × unitPrice × numerator` can pass 2^53 for large groups
 * and long day-based terms; results beyond `Number.MAX_SAFE_INTEGER` are refused, not wrapped.
 */

import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';

/** The rounding rule, as a code the UI can translate and show next to a quote's formula. */
export const roundingRule = 'money.rounding.per-line-half-away-from-zero';

/** The type of {@link roundingRule}. */
export type RoundingRule = typeof roundingRule;

/** Basis points in 100 %: a support level of 20 % is 2,000 basis points. */
export const basisPointsPerWhole = 10_000;

/** A non-negative fraction, e.g. the proration factor 6/12. */
export interface Ratio {
	numerator: number;
	denominator: number;
}

/** `n ÷ d` rounded to the nearest integer, half away from zero (`d` > 0). */
export function divideRounded(n: bigint, d: bigint): bigint {
	const negative = n < 0n;
	const magnitude = negative ? -n : n;
	const quotient = (2n * magnitude + d) / (2n * d);
	return negative ? -quotient : quotient;
}

/** Converts a BigInt amount back to a number, refusing what a number cannot hold exactly. */
function toSafeAmount(amount: bigint): Result<number> {
	if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
		return fail('money.overflow', { limit: Number.MAX_SAFE_INTEGER });
	}
	return ok(Number(amount));
}

/** One line: `quantity × unitPrice × factor`, rounded once (see the rule above). */
export function lineAmount(quantity: number, unitPrice: number, factor: Ratio): Result<number> {
	const n = BigInt(quantity) * BigInt(unitPrice) * BigInt(factor.numerator);
	return toSafeAmount(divideRounded(n, BigInt(factor.denominator)));
}

/** A percentage line: `base × basisPoints ÷ 10,000`, rounded once. */
export function percentAmount(base: number, basisPoints: number): Result<number> {
	const n = BigInt(base) * BigInt(basisPoints);
	return toSafeAmount(divideRounded(n, BigInt(basisPointsPerWhole)));
}

/** The sum of already-rounded amounts, refusing overflow. */
export function sumAmounts(amounts: readonly number[]): Result<number> {
	let total = 0n;
	for (const amount of amounts) total += BigInt(amount);
	return toSafeAmount(total);
}
