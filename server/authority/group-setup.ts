import {
	createGroup,
	decideIntents,
	placeOrder,
	type GroupState,
	type Outcome,
	type Policy,
	type Quote,
	type QuoteRequestInput,
	type Result,
	type Role
} from '../../src/lib/domain/index.ts';
import { AuthorityError, type AuthorityEngine } from './authority-engine.ts';

/** Someone with an account: their user id is their member id in every group. */
export interface Person {
	id: string;
	email: string;
	name: string;
}

/**
 * Gives a group its first state through the authority (G1, G2): the owner, exactly one billable
 * admin, and other admins with their roles, as signed-off history entries.
 */
export async function initializeGroup(
	engine: AuthorityEngine,
	groupId: string,
	people: { owner: Person; billable?: Person; admins?: { person: Person; roles: Role[] }[] }
): Promise<GroupState> {
	return engine.run(groupId, async (authority) => {
		if (authority.state) throw new AuthorityError('group.already-initialized');
		const now = engine.clock.now();
		const created = createGroup(
			authority.policy,
			{ groupId, owner: people.owner, billable: people.billable ?? null },
			now
		);
		if (!created.ok) throw new AuthorityError(created.error.code);
		const admins = people.admins ?? [];
		const intents = admins.flatMap(({ person, roles }, index) => [
			{
				id: `setup-${index}-member`,
				kind: 'add-member',
				author: people.owner.id,
				createdAt: now,
				email: person.email,
				name: person.name,
				rightsGroup: null,
				permissions: []
			},
			{
				id: `setup-${index}-roles`,
				kind: 'set-roles',
				author: people.owner.id,
				createdAt: now,
				memberId: person.id,
				roles
			}
		]);
		const accounts = Object.fromEntries(
			admins.map(({ person }) => [person.email.toLowerCase(), person.id])
		);
		const outcome = decideIntents(created.value.state, intents, authority.policy, now, {
			accounts
		});
		const refused = outcome.decisions.find((decision) => decision.outcome === 'rejected');
		if (refused?.outcome === 'rejected') throw new AuthorityError(refused.code);
		await engine.commit(
			authority,
			{
				reason: 'group.created',
				state: outcome.state,
				events: outcome.events,
				history: [...created.value.history, ...outcome.history],
				emails: outcome.emails
			},
			Object.keys(outcome.state.members)
		);
		return outcome.state;
	});
}

/**
 * Buys or changes seats, or adds packs, as `actor` (P3: the owner, with a confirmed password).
 * Returns the quote that was charged and the signed events.
 */
export async function placeOrderAsAuthority(
	engine: AuthorityEngine,
	groupId: string,
	actor: { userId: string; passwordConfirmed: boolean },
	request: QuoteRequestInput
): Promise<{ quote: Quote; seq: number }> {
	return engine.run(groupId, async (authority) => {
		const state = authority.state;
		if (!state) throw new AuthorityError('state.invalid');
		const roles = state.members[actor.userId]?.roles ?? [];
		const now = engine.clock.now();
		const placed = placeOrder(state, authority.policy, request, { ...actor, roles }, now);
		if (!placed.ok) throw new AuthorityError(placed.error.code);
		const signed = await engine.commit(authority, { reason: 'order', ...placed.value }, []);
		return { quote: placed.value.quote, seq: signed.at(-1)?.seq ?? authority.ledgerHead.seq };
	});
}

/**
 * Runs a domain operation on a group's current state and commits its outcome (operator actions,
 * the clock, payments): the one path by which anything but an intent changes a group.
 */
export async function applyOperation(
	engine: AuthorityEngine,
	groupId: string,
	reason: string,
	operation: (state: GroupState, policy: Policy, now: number) => Result<Outcome>,
	touched: readonly string[] = []
): Promise<GroupState> {
	return engine.run(groupId, async (authority) => {
		const state = authority.state;
		if (!state) throw new AuthorityError('state.invalid');
		const result = operation(state, authority.policy, engine.clock.now());
		if (!result.ok) throw new AuthorityError(result.error.code);
		await engine.commit(authority, { reason, ...result.value }, touched);
		return result.value.state;
	});
}

/** Decides intents as the server (e.g. the demo's opening moves) and fails on any rejection. */
export async function decideAsAuthority(
	engine: AuthorityEngine,
	groupId: string,
	intents: readonly Record<string, unknown>[],
	accounts: Record<string, string> = {}
): Promise<GroupState> {
	return engine.run(groupId, async (authority) => {
		const state = authority.state;
		if (!state) throw new AuthorityError('state.invalid');
		const now = engine.clock.now();
		const outcome = decideIntents(state, intents, authority.policy, now, { accounts });
		const refused = outcome.decisions.find((decision) => decision.outcome === 'rejected');
		if (refused?.outcome === 'rejected') {
			throw new AuthorityError(
				refused.code,
				`${refused.intentId}: ${refused.code} ${JSON.stringify(refused.params)}`
			);
		}
		const { state: next, events, history, emails, changes } = outcome;
		await engine.commit(
			authority,
			{ reason: 'intents', state: next, events, history, emails, changes },
			outcome.changes.members
		);
		return next;
	});
}
