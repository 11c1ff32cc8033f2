/**
 * Replaying the ledger: balances, invoices, seats, packs, expiry and lock rebuilt from the signed
 * payloads alone. `summarizeState` computes the same summary from a state, so "the balances equal
 * a replay of the ledger" is one deep-equality check, done by the group view on every render and
 * by tests after every money-moving operation.
 */

import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { LedgerPayload } from './ledger-schema.ts';
import { LedgerPayloadSchema } from './ledger-schema.ts';
import { issueToError } from './schema-parse.ts';
import type { GroupState, Invoice } from './state-schema.ts';
import * as v from 'valibot';

/** What the ledger says about a group's money and entitlements. */
export interface LedgerSummary {
	invoices: Record<string, { amount: number; status: Invoice['status'] }>;
	/** Sums in minor units: everything invoiced, paid, voided, and still to pay. */
	invoiced: number;
	paid: number;
	voided: number;
	outstanding: number;
	/** Seats per product and packs per pack id (zero entries omitted). */
	seats: Record<string, number>;
	packs: Record<string, number>;
	expiry: string | null;
	locked: boolean;
}

/** An empty summary. */
function emptySummary(): LedgerSummary {
	return {
		invoices: {},
		invoiced: 0,
		paid: 0,
		voided: 0,
		outstanding: 0,
		seats: {},
		packs: {},
		expiry: null,
		locked: false
	};
}

/** Non-zero entries, sorted by key, so two summaries compare equal regardless of order. */
function nonZero(counts: Record<string, number>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const key of Object.keys(counts).sort()) {
		const count = counts[key] ?? 0;
		if (count !== 0) out[key] = count;
	}
	return out;
}

/** Applies an invoice event; `false` when it contradicts what came before. */
function applyInvoiceEvent(summary: LedgerSummary, event: LedgerPayload): boolean {
	if (event.type === 'invoice.issued') {
		if (event.invoiceId in summary.invoices) return false;
		summary.invoices[event.invoiceId] = {
			amount: event.amount,
			status: event.amount === 0 ? 'paid' : 'open'
		};
		return true;
	}
	if (
		event.type !== 'invoice.past-due' &&
		event.type !== 'payment.recorded' &&
		event.type !== 'invoice.voided'
	)
		return true;
	const invoice = summary.invoices[event.invoiceId];
	if (invoice === undefined || (invoice.status !== 'open' && invoice.status !== 'past-due'))
		return false;
	if (event.type === 'payment.recorded' && event.amount !== invoice.amount) return false;
	if (event.type === 'invoice.past-due' && invoice.status !== 'open') return false;
	invoice.status =
		event.type === 'invoice.past-due'
			? 'past-due'
			: event.type === 'payment.recorded'
				? 'paid'
				: 'void';
	return true;
}

/** Applies an entitlement or lock event. */
function applyEntitlementEvent(summary: LedgerSummary, event: LedgerPayload): void {
	if (event.type === 'subscription.started') summary.expiry = event.expiry;
	if (event.type === 'order.placed' && event.kind === 'seats')
		summary.seats[event.ref] = event.newTotal;
	if (event.type === 'order.placed' && event.kind === 'pack')
		summary.packs[event.ref] = event.newTotal;
	if (event.type === 'seats.reduced') summary.seats[event.product] = event.to;
	if (event.type === 'subscription.renewed') {
		summary.expiry = event.to;
		summary.seats = { ...event.seats };
		summary.packs = { ...event.packs };
	}
	if (event.type === 'group.locked') summary.locked = true;
	if (event.type === 'group.unlocked') summary.locked = false;
}

/** Totals from the invoices. */
function withTotals(summary: LedgerSummary): LedgerSummary {
	const totals = { invoiced: 0, paid: 0, voided: 0, outstanding: 0 };
	for (const invoice of Object.values(summary.invoices)) {
		totals.invoiced += invoice.amount;
		if (invoice.status === 'paid') totals.paid += invoice.amount;
		else if (invoice.status === 'void') totals.voided += invoice.amount;
		else totals.outstanding += invoice.amount;
	}
	const invoices: LedgerSummary['invoices'] = {};
	for (const id of Object.keys(summary.invoices).sort()) {
		const invoice = summary.invoices[id];
		if (invoice !== undefined) invoices[id] = { ...invoice };
	}
	return {
		...summary,
		...totals,
		invoices,
		seats: nonZero(summary.seats),
		packs: nonZero(summary.packs)
	};
}

/**
 * Replays ledger payloads in order: `ledger.invalid` (with the index and field) when one breaks
 * the schema, `ledger.inconsistent` when one contradicts the events before it (a payment of an
 * unknown or already paid invoice, an amount that differs, an invoice issued twice).
 */
export function replayLedger(events: readonly unknown[]): Result<LedgerSummary> {
	return guard(() => {
		const summary = emptySummary();
		for (const [index, raw] of events.entries()) {
			const parsed = v.safeParse(LedgerPayloadSchema, raw);
			if (!parsed.success) {
				const error = issueToError(parsed.issues[0], 'ledger.invalid');
				return fail(
					'ledger.invalid',
					{ ...error.params, index },
					{ path: `${index}.${error.path ?? ''}` }
				);
			}
			if (!applyInvoiceEvent(summary, parsed.output))
				return fail('ledger.inconsistent', { index, type: parsed.output.type });
			applyEntitlementEvent(summary, parsed.output);
		}
		return ok(withTotals(summary));
	});
}

/** The same summary, computed from a state. */
export function summarizeState(state: GroupState): LedgerSummary {
	const summary = emptySummary();
	for (const invoice of Object.values(state.invoices))
		summary.invoices[invoice.id] = { amount: invoice.amount, status: invoice.status };
	for (const [product, holding] of Object.entries(state.holdings))
		summary.seats[product] = holding.seats;
	summary.packs = { ...state.packs };
	summary.expiry = state.subscription.status === 'none' ? null : state.subscription.expiry;
	summary.locked = state.lock !== null;
	return withTotals(summary);
}
