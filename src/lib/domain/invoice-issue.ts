/**
 * Issuing an invoice (I1): amount, currency, due date and status, with its ledger event, the
 * e-mail to the billable admin (I3) and the history entry (H1). An invoice of zero is born paid,
 * so it can never lock a group out.
 */

import { addDays } from './calendar-dates.ts';
import type { Effects } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import { allowedPaymentMethods } from './payment-methods.ts';
import type { Policy } from './policy-schema.ts';
import type { GroupState, Invoice, Line } from './state-schema.ts';

/** What an invoice is for. */
export interface InvoiceRequest {
	reason: Invoice['reason'];
	lines: Line[];
	total: number;
	/** The date it is issued (a billing date may be earlier than the clock's `now`). */
	issuedOn: string;
	at: number;
	author: string;
}

/** Issues an invoice: the next state and its effects. */
export function issueInvoice(
	state: GroupState,
	policy: Policy,
	request: InvoiceRequest
): { state: GroupState; invoice: Invoice; effects: Effects } {
	const number = state.counters.invoice + 1;
	const free = request.total === 0;
	const invoice: Invoice = {
		id: `invoice-${number}`,
		reason: request.reason,
		amount: request.total,
		currency: policy.currency,
		issuedOn: request.issuedOn,
		dueOn: addDays(request.issuedOn, policy.invoiceDueDays),
		status: free ? 'paid' : 'open',
		paidOn: free ? request.issuedOn : null,
		method: null,
		paymentInProgress: false,
		lines: request.lines
	};
	const next: GroupState = {
		...state,
		invoices: { ...state.invoices, [invoice.id]: invoice },
		counters: { ...state.counters, invoice: number }
	};
	return { state: next, invoice, effects: invoiceEffects(state, policy, invoice, request) };
}

/** The ledger event, e-mail and history entry of a new invoice. */
function invoiceEffects(
	state: GroupState,
	policy: Policy,
	invoice: Invoice,
	request: InvoiceRequest
): Effects {
	const methods = allowedPaymentMethods(policy, invoice.amount);
	const params = {
		invoiceId: invoice.id,
		amount: invoice.amount,
		currency: invoice.currency,
		dueOn: invoice.dueOn
	};
	return {
		events: [
			{
				type: 'invoice.issued',
				groupId: state.groupId,
				at: request.at,
				author: request.author,
				invoiceId: invoice.id,
				reason: invoice.reason,
				amount: invoice.amount,
				currency: invoice.currency,
				issuedOn: invoice.issuedOn,
				dueOn: invoice.dueOn,
				paymentMethods: methods
			}
		],
		emails: [billingEmail(state, 'invoice.issued', { ...params, methods: methods.join(',') })],
		history: [historyEntry(request.at, request.author, 'invoice.issued', invoice.id, params)]
	};
}
