/**
 * The effects of a purchase: seats or packs added, the order stored with its own lines (P4: never
 * repriced), the subscription started on a first purchase (P6, P7, P10), the licence key issued
 * and THEN the invoice (P8), billing e-mails to the billable admin (I3), history (H1).
 */

import { addBusinessDays } from './calendar-dates.ts';
import type { Actor } from './common-schema.ts';
import type { Effects, Outcome } from './engine-outcome.ts';
import { addEffects } from './engine-outcome.ts';
import { billingEmail, vendorEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import { issueInvoice } from './invoice-issue.ts';
import type { Policy } from './policy-schema.ts';
import type { Quote } from './pricing-types.ts';
import { holdingOf } from './seat-capacity.ts';
import type { GroupState, Order, Subscription } from './state-schema.ts';

/** The subscription a purchase starts (first purchase or restart after expiry). */
function startedSubscription(
	state: GroupState,
	policy: Policy,
	quote: Quote,
	support: string | null,
	today: string
): Subscription {
	return {
		...state.subscription,
		status: 'active',
		term: quote.term,
		startedOn: today,
		expiry: quote.expiry,
		firstExpiry: null,
		autoRenew: policy.autoRenewDefault,
		support,
		pendingSupport: null
	};
}

/** The state after adding what the quote sells (seats or packs), before invoicing. */
function withPurchase(
	state: GroupState,
	policy: Policy,
	quote: Quote,
	support: string | null,
	today: string
): GroupState {
	const next: GroupState = { ...state };
	if (quote.kind === 'seats') {
		const holding = holdingOf(state, quote.ref);
		next.holdings = {
			...state.holdings,
			[quote.ref]: { ...holding, seats: quote.requested, pendingSeats: null }
		};
	} else {
		next.packs = { ...state.packs, [quote.ref]: (state.packs[quote.ref] ?? 0) + quote.delta };
	}
	if (quote.starts) {
		next.subscription = startedSubscription(state, policy, quote, support, today);
		if (policy.consumption !== null) next.consumption = { periodStart: today, peak: {} };
	}
	return next;
}

/** The ledger event and history entry of a subscription that starts. */
function startEffects(state: GroupState, actor: Actor, now: number): Effects {
	const sub = state.subscription;
	const params = { term: sub.term, expiry: sub.expiry, autoRenew: sub.autoRenew };
	return {
		events: [
			{
				type: 'subscription.started',
				groupId: state.groupId,
				at: now,
				author: actor.userId,
				term: sub.term ?? 'annual',
				startedOn: sub.startedOn ?? '1970-01-01',
				expiry: sub.expiry ?? '1970-01-01',
				autoRenew: sub.autoRenew,
				support: sub.support
			}
		],
		emails: [],
		history: [historyEntry(now, actor.userId, 'subscription.started', null, params)]
	};
}

/** The order record and its ledger event, e-mail and history entry. */
function orderEffects(state: GroupState, order: Order, newTotal: number): Effects {
	const params = { ref: order.ref, quantity: order.quantity, total: order.total, newTotal };
	return {
		events: [
			{
				type: 'order.placed',
				groupId: state.groupId,
				at: order.at,
				author: order.author,
				orderId: order.id,
				kind: order.kind,
				ref: order.ref,
				quantity: order.quantity,
				newTotal,
				tierFrom: order.tierFrom,
				lines: order.lines,
				total: order.total,
				invoiceId: order.invoiceId
			}
		],
		emails: [billingEmail(state, 'purchase.confirmation', { orderId: order.id, ...params })],
		history: [
			historyEntry(
				order.at,
				order.author,
				order.kind === 'seats' ? 'seats.ordered' : 'pack.added',
				order.ref,
				params
			)
		]
	};
}

/** P8: the licence key (seats, packs, expiry), promised within the policy's business days. */
function licenseKeyEffects(
	state: GroupState,
	policy: Policy,
	actor: Actor,
	now: number,
	today: string
): Effects {
	const keyId = `key-${state.counters.licenseKey}`;
	const promisedBy = addBusinessDays(today, policy.licenseKeyWithinBusinessDays ?? 0);
	const seats: Record<string, number> = {};
	for (const [product, holding] of Object.entries(state.holdings)) seats[product] = holding.seats;
	const expiry = state.subscription.expiry ?? today;
	return {
		events: [
			{
				type: 'license-key.issued',
				groupId: state.groupId,
				at: now,
				author: actor.userId,
				keyId,
				seats,
				packs: { ...state.packs },
				expiry,
				promisedBy
			}
		],
		emails: [billingEmail(state, 'license-key.delivered', { keyId, expiry, promisedBy })],
		history: [historyEntry(now, actor.userId, 'license-key.issued', keyId, { expiry, promisedBy })]
	};
}

/** The order record of a priced purchase (P4: stored with its own lines, never repriced). */
function orderRecord(
	state: GroupState,
	quote: Quote,
	actor: Actor,
	now: number,
	invoiceId: string
): Order {
	return {
		id: `order-${state.counters.order + 1}`,
		kind: quote.kind,
		ref: quote.ref,
		quantity: quote.delta,
		at: now,
		author: actor.userId,
		term: quote.term,
		tierFrom: quote.tier?.from ?? null,
		lines: quote.lines,
		total: quote.total,
		invoiceId
	};
}

/** P11: a training pack asks the vendor to propose dates. */
function trainingEffects(state: GroupState, policy: Policy, quote: Quote): Effects {
	const training = policy.packs.some((p) => p.id === quote.ref && p.kind === 'training');
	const emails = training
		? [
				vendorEmail('training.scheduling-requested', {
					groupId: state.groupId,
					sessions: quote.delta
				})
			]
		: [];
	return { events: [], emails, history: [] };
}

/** Applies a priced purchase: the next state and its effects, in the order they happen. */
export function applyPurchase(
	state: GroupState,
	policy: Policy,
	quote: Quote,
	support: string | null,
	actor: Actor,
	now: number,
	today: string
): Outcome {
	const bought = withPurchase(state, policy, quote, support, today);
	const invoiced = issueInvoice(bought, policy, {
		reason: 'order',
		lines: quote.lines,
		total: quote.total,
		issuedOn: today,
		at: now,
		author: actor.userId
	});
	const order = orderRecord(state, quote, actor, now, invoiced.invoice.id);
	const counters = {
		...invoiced.state.counters,
		order: state.counters.order + 1,
		licenseKey: state.counters.licenseKey + 1
	};
	const next: GroupState = { ...invoiced.state, orders: [...state.orders, order], counters };
	const effects: Effects = { events: [], emails: [], history: [] };
	if (quote.starts) addEffects(effects, startEffects(next, actor, now));
	addEffects(
		effects,
		orderEffects(
			next,
			order,
			quote.kind === 'seats' ? quote.requested : quote.current + quote.delta
		)
	);
	addEffects(effects, licenseKeyEffects(next, policy, actor, now, today));
	addEffects(effects, invoiced.effects);
	addEffects(effects, trainingEffects(state, policy, quote));
	return { state: next, ...effects };
}
