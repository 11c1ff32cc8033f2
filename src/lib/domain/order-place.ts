/**
 * Placing an order: only the owner buys or changes the seat count (G2), confirming with their
 * password where the policy says so (P3); annual terms need the signed licence agreement (P6); a
 * locked group pays first (I2). What is charged is exactly the quote the owner saw.
 */

import type { Actor, ActorInput } from './common-schema.ts';
import { ActorSchema } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { Outcome } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import { applyPurchase } from './order-purchase.ts';
import type { Policy } from './policy-schema.ts';
import { checkRequest, priceRequest } from './pricing-quote.ts';
import type { Quote, QuoteRequest, QuoteRequestInput } from './pricing-types.ts';
import { parseWith } from './schema-parse.ts';
import { holdingOf } from './seat-capacity.ts';
import type { Usage } from './seat-usage.ts';
import type { GroupState } from './state-schema.ts';

/** An order's outcome, with the quote it charged. */
export type OrderOutcome = Outcome & { quote: Quote };

/** G2 owner only, P3 password, I2 not while locked. */
export function authorizeOrder(state: GroupState, policy: Policy, actor: Actor): Result<null> {
	if (!actor.roles.includes('owner'))
		return fail('order.owner-only', { actor: actor.userId }, { fix: { kind: 'ask-owner' } });
	if (policy.ownerConfirmsWithPassword && !actor.passwordConfirmed)
		return fail('order.password-required');
	const blocking = state.lock?.invoiceIds[0];
	if (blocking !== undefined)
		return fail(
			'group.locked',
			{ invoiceId: blocking },
			{ fix: { kind: 'pay-invoice', invoiceId: blocking } }
		);
	return ok(null);
}

/** P6: a subscription on a term that needs the CLA starts only once it is signed. */
function checkAgreement(state: GroupState, policy: Policy, quote: Quote): Result<null> {
	const needs = quote.starts && policy.claRequiredFor.includes(quote.term);
	if (needs && state.subscription.claSignedOn === null)
		return fail('order.cla-required', { term: quote.term }, { fix: { kind: 'sign-cla' } });
	if (quote.kind === 'seats' && quote.requested === quote.current && !quote.starts)
		return fail('order.no-change', { total: quote.current });
	if (quote.starts && quote.requested === 0) return fail('order.no-change', { total: 0 });
	return ok(null);
}

/** A lower seat total: scheduled for the renewal, or applied at once; never refunded. */
function applyReduction(
	state: GroupState,
	quote: Quote,
	actor: Actor,
	now: number,
	today: string
): Outcome {
	const holding = holdingOf(state, quote.ref);
	const params = { product: quote.ref, from: quote.current, to: quote.requested };
	if (quote.effective === 'at-renewal') {
		const holdings = {
			...state.holdings,
			[quote.ref]: { ...holding, pendingSeats: quote.requested }
		};
		const entry = historyEntry(now, actor.userId, 'seats.reduction-scheduled', quote.ref, {
			...params,
			on: quote.expiry
		});
		return { state: { ...state, holdings }, events: [], emails: [], history: [entry] };
	}
	const holdings = {
		...state.holdings,
		[quote.ref]: { ...holding, seats: quote.requested, pendingSeats: null }
	};
	const event = {
		type: 'seats.reduced' as const,
		groupId: state.groupId,
		at: now,
		author: actor.userId,
		...params,
		on: today
	};
	return {
		state: { ...state, holdings },
		events: [event],
		emails: [billingEmail(state, 'seats.reduced', params)],
		history: [historyEntry(now, actor.userId, 'seats.reduced', quote.ref, params)]
	};
}

/**
 * Places a parsed order for a parsed actor on a valid day; `usage` is passed by a draft of
 * pending decisions, whose members record is still being written.
 */
export function orderOnDay(
	state: GroupState,
	policy: Policy,
	request: QuoteRequest,
	actor: Actor,
	now: number,
	today: string,
	usage: Usage | null = null
): Result<OrderOutcome> {
	const allowed = authorizeOrder(state, policy, actor);
	if (!allowed.ok) return allowed;
	const priced = priceRequest(state, policy, request, today, usage);
	if (!priced.ok) return priced;
	const quote = priced.value;
	const agreed = checkAgreement(state, policy, quote);
	if (!agreed.ok) return agreed;
	if (quote.kind === 'seats' && quote.requested < quote.current && !quote.starts) {
		return ok({ ...applyReduction(state, quote, actor, now, today), quote });
	}
	const support = request.kind === 'set-seats' ? request.support : null;
	return ok({ ...applyPurchase(state, policy, quote, support, actor, now, today), quote });
}

/**
 * Buys or changes seats (P3: the new total) or adds packs (P11), as `actor` at instant `now`.
 * Returns the next state, the ledger payloads (`subscription.started`, `order.placed`,
 * `license-key.issued`, `invoice.issued` — key before invoice, P8), the billing e-mails for the
 * billable admin (I3), the history entries (H1) and the quote that was charged.
 */
export function placeOrder(
	state: GroupState,
	policy: Policy,
	order: QuoteRequestInput,
	actor: ActorInput,
	now: number
): Result<OrderOutcome> {
	return guard(() => {
		const checked = checkRequest(policy, order, now);
		if (!checked.ok) return checked;
		const who = parseWith(ActorSchema, actor, 'request.invalid');
		if (!who.ok) return who;
		return orderOnDay(state, policy, checked.value.request, who.value, now, checked.value.today);
	});
}
