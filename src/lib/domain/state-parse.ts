/**
 * Parsing a group state read from storage or from the authority document. Engine functions trust
 * a `GroupState` they are given (re-validating 100,000 members on every decision would cost more
 * than the decision), so this is the door every state from outside goes through.
 */

import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { GroupState } from './state-schema.ts';
import { GroupStateSchema } from './state-schema.ts';
import { parseWith } from './schema-parse.ts';

/** The first record whose key differs from the id inside it, as a dot path. */
function keyMismatch(state: GroupState): string | null {
	for (const [key, member] of Object.entries(state.members)) {
		if (member.id !== key) return `members.${key}.id`;
	}
	for (const [key, device] of Object.entries(state.devices)) {
		if (device.code !== key) return `devices.${key}.code`;
	}
	for (const [key, invoice] of Object.entries(state.invoices)) {
		if (invoice.id !== key) return `invoices.${key}.id`;
	}
	return null;
}

/** The first holding whose floating share exceeds its seats. */
function poolMismatch(state: GroupState): string | null {
	for (const [product, holding] of Object.entries(state.holdings)) {
		if (holding.floating > holding.seats) return `holdings.${product}.floating`;
	}
	return null;
}

/** G2: how many members hold the billable role. */
export function countBillable(state: GroupState): number {
	let count = 0;
	for (const id in state.members) {
		if (state.members[id]?.roles.includes('billable') === true) count += 1;
	}
	return count;
}

/**
 * Parses a group state: `state.invalid` with the path of the offending field when it breaks the
 * schema, when a record key differs from its id, or when the group does not have exactly one
 * billable administrator (G2).
 */
export function parseGroupState(input: unknown): Result<GroupState> {
	return guard(() => {
		const parsed = parseWith(GroupStateSchema, input, 'state.invalid');
		if (!parsed.ok) return parsed;
		const state = parsed.value;
		const path = keyMismatch(state) ?? poolMismatch(state);
		if (path !== null) return fail('state.invalid', { reason: 'inconsistent', path }, { path });
		const billable = countBillable(state);
		if (billable !== 1) {
			return fail(
				'state.invalid',
				{ reason: 'exactly one billable admin', count: billable },
				{ path: 'members' }
			);
		}
		return ok(state);
	});
}
