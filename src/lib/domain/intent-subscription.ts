/**
 * Subscription intents: auto-renewal on or off at any time (P10); support changes that only take
 * effect at a renewal and can only be requested in the renewal window (P9); telling the vendor a
 * payment is under way (I2); and the owner's purchases (G2, P3, P11), which go through the same
 * `orderOnDay` as `placeOrder` so the ledger, invoices and e-mails are identical.
 */

import { addDays } from './calendar-dates.ts';
import { fail } from './domain-result.ts';
import { vendorEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import { isUnpaid } from './invoice-lock.ts';
import type { IntentContext, Verdict } from './intent-context.ts';
import { accept, authorId, onlyHistory } from './intent-context.ts';
import type { IntentOf } from './intent-schema.ts';
import { orderOnDay } from './order-place.ts';
import { checkSupportLevel } from './pricing-lines.ts';
import type { QuoteRequest } from './pricing-types.ts';
import { draftUsage, patchState } from './state-draft.ts';

/** P10: switch auto-renewal on or off, at any time. */
export function decideAutoRenew(ctx: IntentContext, intent: IntentOf<'set-auto-renew'>): Verdict {
	const sub = ctx.draft.state.subscription;
	if (sub.status !== 'active') return fail('subscription.none', { status: sub.status });
	if (sub.autoRenew === intent.on) return accept(() => onlyHistory([]));
	return accept(() => {
		const state = ctx.draft.state;
		patchState(ctx.draft, {
			...state,
			subscription: { ...state.subscription, autoRenew: intent.on }
		});
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'auto-renew.changed', null, { on: intent.on })
		]);
	});
}

/** P9: a support change is requested in the renewal window and applies at the renewal. */
export function decideSupport(ctx: IntentContext, intent: IntentOf<'change-support'>): Verdict {
	const level = checkSupportLevel(ctx.policy, intent.level);
	if (!level.ok) return level;
	const sub = ctx.draft.state.subscription;
	if (sub.status !== 'active' || sub.expiry === null)
		return fail('subscription.none', { status: sub.status });
	const window = ctx.policy.support?.renewalWindowDays ?? 0;
	const opens = addDays(sub.expiry, -window);
	if (ctx.today < opens) {
		return fail(
			'support.change-only-at-renewal',
			{ opensOn: opens, renewsOn: sub.expiry },
			{ fix: { kind: 'wait-until', date: opens } }
		);
	}
	return accept(() => {
		const state = ctx.draft.state;
		patchState(ctx.draft, {
			...state,
			subscription: { ...state.subscription, pendingSupport: { level: intent.level } }
		});
		const params = { from: sub.support, to: intent.level, on: sub.expiry };
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'support.change-scheduled', null, params)
		]);
	});
}

/** I2: an admin tells the vendor that payment of an invoice is under way. */
export function decidePaymentReport(
	ctx: IntentContext,
	intent: IntentOf<'report-payment-in-progress'>
): Verdict {
	const invoice = ctx.draft.state.invoices[intent.invoiceId];
	if (invoice === undefined) return fail('invoice.unknown', { invoiceId: intent.invoiceId });
	if (!isUnpaid(invoice))
		return fail('invoice.not-open', { invoiceId: invoice.id, status: invoice.status });
	return accept(() => {
		const state = ctx.draft.state;
		patchState(ctx.draft, {
			...state,
			invoices: { ...state.invoices, [invoice.id]: { ...invoice, paymentInProgress: true } }
		});
		const params = { invoiceId: invoice.id, amount: invoice.amount, groupId: state.groupId };
		return {
			events: [],
			emails: [vendorEmail('payment-in-progress.reported', params)],
			history: [
				historyEntry(
					ctx.now,
					authorId(ctx, intent),
					'payment.in-progress-reported',
					invoice.id,
					params
				)
			],
			warnings: []
		};
	});
}

/** The order an intent asks for. */
function requestOf(intent: IntentOf<'change-seats'> | IntentOf<'add-pack'>): QuoteRequest {
	if (intent.kind === 'add-pack')
		return { kind: 'add-pack', pack: intent.pack, count: intent.count };
	return {
		kind: 'set-seats',
		product: intent.product,
		newTotal: intent.newTotal,
		term: intent.term,
		support: intent.support
	};
}

/** G2/P3/P11: the owner buys seats or packs; priced and charged exactly like `placeOrder`. */
export function decideOrder(
	ctx: IntentContext,
	intent: IntentOf<'change-seats'> | IntentOf<'add-pack'>
): Verdict {
	const roles = ctx.author?.roles ?? [];
	const actor = {
		userId: intent.author,
		roles,
		passwordConfirmed: intent.passwordConfirmed,
		operator: false
	};
	const usage = draftUsage(ctx.draft, ctx.policy);
	const ordered = orderOnDay(
		ctx.draft.state,
		ctx.policy,
		requestOf(intent),
		actor,
		ctx.now,
		ctx.today,
		usage
	);
	if (!ordered.ok) return ordered;
	return accept(() => {
		const { state, events, emails, history, quote } = ordered.value;
		patchState(ctx.draft, state);
		const waits = quote.effective === 'at-renewal';
		const warnings = waits
			? [{ code: 'seats.reduction-at-renewal' as const, params: { on: quote.expiry } }]
			: [];
		return { events, emails, history, warnings };
	});
}
