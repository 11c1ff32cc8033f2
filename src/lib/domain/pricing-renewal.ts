/**
 * P2: at renewal every license renews in ONE agreement — all seats of every product at the tier
 * of the group's volume, for a full term, recurring packs, and support as a percentage of the
 * licence fee (P9), on one invoice. Seat reductions and support changes that waited for the
 * renewal apply first.
 */

import type { Term } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { ok } from './domain-result.ts';
import type { Policy } from './policy-schema.ts';
import { pricedLine, withSupport } from './pricing-lines.ts';
import { unitPriceAt } from './pricing-tiers.ts';
import type { GroupState, Line } from './state-schema.ts';

const fullTerm = { numerator: 1, denominator: 1 };

/** Seats per product at the renewal (a waiting reduction applied). */
export function renewalSeats(state: GroupState): Record<string, number> {
	const seats: Record<string, number> = {};
	for (const [product, holding] of Object.entries(state.holdings)) {
		seats[product] = holding.pendingSeats ?? holding.seats;
	}
	return seats;
}

/** The support level at the renewal (a waiting change applied). */
export function renewalSupport(state: GroupState): string | null {
	const pending = state.subscription.pendingSupport;
	return pending === null ? state.subscription.support : pending.level;
}

/** Seat lines of a renewal, one per product with seats, in policy order. */
function seatLines(state: GroupState, policy: Policy, term: Term): Result<Line[]> {
	const seats = renewalSeats(state);
	const lines: Line[] = [];
	for (const product of policy.products) {
		const count = seats[product.id] ?? 0;
		if (count === 0) continue;
		const line = pricedLine(
			'seats',
			product.id,
			count,
			unitPriceAt(product, term, count),
			fullTerm
		);
		if (!line.ok) return line;
		lines.push(line.value);
	}
	return ok(lines);
}

/** Recurring pack lines of a renewal. */
function packLines(state: GroupState, policy: Policy, term: Term): Result<Line[]> {
	const lines: Line[] = [];
	for (const pack of policy.packs) {
		const count = state.packs[pack.id] ?? 0;
		if (count === 0 || pack.billing === 'one-off') continue;
		const line = pricedLine('pack', pack.id, count, pack.price[term] ?? 0, fullTerm);
		if (!line.ok) return line;
		lines.push(line.value);
	}
	return ok(lines);
}

/** The lines and total of the next renewal of a group on `term`. */
export function renewalPrice(
	state: GroupState,
	policy: Policy,
	term: Term
): Result<{ lines: Line[]; total: number }> {
	const seats = seatLines(state, policy, term);
	if (!seats.ok) return seats;
	const packs = packLines(state, policy, term);
	if (!packs.ok) return packs;
	return withSupport(policy, renewalSupport(state), [...seats.value, ...packs.value]);
}
