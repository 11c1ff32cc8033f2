/**
 * P2 pro rata. Seats added during a term are charged for what remains of it, by whole months
 * (a started month counts in full: 6 months left → 6/12) or by days (remaining days / days of the
 * term), as the policy says. P7 co-terming: every purchase ends on the group's single expiry date,
 * so the term used is always the nominal one ending on that date, `[expiry − term, expiry)`.
 * The factor never exceeds 1 because `today` is never before the nominal start.
 */

import { addMonths, daysBetween } from './calendar-dates.ts';
import type { Term } from './common-schema.ts';
import type { Ratio } from './money-math.ts';

/** Months in a billing term. */
export function termMonths(term: Term): number {
	return term === 'annual' ? 12 : 1;
}

/** The time basis of a price: the factor is `remaining / of`, counted in `basis` units. */
export interface Proration {
	/** `month`/`day`: pro rata; `one-off`: a one-time charge, factor 1/1. */
	basis: 'month' | 'day' | 'one-off';
	/** The period charged: from `from` (today) up to `to` (the expiry, exclusive). */
	from: string;
	to: string;
	remaining: number;
	of: number;
}

/** The proration of a charge from `today` to `expiry` in a term, by months or days. */
export function prorate(
	basis: 'month' | 'day',
	term: Term,
	today: string,
	expiry: string
): Proration {
	const months = termMonths(term);
	if (basis === 'month') {
		const remaining = Math.min(monthsUntilBounded(today, expiry, months), months);
		return { basis, from: today, to: expiry, remaining, of: months };
	}
	const of = daysBetween(addMonths(expiry, -months), expiry);
	const remaining = Math.min(Math.max(daysBetween(today, expiry), 0), of);
	return { basis, from: today, to: expiry, remaining, of };
}

/** Whole months left, a started month counting in full, never more than `cap`. */
function monthsUntilBounded(today: string, expiry: string, cap: number): number {
	let months = 0;
	while (months < cap && addMonths(expiry, -months) > today) months += 1;
	return months;
}

/** A one-time charge: no proration. */
export function oneOff(today: string, expiry: string): Proration {
	return { basis: 'one-off', from: today, to: expiry, remaining: 1, of: 1 };
}

/** The proration as a ratio for the money module. */
export function factorOf(proration: Proration): Ratio {
	return { numerator: proration.remaining, denominator: proration.of };
}
