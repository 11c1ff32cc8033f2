/**
 * Creating a license group (G1, G2): the vendor operator creates it (enterprise accounts, D3) or
 * the first purchaser does. It starts with an owner, exactly one billable admin (the owner unless
 * someone else is named) and no subscription. G3: where the policy asks for it, an admin account
 * that is not a role-based address gets a warning.
 */

import * as v from 'valibot';
import { adminAddressWarnings, userAddressWarnings } from './address-warnings.ts';
import { isInstant } from './calendar-dates.ts';
import { EmailSchema, IdSchema } from './common-schema.ts';
import type { Warning } from './decision-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { HistoryEntry } from './history-entries.ts';
import { historyEntry } from './history-entries.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import { parseWith } from './schema-parse.ts';
import type { GroupState, Member } from './state-schema.ts';

const PersonSchema = v.strictObject({
	id: IdSchema,
	email: EmailSchema,
	name: v.pipe(v.string(), v.maxLength(200))
});

/** What a new group needs: its id, its owner, and maybe a separate billable admin. */
export const NewGroupSchema = v.strictObject({
	groupId: IdSchema,
	owner: PersonSchema,
	billable: v.optional(v.nullable(PersonSchema), null)
});

/** A new group's input, before parsing. */
export type NewGroupInput = v.InferInput<typeof NewGroupSchema>;

/** A member with roles and nothing else. */
function person(
	p: { id: string; email: string; name: string },
	roles: Member['roles'],
	now: number
): Member {
	return {
		id: p.id,
		email: p.email,
		name: p.name,
		status: 'active',
		roles,
		licenseAdmin: null,
		licenses: [],
		rightsGroup: null,
		modules: [],
		permissions: [],
		createdAt: now
	};
}

/** G3/G4 warnings for the owner's address. */
function ownerWarnings(policy: Policy, email: string): Warning[] {
	const warnings = policy.roleBasedAdminAddress ? adminAddressWarnings(email) : [];
	return policy.warnFreeMail ? [...warnings, ...userAddressWarnings(email)] : warnings;
}

/** The empty state of a group owned by `owner`. */
function emptyGroup(
	policy: Policy,
	groupId: string,
	members: Record<string, Member>,
	now: number
): GroupState {
	return {
		schemaVersion: 1,
		groupId,
		policyId: policy.id,
		createdAt: now,
		members,
		holdings: {},
		packs: {},
		devices: {},
		subscription: {
			status: 'none',
			term: null,
			startedOn: null,
			expiry: null,
			firstExpiry: null,
			autoRenew: policy.autoRenewDefault,
			support: null,
			pendingSupport: null,
			claSignedOn: null
		},
		invoices: {},
		orders: [],
		lock: null,
		consumption: { periodStart: null, peak: {} },
		counters: { order: 0, invoice: 0, licenseKey: 0 }
	};
}

/** Creates a group: its first state, the history entry (H1) and warnings (G3, G4). */
export function createGroup(
	policy: Policy,
	input: NewGroupInput,
	now: number
): Result<{ state: GroupState; history: HistoryEntry[]; warnings: Warning[] }> {
	return guard(() => {
		const valid = ensurePolicy(policy);
		if (!valid.ok) return valid;
		if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
		const parsed = parseWith(NewGroupSchema, input, 'request.invalid');
		if (!parsed.ok) return parsed;
		const { groupId, owner, billable } = parsed.value;
		const members: Record<string, Member> = {};
		const separate = billable !== null && billable.id !== owner.id;
		members[owner.id] = person(owner, separate ? ['owner'] : ['owner', 'billable'], now);
		if (separate) members[billable.id] = person(billable, ['billable'], now);
		const history = [
			historyEntry(now, owner.id, 'group.created', groupId, { policy: policy.id, owner: owner.id })
		];
		return ok({
			state: emptyGroup(policy, groupId, members, now),
			history,
			warnings: ownerWarnings(policy, owner.email)
		});
	});
}
