/**
 * The quote for a new seat total (P3). An increase is charged for the added seats only, at the
 * tier of the group's collective volume after the purchase (P4), pro rata for what remains of the
 * term up to the single expiry (P2, P7), plus support as a percentage (P9). A reduction costs
 * nothing and is never refunded; it applies at the renewal or at once, as the policy says.
 */

import type { Fix } from './decision-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import { roundingRule } from './money-math.ts';
import { allowedPaymentMethods } from './payment-methods.ts';
import { findProduct } from './policy-parse.ts';
import type { Policy, Product } from './policy-schema.ts';
import type { PricingTerm } from './pricing-context.ts';
import { pricingTerm } from './pricing-context.ts';
import { pricedLine, checkSupportLevel, recurringSeatPrice, withSupport } from './pricing-lines.ts';
import type { Proration } from './pricing-proration.ts';
import { factorOf, prorate } from './pricing-proration.ts';
import { chooseTier, nextTierAbove } from './pricing-tiers.ts';
import type { Quote, SetSeatsRequest } from './pricing-types.ts';
import { holdingOf } from './seat-capacity.ts';
import type { Usage } from './seat-usage.ts';
import { productUsage, usageOf } from './seat-usage.ts';
import type { GroupState, Line } from './state-schema.ts';

/** Seats that must stay for what is in use (a reduction may not go below it). */
function seatsRequired(
	state: GroupState,
	policy: Policy,
	product: Product,
	usage: Usage | null
): number {
	const used = productUsage(usage ?? usageOf(state, policy), product.id);
	if (policy.licenseModel.kind === 'device')
		return used.standard + holdingOf(state, product.id).floating;
	if (product.kind === 'module') return used.standard > 0 ? 1 : 0;
	return used.standard;
}

/** P1 minimum, the product's maximum, and no reduction below what is in use. */
function checkTotal(
	state: GroupState,
	policy: Policy,
	product: Product,
	newTotal: number,
	usage: Usage | null
): Result<null> {
	const current = holdingOf(state, product.id).seats;
	if (product.maxQuantity !== null && newTotal > product.maxQuantity) {
		return fail('order.above-maximum', {
			product: product.id,
			maximum: product.maxQuantity,
			requested: newTotal
		});
	}
	if (newTotal < policy.minimumOrder) {
		const fix: Fix =
			current < policy.minimumOrder
				? { kind: 'buy-seats', product: product.id, count: policy.minimumOrder - current }
				: { kind: 'set-total', product: product.id, total: policy.minimumOrder };
		return fail(
			'order.below-minimum',
			{ product: product.id, minimum: policy.minimumOrder, requested: newTotal },
			{ fix }
		);
	}
	if (newTotal < current) {
		const required = seatsRequired(state, policy, product, usage);
		if (newTotal < required) {
			const fix = { kind: 'recall-one' as const, product: product.id };
			return fail(
				'seat.reduction-below-used',
				{ product: product.id, used: required, requested: newTotal },
				{ fix }
			);
		}
	}
	return ok(null);
}

/** The support level of this purchase: the running one, or the one chosen when starting. */
function supportFor(
	state: GroupState,
	policy: Policy,
	timing: PricingTerm,
	request: SetSeatsRequest
): Result<string | null> {
	return timing.starts
		? checkSupportLevel(policy, request.support)
		: ok(state.subscription.support);
}

/** Everything a seat quote is computed from, once checked. */
interface SeatPlan {
	product: Product;
	timing: PricingTerm;
	level: string | null;
	current: number;
	newTotal: number;
}

/** Checks the request and gathers its plan. */
function planSeats(
	state: GroupState,
	policy: Policy,
	request: SetSeatsRequest,
	today: string,
	usage: Usage | null
): Result<SeatPlan> {
	const product = findProduct(policy, request.product);
	if (product === undefined) return fail('product.unknown', { product: request.product });
	const timing = pricingTerm(state, policy, today, request.term);
	if (!timing.ok) return timing;
	const checked = checkTotal(state, policy, product, request.newTotal, usage);
	if (!checked.ok) return checked;
	const level = supportFor(state, policy, timing.value, request);
	if (!level.ok) return level;
	const current = holdingOf(state, product.id).seats;
	return ok({
		product,
		timing: timing.value,
		level: level.value,
		current,
		newTotal: request.newTotal
	});
}

/** Lines of an increase: added seats at the tier, pro rata up to the expiry, with support. */
function increaseLines(
	policy: Policy,
	plan: SeatPlan,
	delta: number,
	unitPrice: number
): Result<{ lines: Line[]; total: number; proration: Proration }> {
	const { timing } = plan;
	const proration = prorate(policy.proration, timing.term, timing.today, timing.expiry);
	const seats = pricedLine('seats', plan.product.id, delta, unitPrice, factorOf(proration));
	if (!seats.ok) return seats;
	const priced = withSupport(policy, plan.level, delta > 0 ? [seats.value] : []);
	return priced.ok ? ok({ ...priced.value, proration }) : priced;
}

/** P3: the recurring price of the product before and after the change. */
function recurringChange(
	policy: Policy,
	plan: SeatPlan
): Result<{ before: number; after: number }> {
	const { product, timing, level } = plan;
	const before = recurringSeatPrice(policy, product, timing.term, plan.current, level);
	if (!before.ok) return before;
	const after = recurringSeatPrice(policy, product, timing.term, plan.newTotal, level);
	return after.ok ? ok({ before: before.value, after: after.value }) : after;
}

/** When the change applies: a reduction may wait for the renewal. */
function effectiveWhen(policy: Policy, plan: SeatPlan): 'now' | 'at-renewal' {
	const waits =
		plan.newTotal < plan.current && !plan.timing.starts && policy.seatReductions === 'at-renewal';
	return waits ? 'at-renewal' : 'now';
}

/**
 * The quote for setting a product's seat total to `request.newTotal`. `usage` is the seat usage
 * when the caller already has it (a draft of pending decisions); otherwise it is counted.
 */
export function quoteSeats(
	state: GroupState,
	policy: Policy,
	request: SetSeatsRequest,
	today: string,
	usage: Usage | null = null
): Result<Quote> {
	const plan = planSeats(state, policy, request, today, usage);
	if (!plan.ok) return plan;
	const { product, timing, current, newTotal } = plan.value;
	const paid = timing.starts ? 0 : current;
	const delta = Math.max(newTotal - paid, 0);
	const tier = chooseTier(product, timing.term, paid, newTotal);
	const priced = increaseLines(policy, plan.value, delta, tier.unitPrice);
	if (!priced.ok) return priced;
	const recurring = recurringChange(policy, plan.value);
	if (!recurring.ok) return recurring;
	return ok({
		kind: 'seats',
		ref: product.id,
		currency: policy.currency,
		rounding: roundingRule,
		term: timing.term,
		starts: timing.starts,
		current,
		requested: newTotal,
		delta,
		effective: effectiveWhen(policy, plan.value),
		tier: delta > 0 ? tier : null,
		nextTier: nextTierAbove(product, timing.term, newTotal),
		proration: priced.value.proration,
		expiry: timing.expiry,
		lines: priced.value.lines,
		total: priced.value.total,
		paymentMethods: allowedPaymentMethods(policy, priced.value.total),
		paymentThreshold: policy.payment.threshold,
		recurring: recurring.value
	});
}
