/**
 * The scheduler's one entry point: `advanceClock(state, policy, now)` runs, in order, consumption
 * billing dates (P12), renewals or expiries (P2, P10), invoices falling past due (I1) and the
 * lock-out after the grace days (I2). It is idempotent: every step looks at the state, not at how
 * often it ran, so calling it twice with the same `now` changes nothing the second time.
 */

import { addDays, dateOfInstant, isInstant } from './calendar-dates.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { Effects, Outcome } from './engine-outcome.ts';
import { addEffects, noEffects } from './engine-outcome.ts';
import { billingEmail } from './email-notices.ts';
import { historyEntry, systemAuthor } from './history-entries.ts';
import { settleLock } from './invoice-lock.ts';
import { runConsumption } from './clock-consumption.ts';
import { runRenewals } from './clock-renewal.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import type { GroupState, Invoice } from './state-schema.ts';

/** I1: open invoices whose due date has passed become past due, with a reminder (I3). */
function markPastDue(
	state: GroupState,
	now: number,
	today: string
): { state: GroupState; effects: Effects } {
	const effects = noEffects();
	let invoices: Record<string, Invoice> | null = null;
	for (const invoice of Object.values(state.invoices)) {
		if (invoice.status !== 'open' || invoice.dueOn >= today) continue;
		invoices ??= { ...state.invoices };
		invoices[invoice.id] = { ...invoice, status: 'past-due' };
		const on = addDays(invoice.dueOn, 1);
		const params = { invoiceId: invoice.id, amount: invoice.amount, dueOn: invoice.dueOn };
		effects.events.push({
			type: 'invoice.past-due',
			groupId: state.groupId,
			at: now,
			author: systemAuthor,
			invoiceId: invoice.id,
			on
		});
		effects.emails.push(billingEmail(state, 'invoice.reminder', params));
		effects.history.push(historyEntry(now, systemAuthor, 'invoice.past-due', invoice.id, params));
	}
	return { state: invoices === null ? state : { ...state, invoices }, effects };
}

/** Runs every step on a valid day. */
function advanceOnDay(
	state: GroupState,
	policy: Policy,
	now: number,
	today: string
): Result<Outcome> {
	const effects = noEffects();
	const consumed = runConsumption(state, policy, now, today);
	if (!consumed.ok) return consumed;
	addEffects(effects, consumed.value);
	const renewed = runRenewals(consumed.value.state, policy, now, today);
	if (!renewed.ok) return renewed;
	addEffects(effects, renewed.value);
	const due = markPastDue(renewed.value.state, now, today);
	addEffects(effects, due.effects);
	const locked = settleLock(due.state, policy, now, today, systemAuthor);
	addEffects(effects, locked.effects);
	return ok({ state: locked.state, ...effects });
}

/**
 * Moves the group to instant `now`: bills consumption periods, renews or expires the
 * subscription, marks invoices past due and locks or unlocks the group. Returns the next state
 * (the same object when nothing was due), the ledger payloads, e-mails and history entries.
 */
export function advanceClock(state: GroupState, policy: Policy, now: number): Result<Outcome> {
	return guard(() => {
		const valid = ensurePolicy(policy);
		if (!valid.ok) return valid;
		if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
		return advanceOnDay(state, policy, now, dateOfInstant(now));
	});
}
