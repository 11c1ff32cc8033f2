/**
 * The billing side of the group view: the lock state and when an unpaid invoice would lock the
 * group (I2), the open invoices (I1), the next invoice (renewal or consumption), and whether the
 * state's balances equal a replay of the verified ledger.
 */

import { addDays, addMonths } from './calendar-dates.ts';
import type { Result } from './domain-result.ts';
import { ok } from './domain-result.ts';
import { uncoveredUsers } from './clock-consumption.ts';
import { isUnpaid } from './invoice-lock.ts';
import type { LedgerSummary } from './ledger-replay.ts';
import { replayLedger, summarizeState } from './ledger-replay.ts';
import type { Policy } from './policy-schema.ts';
import { renewalPrice } from './pricing-renewal.ts';
import type { GroupState, Invoice } from './state-schema.ts';

/** I2: the lock and what would cause the next one. */
export interface LockView {
	locked: boolean;
	since: string | null;
	invoiceIds: string[];
	/** The day the oldest unpaid invoice locks the group if still unpaid; `null` if none. */
	locksOn: string | null;
}

/** The next invoice the group will receive. */
export interface NextInvoiceView {
	on: string;
	reason: 'renewal' | 'consumption';
	/** Estimated from today's seats, packs and users. */
	amount: number;
}

/** Ledger balances and whether they agree with the state. */
export interface LedgerView {
	consistent: boolean;
	summary: LedgerSummary | null;
}

/** I2: lock state and the next lock date. */
export function lockView(state: GroupState, policy: Policy, unpaid: readonly Invoice[]): LockView {
	const oldest = unpaid.reduce<string | null>(
		(min, invoice) => (min === null || invoice.dueOn < min ? invoice.dueOn : min),
		null
	);
	return {
		locked: state.lock !== null,
		since: state.lock?.since ?? null,
		invoiceIds: state.lock?.invoiceIds ?? [],
		locksOn: oldest === null ? null : addDays(oldest, policy.graceDays)
	};
}

/** The unpaid invoices, oldest due first. */
export function unpaidInvoices(state: GroupState): Invoice[] {
	return Object.values(state.invoices)
		.filter(isUnpaid)
		.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** The consumption invoice due at the end of the current period, if any users are uncovered. */
function nextConsumption(state: GroupState, policy: Policy): NextInvoiceView | null {
	const start = state.consumption.periodStart;
	if (policy.consumption === null || start === null || state.subscription.status !== 'active')
		return null;
	let amount = 0;
	const uncovered = uncoveredUsers(state, policy);
	for (const module of policy.products) {
		const users = Math.max(uncovered[module.id] ?? 0, state.consumption.peak[module.id] ?? 0);
		amount += users * (module.consumptionPrice ?? 0);
	}
	return amount > 0 ? { on: addMonths(start, 1), reason: 'consumption', amount } : null;
}

/** The next invoice: the earlier of the renewal (auto-renew on) and a consumption bill. */
export function nextInvoice(state: GroupState, policy: Policy): Result<NextInvoiceView | null> {
	const sub = state.subscription;
	const consumption = nextConsumption(state, policy);
	if (sub.status !== 'active' || !sub.autoRenew || sub.expiry === null || sub.term === null)
		return ok(consumption);
	const price = renewalPrice(state, policy, sub.term);
	if (!price.ok) return price;
	const renewal: NextInvoiceView = { on: sub.expiry, reason: 'renewal', amount: price.value.total };
	return ok(consumption !== null && consumption.on < renewal.on ? consumption : renewal);
}

/** Whether the state's balances equal a replay of the verified ledger. */
export function ledgerView(state: GroupState, ledger: readonly unknown[]): LedgerView {
	const replayed = replayLedger(ledger);
	if (!replayed.ok) return { consistent: false, summary: null };
	return {
		consistent: JSON.stringify(replayed.value) === JSON.stringify(summarizeState(state)),
		summary: replayed.value
	};
}
