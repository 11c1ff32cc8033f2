/**
 * P11: add-on packs hang off the main subscription. A recurring pack is charged pro rata up to
 * the single expiry and renews with the subscription; a one-off pack (training) is charged once.
 * An extra-users pack belongs to a module, which must be subscribed.
 */

import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import { lineAmount, roundingRule } from './money-math.ts';
import { allowedPaymentMethods } from './payment-methods.ts';
import type { Pack, Policy } from './policy-schema.ts';
import type { PricingTerm } from './pricing-context.ts';
import { pricingTerm } from './pricing-context.ts';
import { pricedLine } from './pricing-lines.ts';
import type { Proration } from './pricing-proration.ts';
import { factorOf, oneOff, prorate } from './pricing-proration.ts';
import type { AddPackRequest, Quote } from './pricing-types.ts';
import { holdingOf } from './seat-capacity.ts';
import type { GroupState } from './state-schema.ts';

/** The pack must hang off a running subscription, and an extra-users pack off a subscribed module. */
function checkPack(state: GroupState, pack: Pack, count: number): Result<null> {
	if (count < 1) return fail('quantity.out-of-range', { minimum: 1, requested: count });
	if (state.subscription.status !== 'active')
		return fail('pack.requires-subscription', { pack: pack.id });
	if (pack.module !== null && holdingOf(state, pack.module).seats < 1) {
		return fail('pack.module-not-subscribed', { pack: pack.id, module: pack.module });
	}
	return ok(null);
}

/** The recurring price per term of `count` packs. */
function recurringPackPrice(pack: Pack, unitPrice: number, count: number): Result<number> {
	if (pack.billing === 'one-off') return ok(0);
	return lineAmount(count, unitPrice, { numerator: 1, denominator: 1 });
}

/** The priced line and the recurring price before/after, for `count` packs bought today. */
function pricePack(
	pack: Pack,
	policy: Policy,
	state: GroupState,
	count: number,
	timing: PricingTerm
) {
	const { term, expiry, today } = timing;
	const unitPrice = pack.price[term] ?? 0;
	const proration: Proration =
		pack.billing === 'one-off'
			? oneOff(today, expiry)
			: prorate(policy.proration, term, today, expiry);
	const line = pricedLine('pack', pack.id, count, unitPrice, factorOf(proration));
	if (!line.ok) return line;
	const current = state.packs[pack.id] ?? 0;
	const before = recurringPackPrice(pack, unitPrice, current);
	if (!before.ok) return before;
	const after = recurringPackPrice(pack, unitPrice, current + count);
	if (!after.ok) return after;
	return ok({
		line: line.value,
		proration,
		current,
		recurring: { before: before.value, after: after.value }
	});
}

/** The quote for adding `request.count` packs. */
export function quotePack(
	state: GroupState,
	policy: Policy,
	request: AddPackRequest,
	today: string
): Result<Quote> {
	const pack = policy.packs.find((p) => p.id === request.pack);
	if (pack === undefined) return fail('pack.unknown', { pack: request.pack });
	const checked = checkPack(state, pack, request.count);
	if (!checked.ok) return checked;
	const timing = pricingTerm(state, policy, today, null);
	if (!timing.ok) return timing;
	const priced = pricePack(pack, policy, state, request.count, timing.value);
	if (!priced.ok) return priced;
	const { line, proration, current, recurring } = priced.value;
	return ok({
		kind: 'pack',
		ref: pack.id,
		currency: policy.currency,
		rounding: roundingRule,
		term: timing.value.term,
		starts: false,
		current,
		requested: request.count,
		delta: request.count,
		effective: 'now',
		tier: null,
		nextTier: null,
		proration,
		expiry: timing.value.expiry,
		lines: [line],
		total: line.amount,
		paymentMethods: allowedPaymentMethods(policy, line.amount),
		paymentThreshold: policy.payment.threshold,
		recurring
	});
}
