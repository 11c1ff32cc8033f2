/**
 * P12 consumption billing. A user added beyond the users a module covers (included users plus
 * extra-users packs) is counted automatically and billed, per module they can access, on the
 * subscription's billing dates (monthly from the start). Each period bills its peak of uncovered
 * users, so adding someone for a week is billed too. A pack avoids those invoices.
 */

import { addMonths } from './calendar-dates.ts';
import type { Result } from './domain-result.ts';
import { ok } from './domain-result.ts';
import type { Effects, Outcome } from './engine-outcome.ts';
import { addEffects, noEffects } from './engine-outcome.ts';
import { historyEntry, systemAuthor } from './history-entries.ts';
import { issueInvoice } from './invoice-issue.ts';
import { sumAmounts } from './money-math.ts';
import type { Policy } from './policy-schema.ts';
import { pricedLine } from './pricing-lines.ts';
import { billsByConsumption, uncoveredOf } from './seat-capacity.ts';
import { productUsage, usageOf } from './seat-usage.ts';
import type { GroupState, Line } from './state-schema.ts';

const maxPeriods = 1200;

/** Uncovered users per module that bills by consumption, now. */
export function uncoveredUsers(state: GroupState, policy: Policy): Record<string, number> {
	const usage = usageOf(state, policy);
	const uncovered: Record<string, number> = {};
	for (const module of policy.products) {
		if (module.kind !== 'module' || !billsByConsumption(policy, module)) continue;
		const used = productUsage(usage, module.id);
		uncovered[module.id] = uncoveredOf(state, policy, module, used.standard, used.administrators);
	}
	return uncovered;
}

/** The lines of one period: the period's peak of uncovered users per module, at its price. */
function periodLines(
	state: GroupState,
	policy: Policy,
	billed: Record<string, number>
): Result<Line[]> {
	const lines: Line[] = [];
	for (const module of policy.products) {
		const users = billed[module.id] ?? 0;
		if (users === 0 || module.consumptionPrice === null) continue;
		const line = pricedLine('consumption', module.id, users, module.consumptionPrice, {
			numerator: 1,
			denominator: 1
		});
		if (!line.ok) return line;
		lines.push(line.value);
	}
	return ok(lines);
}

/** The users billed for a period: its peak, or the users uncovered now if more. */
function billedUsers(state: GroupState, current: Record<string, number>): Record<string, number> {
	const billed: Record<string, number> = {};
	for (const [module, users] of Object.entries(current))
		billed[module] = Math.max(users, state.consumption.peak[module] ?? 0);
	return billed;
}

/** The ledger event and history entry of a consumption bill. */
function consumptionEffects(
	state: GroupState,
	now: number,
	period: { start: string; end: string },
	billed: Record<string, number>,
	total: number,
	invoiceId: string
): Effects {
	const { start, end } = period;
	const params = { periodStart: start, periodEnd: end, total, invoiceId };
	return {
		events: [
			{
				type: 'consumption.billed',
				groupId: state.groupId,
				at: now,
				author: systemAuthor,
				periodStart: start,
				periodEnd: end,
				users: billed,
				total,
				invoiceId
			}
		],
		emails: [],
		history: [historyEntry(now, systemAuthor, 'consumption.billed', null, params)]
	};
}

/** Bills one period ending on `end`, and starts the next. */
function billPeriod(
	state: GroupState,
	policy: Policy,
	now: number,
	start: string,
	end: string
): Result<Outcome> {
	const current = uncoveredUsers(state, policy);
	const billed = billedUsers(state, current);
	const lines =
		state.subscription.status === 'active' ? periodLines(state, policy, billed) : ok([]);
	if (!lines.ok) return lines;
	const total = sumAmounts(lines.value.map((line) => line.amount));
	if (!total.ok) return total;
	const next: GroupState = { ...state, consumption: { periodStart: end, peak: current } };
	if (total.value === 0) return ok({ state: next, ...noEffects() });
	const request = {
		reason: 'consumption' as const,
		lines: lines.value,
		total: total.value,
		issuedOn: end,
		at: now,
		author: systemAuthor
	};
	const invoiced = issueInvoice(next, policy, request);
	const effects = consumptionEffects(
		state,
		now,
		{ start, end },
		billed,
		total.value,
		invoiced.invoice.id
	);
	addEffects(effects, invoiced.effects);
	return ok({ state: invoiced.state, ...effects });
}

/** Bills every consumption period that ended on or before `today`. */
export function runConsumption(
	state: GroupState,
	policy: Policy,
	now: number,
	today: string
): Result<Outcome> {
	let current = state;
	const effects = noEffects();
	for (let step = 0; step < maxPeriods && policy.consumption !== null; step += 1) {
		const start = current.consumption.periodStart;
		if (start === null || addMonths(start, 1) > today) break;
		const next = billPeriod(current, policy, now, start, addMonths(start, 1));
		if (!next.ok) return next;
		current = next.value.state;
		addEffects(effects, next.value);
	}
	return ok({ state: current, ...effects });
}
