/**
 * How many seats each pool may hold. A scheduled reduction (seat reductions that wait for the
 * renewal) already caps new assignments, so the renewal never has to take a seat away from
 * someone. For modules (P12) the capacity is what is covered: included users plus extra-users
 * packs; beyond it, a user is either billed by consumption or refused.
 */

import type { Fix } from './decision-schema.ts';
import type { Failure } from './domain-result.ts';
import { fail } from './domain-result.ts';
import type { Pool } from './common-schema.ts';
import type { Policy, Product } from './policy-schema.ts';
import type { GroupState, Holding } from './state-schema.ts';

const noHolding: Holding = { seats: 0, floating: 0, pendingSeats: null };

/** The seats held for a product (zero when none were bought). */
export function holdingOf(state: GroupState, product: string): Holding {
	return state.holdings[product] ?? noHolding;
}

/** The seats a product may use now: purchased, capped by a scheduled reduction. */
export function effectiveSeats(holding: Holding): number {
	return holding.pendingSeats === null
		? holding.seats
		: Math.min(holding.seats, holding.pendingSeats);
}

/** The size of a pool of a seat product (D2: standard = seats − floating share). */
export function poolCapacity(holding: Holding, pool: Pool): number {
	const seats = effectiveSeats(holding);
	return pool === 'floating'
		? Math.min(holding.floating, seats)
		: Math.max(seats - holding.floating, 0);
}

/** Units of a pack kind the group holds for a module (or for the group when `module` is null). */
export function packUnits(
	state: GroupState,
	policy: Policy,
	kind: string,
	module: string | null
): number {
	let units = 0;
	for (const pack of policy.packs) {
		if (pack.kind === kind && (module === null || pack.module === module)) {
			units += (state.packs[pack.id] ?? 0) * pack.units;
		}
	}
	return units;
}

/** P12: places of a module: its included administrator(s) plus the extra-users packs. */
export function moduleCoverage(state: GroupState, policy: Policy, module: Product): number {
	if (holdingOf(state, module.id).seats < 1) return 0;
	return module.includedUsers + packUnits(state, policy, 'extra-users', module.id);
}

/**
 * P12: users of a module no pack covers. The subscription includes its administrator (up to
 * `includedUsers` owners); every other user with access is an extra user, covered by the
 * module's extra-users packs or else billed by consumption (or refused).
 */
export function uncoveredOf(
	state: GroupState,
	policy: Policy,
	module: Product,
	users: number,
	administrators: number
): number {
	if (holdingOf(state, module.id).seats < 1) return users;
	const extra = users - Math.min(module.includedUsers, administrators);
	return Math.max(extra - packUnits(state, policy, 'extra-users', module.id), 0);
}

/** P12: whether uncovered users of a module are billed by consumption rather than refused. */
export function billsByConsumption(policy: Policy, module: Product): boolean {
	return policy.consumption !== null && module.consumptionPrice !== null;
}

/** The first extra-users pack of a module, for a "buy a pack" fix. */
function extraUsersPack(policy: Policy, module: string): string | null {
	return (
		policy.packs.find((pack) => pack.kind === 'extra-users' && pack.module === module)?.id ?? null
	);
}

/**
 * `seat.none-free`, with the fixes the loser of a race for the last seat can take in one click:
 * buy a seat (or a pack for a module), or recall one.
 */
export function noneFree(policy: Policy, product: string, used: number, size: number): Failure {
	const pack = extraUsersPack(policy, product);
	const fix: Fix =
		pack === null
			? { kind: 'buy-seats', product, count: used + 1 - size }
			: { kind: 'add-pack', pack, count: 1 };
	const alternative: Fix =
		policy.licenseModel.kind === 'device'
			? { kind: 'move-device-license', product }
			: { kind: 'recall-one', product };
	return fail(
		'seat.none-free',
		{ product, used, purchased: size },
		{ fix, alternatives: [alternative] }
	);
}
