/**
 * The term a price is computed in: the running subscription's term and single expiry (P7), or —
 * for a first purchase or a restart after expiry — the requested term and a new expiry (one term
 * from today, or the date the vendor operator set beforehand).
 */

import { addMonths } from './calendar-dates.ts';
import type { Term } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import type { Policy } from './policy-schema.ts';
import { termMonths } from './pricing-proration.ts';
import type { GroupState } from './state-schema.ts';

/** Where a purchase sits in time. */
export interface PricingTerm {
	term: Term;
	/** The date every license of the group ends (P7: co-termed). */
	expiry: string;
	/** True when this purchase starts a subscription (first purchase or restart). */
	starts: boolean;
	today: string;
}

/** The term of a subscription that is running. */
function runningTerm(state: GroupState, today: string): Result<PricingTerm> {
	const { term, expiry } = state.subscription;
	if (term === null || expiry === null) return fail('subscription.none');
	if (expiry <= today)
		return fail('subscription.renewal-due', { expiry }, { fix: { kind: 'renew' } });
	return ok({ term, expiry, starts: false, today });
}

/** The expiry of a subscription starting today: the operator's date (P7) or one term ahead. */
function startExpiry(state: GroupState, term: Term, today: string): Result<string> {
	const natural = addMonths(today, termMonths(term));
	const chosen = state.subscription.status === 'none' ? state.subscription.firstExpiry : null;
	if (chosen === null) return ok(natural);
	if (chosen <= today || chosen > natural) {
		return fail('expiry.out-of-range', { expiry: chosen, earliest: today, latest: natural });
	}
	return ok(chosen);
}

/**
 * The pricing term for a purchase made `today`; `requested` is the term asked for when the
 * purchase starts a subscription (ignored otherwise: a running subscription keeps its term).
 */
export function pricingTerm(
	state: GroupState,
	policy: Policy,
	today: string,
	requested: Term | null
): Result<PricingTerm> {
	if (state.subscription.status === 'active') return runningTerm(state, today);
	const term = requested ?? policy.terms[0] ?? 'annual';
	if (!policy.terms.includes(term)) {
		return fail('order.term-not-offered', { term, offered: policy.terms.join(',') });
	}
	const expiry = startExpiry(state, term, today);
	if (!expiry.ok) return expiry;
	return ok({ term, expiry: expiry.value, starts: true, today });
}
