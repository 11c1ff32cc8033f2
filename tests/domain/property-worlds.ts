/**
 * Seeded worlds for the property tests: a preset group with seats and members, and intents built
 * from plain integer tuples so fast-check can shrink a failure to a short, readable case.
 * Replay a failure with `TESSERA_SEED=<seed>`; run long with `TESSERA_LONG=1`.
 */

import fc from 'fast-check';
import { addDays } from '../../src/lib/domain/calendar-dates.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import type { Policy } from '../../src/lib/domain/policy-schema.ts';
import {
	holdingOf,
	uncoveredOf,
	billsByConsumption,
	poolCapacity
} from '../../src/lib/domain/seat-capacity.ts';
import { productUsage, scanUsage } from '../../src/lib/domain/seat-usage.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, bought, newGroup, owner, preset, unwrap, withMember } from './fixtures.ts';

/** The seed every property runs with (printed by fast-check on failure). */
export const seed = Number(process.env['TESSERA_SEED'] ?? 20261122);

/** Runs per property: 200 normally, 20,000 with TESSERA_LONG=1. */
export const numRuns = process.env['TESSERA_LONG'] === '1' ? 20_000 : 200;

/** The five preset ids. */
export const presetIds = [
	'license-groups',
	'annual-seats',
	'named-rights-groups',
	'enterprise-devices',
	'modules-packs'
] as const;

/** People of every world; `m1` is a license admin, `m2` a viewer. */
export const people = ['m1', 'm2', 'm3', 'm4', 'm5'];

/** A group of a preset on 2026-01-02 with `seats` of its first product and five people. */
export function world(policy: Policy, seats: number): GroupState {
	const first = policy.products[0]?.id ?? '';
	let state = bought(
		policy,
		newGroup(policy, '2026-01-02'),
		first,
		policy.products[0]?.kind === 'module' ? 1 : Math.max(seats, policy.minimumOrder),
		'2026-01-02'
	).state;
	if (policy.licenseModel.kind === 'module-access') {
		state = unwrap(
			placeOrder(
				state,
				policy,
				{ kind: 'set-seats', product: 'emailing', newTotal: 1 },
				owner,
				at('2026-01-02')
			)
		).state;
	}
	for (const [i, id] of people.entries()) {
		const roles = i === 0 ? (['admin'] as const) : i === 1 ? (['viewer'] as const) : [];
		const rightsGroup = policy.licenseModel.kind === 'rights-group' ? 'guest' : null;
		state = withMember(state, { id, roles: [...roles], rightsGroup });
	}
	return state;
}

/** An intent from small integers: kind, person, device, flag, count. */
export type IntentSeed = [number, number, number, boolean, number];

/** The arbitrary of intent seeds. */
export const intentSeed: fc.Arbitrary<IntentSeed> = fc.tuple(
	fc.nat(13),
	fc.nat(6),
	fc.nat(4),
	fc.boolean(),
	fc.nat(6)
);

/** Builds an intent of a world's policy from a seed, authored by the owner, a person, or m1/m2. */
export function intentFrom(
	policy: Policy,
	[kind, who, dev, flag, count]: IntentSeed,
	id: string
): Intent {
	const memberId = people[who % people.length] ?? 'm3';
	const product = policy.products[count % policy.products.length]?.id ?? '';
	const author = who === 5 ? 'm1' : who === 6 ? 'm2' : 'owner-1';
	const base = { id, createdAt: 0, author };
	const groups = ['admin', 'employee', 'guest'];
	const code = `D${dev}`;
	const intents: Intent[] = [
		{ ...base, kind: 'assign-license', product, target: { by: 'member', memberId } },
		{
			...base,
			kind: 'assign-license',
			product,
			target: { by: 'email', email: `new${count}@acme.example`, name: 'New' }
		},
		{ ...base, kind: 'recall-license', memberId, product },
		{ ...base, kind: 'change-rights-group', memberId, rightsGroup: groups[count % 3] ?? 'guest' },
		{ ...base, kind: 'set-module-access', memberId, module: product, access: flag },
		{
			...base,
			kind: 'activate-device',
			memberId,
			product,
			deviceCode: code,
			fingerprint: flag ? `fp-${code}` : 'fp-x',
			author: memberId
		},
		{ ...base, kind: 'move-device-license', fromDevice: code, toDevice: `D${(dev + 1) % 5}` },
		{ ...base, kind: 'release-device-license', deviceCode: code },
		{ ...base, kind: 'set-pool-split', product, floating: count },
		{
			...base,
			kind: 'change-seats',
			product,
			newTotal: count + (flag ? 3 : 0),
			term: null,
			support: null,
			passwordConfirmed: true
		},
		{
			...base,
			kind: 'add-pack',
			pack: policy.packs[count % Math.max(policy.packs.length, 1)]?.id ?? 'none',
			count: 1 + (count % 2),
			passwordConfirmed: true
		},
		{
			...base,
			kind: 'add-member',
			email: `p${count}@acme.example`,
			name: 'P',
			rightsGroup: flag && policy.licenseModel.kind === 'rights-group' ? 'employee' : null,
			permissions: []
		},
		{ ...base, kind: 'set-auto-renew', on: flag },
		{ ...base, kind: 'change-support', level: flag ? 'premier' : null }
	];
	return (
		intents[kind % intents.length] ?? intents[0] ?? { ...base, kind: 'set-auto-renew', on: true }
	);
}

/** The instant of the i-th step of a run: every 5 hours from 2026-01-03. */
export function stepTime(i: number): number {
	return at(addDays('2026-01-03', Math.floor(i / 4)), (i % 4) * 5);
}

/** Pools whose usage is above their size although the pool cannot bill by consumption. */
export function overfullPools(state: GroupState, policy: Policy): string[] {
	const usage = scanUsage(state, policy);
	const over: string[] = [];
	for (const product of policy.products) {
		const used = productUsage(usage, product.id);
		if (product.kind === 'module') {
			if (
				!billsByConsumption(policy, product) &&
				uncoveredOf(state, policy, product, used.standard, used.administrators) > 0
			)
				over.push(product.id);
			continue;
		}
		const holding = holdingOf(state, product.id);
		for (const pool of ['standard', 'floating'] as const) {
			if (used[pool] > poolCapacity(holding, pool)) over.push(`${product.id}:${pool}`);
		}
	}
	return over;
}

/** A preset by id (re-exported for property files). */
export { preset };
