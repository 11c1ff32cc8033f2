import { randomUUID } from 'node:crypto';
import {
	adminAddressWarnings,
	createGroup,
	decideIntents,
	type BatchOutcome,
	type HistoryEntry,
	type Policy,
	type Warning
} from '../../src/lib/domain/index.ts';
import { hashPassword, type ScryptCost } from '../auth/passwords.ts';
import type { AccountStore, GroupRecord } from '../storage/types.ts';
import { AuthorityError, type AuthorityEngine } from './authority-engine.ts';
import type { Refusal } from './domain-operation.ts';

/** A person to create with a password (the account's admin, or one of its users). */
export interface NewPerson {
	email: string;
	name: string;
	password: string;
	language: string;
}

/** What the operator asks for (D3): a group, its role-based admin account, its users. */
export interface EnterpriseAccountInput {
	group: { id: string; name: string; policyId: string; vendorId: string };
	admin: NewPerson;
	users: (NewPerson & { permissions: string[] })[];
}

/** What was created, and the warnings the operator should read (G3, G4). */
export interface EnterpriseAccount {
	group: GroupRecord;
	admin: { id: string; email: string; name: string };
	users: { id: string; email: string; name: string; permissions: string[] }[];
	warnings: Warning[];
}

/** People with their future user ids (ids first, so the dry run and the commit agree). */
interface Cast {
	admin: NewPerson & { id: string };
	users: (NewPerson & { id: string; permissions: string[] })[];
}

type Planned = { ok: true; outcome: BatchOutcome; history: HistoryEntry[]; warnings: Warning[] };

/**
 * The group's first state, exactly as the authority will commit it: the admin account as owner
 * and billable admin (G2), then every user added with their permissions (D3), by the same
 * domain functions as any other group. Pure, so it doubles as the check before anything is
 * written.
 */
function plan(
	policy: Policy,
	input: EnterpriseAccountInput,
	cast: Cast,
	now: number
): Planned | { ok: false; refusal: Refusal } {
	const owner = { id: cast.admin.id, email: cast.admin.email, name: cast.admin.name };
	const created = createGroup(policy, { groupId: input.group.id, owner }, now);
	if (!created.ok) return { ok: false, refusal: created.error };
	const intents = cast.users.map((user, index) => ({
		id: `enterprise-user-${index + 1}`,
		kind: 'add-member',
		author: owner.id,
		createdAt: now,
		email: user.email,
		name: user.name,
		rightsGroup: null,
		permissions: user.permissions
	}));
	const accounts = Object.fromEntries(cast.users.map((user) => [user.email, user.id]));
	const outcome = decideIntents(created.value.state, intents, policy, now, { accounts });
	const refused = outcome.decisions.find((decision) => decision.outcome === 'rejected');
	if (refused?.outcome === 'rejected') {
		const { code, params, fix, alternatives, path } = refused;
		return { ok: false, refusal: { code, params, fix, alternatives, path } };
	}
	// G3: an enterprise account outlives any one employee, whatever the policy says of others.
	const warnings = [...adminAddressWarnings(owner.email), ...created.value.warnings];
	for (const decision of outcome.decisions) {
		if (decision.outcome === 'accepted') warnings.push(...decision.warnings);
	}
	const unique = new Map(warnings.map((w) => [`${w.code} ${JSON.stringify(w.params)}`, w]));
	return { ok: true, outcome, history: created.value.history, warnings: [...unique.values()] };
}

/** Refuses addresses used twice in the request or already taken by an account. */
async function takenAddress(accounts: AccountStore, cast: Cast): Promise<Refusal | undefined> {
	const seen = new Set<string>();
	for (const person of [cast.admin, ...cast.users]) {
		const taken = seen.has(person.email) || (await accounts.findUserByEmail(person.email));
		if (taken) return { code: 'user.email-taken', params: { email: person.email } };
		seen.add(person.email);
	}
	return undefined;
}

export interface EnterpriseDeps {
	engine: AuthorityEngine;
	accounts: AccountStore;
	passwordCost: ScryptCost;
}

/**
 * Creates an enterprise account (D3, G3): checks everything first (vendor, group id, addresses,
 * the domain's verdict on every user), then — unless `dryRun` — the SQL users with their scrypt
 * hashes, the SQL group, and the group's first state in one authority commit, which mirrors the
 * admin's roles into SQL.
 */
export async function createEnterpriseAccount(
	deps: EnterpriseDeps,
	policy: Policy,
	input: EnterpriseAccountInput,
	dryRun: boolean
): Promise<{ ok: true; account: EnterpriseAccount } | { ok: false; refusal: Refusal }> {
	const { accounts, engine } = deps;
	if (!(await accounts.findVendor(input.group.vendorId)))
		return {
			ok: false,
			refusal: { code: 'vendor.unknown', params: { vendorId: input.group.vendorId } }
		};
	if (await accounts.findGroup(input.group.id))
		return { ok: false, refusal: { code: 'group.id-taken', params: { groupId: input.group.id } } };
	const cast: Cast = {
		admin: { ...input.admin, id: randomUUID() },
		users: input.users.map((user) => ({ ...user, id: randomUUID() }))
	};
	const taken = await takenAddress(accounts, cast);
	if (taken) return { ok: false, refusal: taken };
	const checked = plan(policy, input, cast, engine.clock.now());
	if (!checked.ok) return checked;
	const account = describe(input, cast, engine.clock.now(), checked.warnings);
	if (dryRun) return { ok: true, account };
	await createPeople(deps, cast, account.group.createdAt);
	await accounts.createGroup(account.group);
	await engine.run(input.group.id, async (authority) => {
		const planned = plan(policy, input, cast, engine.clock.now());
		if (!planned.ok) throw new AuthorityError(planned.refusal.code);
		const { state, events, history, emails, changes } = planned.outcome;
		await engine.commit(
			authority,
			{ reason: 'group.created', state, events, emails, history: [...planned.history, ...history] },
			[cast.admin.id, ...changes.members]
		);
	});
	return { ok: true, account };
}

/** The SQL accounts, with their passwords hashed side by side on libuv's pool. */
async function createPeople(deps: EnterpriseDeps, cast: Cast, now: number): Promise<void> {
	const people = [cast.admin, ...cast.users];
	const hashes = await Promise.all(
		people.map((person) => hashPassword(person.password, deps.passwordCost))
	);
	for (const [index, person] of people.entries()) {
		await deps.accounts.createUser({
			id: person.id,
			email: person.email,
			name: person.name,
			passwordHash: hashes[index] ?? null,
			language: person.language,
			vendorRole: null,
			createdAt: now
		});
	}
}

function describe(
	input: EnterpriseAccountInput,
	cast: Cast,
	now: number,
	warnings: Warning[]
): EnterpriseAccount {
	const { id, name, email } = cast.admin;
	return {
		group: { ...input.group, createdAt: now },
		admin: { id, email, name },
		users: cast.users.map((user) => ({
			id: user.id,
			email: user.email,
			name: user.name,
			permissions: user.permissions
		})),
		warnings
	};
}
