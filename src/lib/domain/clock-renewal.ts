/**
 * Renewals (P2, P9, P10). When the expiry date arrives, a subscription with auto-renewal on (the
 * default, P10) renews for one more term in a single agreement and invoice; with auto-renewal off
 * it expires. Missed terms (a clock that did not run) are caught up one by one, so each term has
 * its own invoice dated on its own renewal day.
 */

import { addMonths } from './calendar-dates.ts';
import type { Result } from './domain-result.ts';
import { ok } from './domain-result.ts';
import type { Effects, Outcome } from './engine-outcome.ts';
import { addEffects, noEffects } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry, systemAuthor } from './history-entries.ts';
import { issueInvoice } from './invoice-issue.ts';
import type { Policy } from './policy-schema.ts';
import { renewalPrice, renewalSeats, renewalSupport } from './pricing-renewal.ts';
import { termMonths } from './pricing-proration.ts';
import type { GroupState } from './state-schema.ts';

/** Most terms caught up in one call: a guard against a clock set centuries ahead. */
const maxCatchUp = 1200;

/** Applies waiting reductions and support changes: the state the new term starts with. */
function startNextTerm(state: GroupState, from: string, to: string): GroupState {
	const seats = renewalSeats(state);
	const holdings: GroupState['holdings'] = {};
	for (const [product, holding] of Object.entries(state.holdings)) {
		const count = seats[product] ?? holding.seats;
		holdings[product] = {
			seats: count,
			floating: Math.min(holding.floating, count),
			pendingSeats: null
		};
	}
	const subscription = {
		...state.subscription,
		startedOn: from,
		expiry: to,
		support: renewalSupport(state),
		pendingSupport: null
	};
	return { ...state, holdings, subscription };
}

/** The ledger event, e-mail and history entries of a renewal. */
function renewalEffects(
	state: GroupState,
	renewed: GroupState,
	now: number,
	period: { from: string; to: string },
	total: number,
	invoiceId: string
): Effects {
	const { from, to } = period;
	const support = renewed.subscription.support;
	const params = { from, to, total, invoiceId };
	const effects: Effects = {
		events: [
			{
				type: 'subscription.renewed',
				groupId: state.groupId,
				at: now,
				author: systemAuthor,
				from,
				to,
				seats: renewalSeats(state),
				packs: { ...state.packs },
				support,
				total,
				invoiceId
			}
		],
		emails: [billingEmail(state, 'renewal.completed', params)],
		history: [historyEntry(now, systemAuthor, 'subscription.renewed', null, params)]
	};
	if (support !== state.subscription.support)
		effects.history.push(
			historyEntry(now, systemAuthor, 'support.changed', null, { level: support })
		);
	return effects;
}

/** Renews once: the next term, its single invoice and effects. */
function renewOnce(
	state: GroupState,
	policy: Policy,
	now: number,
	from: string,
	term: 'annual' | 'monthly'
): Result<Outcome> {
	const to = addMonths(from, termMonths(term));
	const renewed = startNextTerm(state, from, to);
	const price = renewalPrice(state, policy, term);
	if (!price.ok) return price;
	const invoiced = issueInvoice(renewed, policy, {
		reason: 'renewal',
		...price.value,
		issuedOn: from,
		at: now,
		author: systemAuthor
	});
	const effects = renewalEffects(
		state,
		renewed,
		now,
		{ from, to },
		price.value.total,
		invoiced.invoice.id
	);
	addEffects(effects, invoiced.effects);
	return ok({ state: invoiced.state, ...effects });
}

/** Expires a subscription whose auto-renewal is off. */
function expire(state: GroupState, now: number, on: string): Outcome {
	return {
		state: { ...state, subscription: { ...state.subscription, status: 'expired' } },
		events: [
			{ type: 'subscription.expired', groupId: state.groupId, at: now, author: systemAuthor, on }
		],
		emails: [billingEmail(state, 'subscription.expired', { on })],
		history: [historyEntry(now, systemAuthor, 'subscription.expired', null, { on })]
	};
}

/** Renews or expires every term that ended on or before `today`. */
export function runRenewals(
	state: GroupState,
	policy: Policy,
	now: number,
	today: string
): Result<Outcome> {
	let current = state;
	const effects = noEffects();
	for (let step = 0; step < maxCatchUp; step += 1) {
		const { status, expiry, term, autoRenew } = current.subscription;
		if (status !== 'active' || expiry === null || term === null || expiry > today) break;
		const next = autoRenew
			? renewOnce(current, policy, now, expiry, term)
			: ok(expire(current, now, expiry));
		if (!next.ok) return next;
		current = next.value.state;
		addEffects(effects, next.value);
	}
	return ok({ state: current, ...effects });
}
