/**
 * Payments (I1, I2, P5): recording a payment marks the invoice paid and unlocks the group when no
 * other invoice keeps it locked. Card and direct-debit payments come through the payment provider
 * (the server vouches for them); check and wire payments are recorded by the vendor operator.
 * Voiding an invoice is an operator action too.
 */

import * as v from 'valibot';
import { dateOfInstant, isInstant } from './calendar-dates.ts';
import type { Actor, ActorInput } from './common-schema.ts';
import { ActorSchema, IdSchema, MinorSchema, PaymentMethodSchema } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { Outcome } from './engine-outcome.ts';
import { addEffects } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import { isUnpaid, settleLock } from './invoice-lock.ts';
import { CardSummarySchema } from './payment-card.ts';
import { allowedPaymentMethods } from './payment-methods.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import { parseWith } from './schema-parse.ts';
import type { GroupState, Invoice } from './state-schema.ts';

/**
 * A payment as the provider or the operator reports it; a card payment carries the card's brand
 * and last four digits and the provider's reference of the charge.
 */
export const PaymentSchema = v.strictObject({
	invoiceId: IdSchema,
	amount: MinorSchema,
	method: PaymentMethodSchema,
	card: v.optional(CardSummarySchema),
	reference: v.optional(IdSchema)
});

/** A parsed payment. */
type Payment = v.InferOutput<typeof PaymentSchema>;

/** A payment, before parsing. */
export type PaymentInput = v.InferInput<typeof PaymentSchema>;

/** Checks the common inputs of an invoice operation and finds the unpaid invoice. */
function openInvoice(
	state: GroupState,
	policy: Policy,
	invoiceId: string,
	actor: ActorInput,
	now: number
): Result<{ invoice: Invoice; actor: Actor; today: string }> {
	const valid = ensurePolicy(policy);
	if (!valid.ok) return valid;
	if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
	const who = parseWith(ActorSchema, actor, 'request.invalid');
	if (!who.ok) return who;
	const invoice = state.invoices[invoiceId];
	if (invoice === undefined) return fail('invoice.unknown', { invoiceId });
	if (!isUnpaid(invoice)) return fail('invoice.not-open', { invoiceId, status: invoice.status });
	return ok({ invoice, actor: who.value, today: dateOfInstant(now) });
}

/** The amount must match and the method must be allowed for it (P5). */
function checkPayment(
	policy: Policy,
	invoice: Invoice,
	amount: number,
	method: Invoice['method'],
	actor: Actor
): Result<null> {
	if (amount !== invoice.amount)
		return fail('payment.amount-mismatch', {
			invoiceId: invoice.id,
			expected: invoice.amount,
			received: amount
		});
	const allowed = allowedPaymentMethods(policy, invoice.amount);
	if (method === null || !allowed.includes(method)) {
		return fail('payment.method-not-allowed', {
			method,
			allowed: allowed.join(','),
			threshold: policy.payment.threshold
		});
	}
	if ((method === 'check' || method === 'wire') && !actor.operator)
		return fail('operator.only', { method });
	// G2: a card or a debit is paid by whoever pays the group's bills: the owner or the billable admin.
	const pays = actor.roles.includes('owner') || actor.roles.includes('billable');
	if (!actor.operator && !pays) return fail('payment.billing-role-required', { method });
	return ok(null);
}

/** Replaces an invoice and settles the lock. */
function afterInvoiceChange(
	state: GroupState,
	policy: Policy,
	invoice: Invoice,
	outcome: Outcome,
	now: number,
	today: string,
	author: string
): Outcome {
	const changed: GroupState = { ...state, invoices: { ...state.invoices, [invoice.id]: invoice } };
	const settled = settleLock(changed, policy, now, today, author);
	const result: Outcome = { ...outcome, state: settled.state };
	addEffects(result, settled.effects);
	return result;
}

/** The ledger event, receipt and history entry of a payment. */
function paymentEffects(
	state: GroupState,
	invoice: Invoice,
	payment: Payment,
	by: string,
	now: number,
	today: string
): Outcome {
	const { method, card, reference } = payment;
	const params = { invoiceId: invoice.id, amount: invoice.amount, method };
	return {
		state,
		events: [
			{
				type: 'payment.recorded',
				groupId: state.groupId,
				at: now,
				author: by,
				invoiceId: invoice.id,
				amount: invoice.amount,
				method,
				on: today,
				...(card ? { card } : {}),
				...(reference ? { reference } : {})
			}
		],
		emails: [billingEmail(state, 'invoice.paid', params)],
		history: [historyEntry(now, by, 'payment.recorded', invoice.id, params)]
	};
}

/** Records the payment of an invoice; unlocks the group when it was the last overdue one (I2). */
export function recordPayment(
	state: GroupState,
	policy: Policy,
	payment: PaymentInput,
	actor: ActorInput,
	now: number
): Result<Outcome> {
	return guard(() => {
		const parsed = parseWith(PaymentSchema, payment, 'request.invalid');
		if (!parsed.ok) return parsed;
		const { invoiceId, amount, method } = parsed.value;
		if (parsed.value.card && method !== 'card') return fail('request.invalid', { path: 'card' });
		const found = openInvoice(state, policy, invoiceId, actor, now);
		if (!found.ok) return found;
		const { invoice, today } = found.value;
		const checked = checkPayment(policy, invoice, amount, method, found.value.actor);
		if (!checked.ok) return checked;
		const by = found.value.actor.userId;
		const paid: Invoice = {
			...invoice,
			status: 'paid',
			paidOn: today,
			method,
			paymentInProgress: false
		};
		const effects = paymentEffects(state, invoice, parsed.value, by, now, today);
		return ok(afterInvoiceChange(state, policy, paid, effects, now, today, by));
	});
}

/** Voids an unpaid invoice (vendor operator only); unlocks the group if it was what locked it. */
export function voidInvoice(
	state: GroupState,
	policy: Policy,
	invoiceId: string,
	actor: ActorInput,
	now: number
): Result<Outcome> {
	return guard(() => {
		const found = openInvoice(state, policy, invoiceId, actor, now);
		if (!found.ok) return found;
		const { invoice, today } = found.value;
		const by = found.value.actor.userId;
		if (!found.value.actor.operator) return fail('operator.only', { invoiceId });
		const effects: Outcome = {
			state,
			events: [
				{
					type: 'invoice.voided',
					groupId: state.groupId,
					at: now,
					author: by,
					invoiceId,
					on: today
				}
			],
			emails: [],
			history: [historyEntry(now, by, 'invoice.voided', invoiceId, { amount: invoice.amount })]
		};
		return ok(
			afterInvoiceChange(state, policy, { ...invoice, status: 'void' }, effects, now, today, by)
		);
	});
}
