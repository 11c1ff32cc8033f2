/**
 * Shared test helpers for the domain suites: presets by id, instants from dates, a fresh group,
 * intents with unique ids, and `unwrap` that fails the test with the error code.
 */

import { instantOfDate } from '../../src/lib/domain/calendar-dates.ts';
import type { ActorInput } from '../../src/lib/domain/common-schema.ts';
import type { Result } from '../../src/lib/domain/domain-result.ts';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import { presets } from '../../src/lib/domain/policy-presets.ts';
import { recordClaSigned } from '../../src/lib/domain/operator-actions.ts';
import type { OrderOutcome } from '../../src/lib/domain/order-place.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import type { Policy } from '../../src/lib/domain/policy-schema.ts';
import type { GroupState, Member } from '../../src/lib/domain/state-schema.ts';

/** A preset by id; throws (failing the test) when missing. */
export function preset(id: string): Policy {
	const policy = presets[id];
	if (policy === undefined) throw new Error(`preset ${id} did not parse`);
	return policy;
}

/** The instant of `date` at `hour`:00 UTC (noon by default). */
export function at(date: string, hour = 12): number {
	return instantOfDate(date) + hour * 3_600_000;
}

/** The value of a success; throws with the error code otherwise. */
export function unwrap<T>(result: Result<T>): T {
	if (!result.ok)
		throw new Error(
			`expected success, got ${result.error.code} ${JSON.stringify(result.error.params)}`
		);
	return result.value;
}

/** The error of a failure; throws otherwise. */
export function failure<T>(result: Result<T>) {
	if (result.ok) throw new Error('expected a failure, got a success');
	return result.error;
}

/** The owner of every test group. */
export const ownerId = 'owner-1';

/** The owner acting with a confirmed password. */
export const owner: ActorInput = {
	userId: ownerId,
	roles: ['owner', 'billable'],
	passwordConfirmed: true
};

/** The vendor operator. */
export const operator: ActorInput = { userId: 'vendor-desk', roles: [], operator: true };

/** A new group under a preset, owned by `owner-1` (also billable). */
export function newGroup(
	policy: Policy,
	date = '2026-01-01',
	ownerEmail = 'licenses@acme.example'
): GroupState {
	const created = createGroup(
		policy,
		{ groupId: 'group-1', owner: { id: ownerId, email: ownerEmail, name: 'Olivia Owner' } },
		at(date)
	);
	return unwrap(created).state;
}

let intentCounter = 0;

/** Distributes Omit over a union, so each intent kind keeps its own fields. */
type IntentFields<T> = T extends unknown
	? Omit<T, 'id' | 'createdAt' | 'author'> & { author?: string }
	: never;

/** An intent with a fresh id, authored by the owner unless said otherwise. */
export function intent(fields: IntentFields<Intent>, createdAt = 0): Intent {
	intentCounter += 1;
	return { id: `intent-${intentCounter}`, author: ownerId, createdAt, ...fields };
}

/** Adds a member directly to a state (test set-up only). */
export function withMember(
	state: GroupState,
	member: Partial<Member> & { id: string }
): GroupState {
	const full: Member = {
		email: `${member.id}@acme.example`,
		name: member.id,
		status: 'active',
		roles: [],
		licenseAdmin: null,
		licenses: [],
		rightsGroup: null,
		modules: [],
		permissions: [],
		createdAt: 0,
		...member
	};
	return { ...state, members: { ...state.members, [full.id]: full } };
}

/** Signs the CLA (when the policy needs it) and buys `seats` of `product` on `date`. */
export function bought(
	policy: Policy,
	state: GroupState,
	product: string,
	seats: number,
	date: string,
	term: 'annual' | 'monthly' | null = null,
	support: string | null = null
): ReturnType<typeof unwrap<OrderOutcome>> {
	const signed = unwrap(recordClaSigned(state, policy, operator, at(date, 9))).state;
	return unwrap(
		placeOrder(
			signed,
			policy,
			{ kind: 'set-seats', product, newTotal: seats, term, support },
			owner,
			at(date)
		)
	);
}

/** A group of a preset that bought `seats` of its first product on `date`. */
export function groupWithSeats(policy: Policy, seats: number, date = '2026-01-02'): GroupState {
	const product = policy.products[0]?.id ?? '';
	return bought(policy, newGroup(policy, date), product, seats, date).state;
}
