/**
 * The quote: the price of a change without doing it. The browser's preview and the server's
 * `POST /api/groups/:id/quote` call this same function, and `placeOrder` charges exactly what it
 * returns, so what the owner confirmed is what is invoiced.
 */

import { dateOfInstant, isInstant } from './calendar-dates.ts';
import type { Result } from './domain-result.ts';
import { fail, guard } from './domain-result.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import { quotePack } from './pricing-packs.ts';
import { quoteSeats } from './pricing-seats.ts';
import type { Quote, QuoteRequest, QuoteRequestInput } from './pricing-types.ts';
import { QuoteRequestSchema } from './pricing-types.ts';
import { parseWith } from './schema-parse.ts';
import type { Usage } from './seat-usage.ts';
import type { GroupState } from './state-schema.ts';

/** Prices a parsed request on a valid day (shared by `quote`, `placeOrder` and intents). */
export function priceRequest(
	state: GroupState,
	policy: Policy,
	request: QuoteRequest,
	today: string,
	usage: Usage | null = null
): Result<Quote> {
	return request.kind === 'set-seats'
		? quoteSeats(state, policy, request, today, usage)
		: quotePack(state, policy, request, today);
}

/** Validates `now` and the request; the typed errors of "bad input". */
export function checkRequest(
	policy: Policy,
	request: unknown,
	now: number
): Result<{ request: QuoteRequest; today: string }> {
	const valid = ensurePolicy(policy);
	if (!valid.ok) return valid;
	if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
	const parsed = parseWith(QuoteRequestSchema, request, 'request.invalid');
	if (!parsed.ok) return parsed;
	return { ok: true, value: { request: parsed.value, today: dateOfInstant(now) } };
}

/**
 * The price of a change — a new seat total (P3) or packs (P11) — at instant `now`: lines, tier
 * and why (P4), proration and its time basis (P2), co-termed expiry (P7), support (P9), total,
 * rounding rule and payment methods (P5). Never throws; bad input is a typed error.
 */
export function quote(
	state: GroupState,
	policy: Policy,
	request: QuoteRequestInput,
	now: number
): Result<Quote> {
	return guard(() => {
		const checked = checkRequest(policy, request, now);
		if (!checked.ok) return checked;
		return priceRequest(state, policy, checked.value.request, checked.value.today);
	});
}
