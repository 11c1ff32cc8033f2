/**
 * I2 lock-out. A group is locked out once an unpaid invoice is `graceDays` past its original due
 * date (14 days: due 2026-03-01, locked from 2026-03-15), and unlocked as soon as no such invoice
 * remains (paid or voided). The lock is a flag on the state; seats stay assigned, so unlocking
 * restores everything as it was.
 */

import { daysBetween } from './calendar-dates.ts';
import type { Effects } from './engine-outcome.ts';
import { noEffects } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry } from './history-entries.ts';
import type { Policy } from './policy-schema.ts';
import type { GroupState, Invoice } from './state-schema.ts';

/** Whether an invoice is still to be paid. */
export function isUnpaid(invoice: Invoice): boolean {
	return invoice.status === 'open' || invoice.status === 'past-due';
}

/** Unpaid invoices at least `graceDays` past their due date on `today`, oldest due first. */
export function overdueInvoices(state: GroupState, policy: Policy, today: string): Invoice[] {
	return Object.values(state.invoices)
		.filter((invoice) => isUnpaid(invoice) && daysBetween(invoice.dueOn, today) >= policy.graceDays)
		.sort((a, b) =>
			a.dueOn === b.dueOn ? a.id.localeCompare(b.id) : a.dueOn.localeCompare(b.dueOn)
		);
}

/** The effects of locking the group for `overdue` invoices. */
function lockEffects(
	state: GroupState,
	policy: Policy,
	now: number,
	today: string,
	author: string,
	overdue: string[]
): Effects {
	const params = { invoiceIds: overdue.join(','), graceDays: policy.graceDays };
	return {
		events: [
			{
				type: 'group.locked',
				groupId: state.groupId,
				at: now,
				author,
				on: today,
				invoiceIds: overdue
			}
		],
		emails: [billingEmail(state, 'group.locked', params)],
		history: [historyEntry(now, author, 'group.locked', null, params)]
	};
}

/** The effects of unlocking the group. */
function unlockEffects(state: GroupState, now: number, today: string, author: string): Effects {
	return {
		events: [{ type: 'group.unlocked', groupId: state.groupId, at: now, author, on: today }],
		emails: [billingEmail(state, 'group.unlocked', {})],
		history: [historyEntry(now, author, 'group.unlocked', null, {})]
	};
}

/**
 * Locks, unlocks or refreshes the lock so it matches the overdue invoices of `today`. Idempotent:
 * a state already matching produces no effects.
 */
export function settleLock(
	state: GroupState,
	policy: Policy,
	now: number,
	today: string,
	author: string
): { state: GroupState; effects: Effects } {
	const overdue = overdueInvoices(state, policy, today).map((invoice) => invoice.id);
	if (overdue.length > 0 && state.lock === null) {
		const next = { ...state, lock: { since: today, invoiceIds: overdue } };
		return { state: next, effects: lockEffects(state, policy, now, today, author, overdue) };
	}
	if (overdue.length === 0 && state.lock !== null) {
		return { state: { ...state, lock: null }, effects: unlockEffects(state, now, today, author) };
	}
	if (state.lock !== null && overdue.join(',') !== state.lock.invoiceIds.join(',')) {
		return {
			state: { ...state, lock: { ...state.lock, invoiceIds: overdue } },
			effects: noEffects()
		};
	}
	return { state, effects: noEffects() };
}
