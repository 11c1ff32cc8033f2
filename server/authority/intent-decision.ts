import { decideIntents, type GroupState } from '../../src/lib/domain/index.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import type { GroupAuthority } from './group-authority.ts';
import { notInitialized, type Refusal } from './domain-operation.ts';

/**
 * What deciding a request's intents did: the state after them (`committed` is false when there
 * was nothing to decide), or the first refusal.
 */
export type IntentDecision =
	{ ok: true; state: GroupState; committed: boolean } | { ok: false; error: Refusal };

/** The intents, or a function of the current state that makes them (e.g. only what changes). */
export type Intents =
	readonly Record<string, unknown>[] | ((state: GroupState) => readonly Record<string, unknown>[]);

/** Hooks around the commit, inside the group's turn (e.g. storing an account atomically with it). */
export interface DecideHooks {
	/** Runs before anything is decided; answering a refusal stops there. */
	check?: (state: GroupState) => Refusal | undefined | Promise<Refusal | undefined>;
	/** Runs once every intent was accepted, just before the commit; may refuse. */
	beforeCommit?: (state: GroupState) => Promise<Refusal | undefined>;
	/** Undoes `beforeCommit` when the commit fails. */
	onCommitFailed?: () => Promise<void>;
}

/**
 * Decides intents that arrive through an HTTP route (a device signing in, a user renaming
 * themselves, an invited user registering) as the authority, in the group's turn. Unlike
 * `decideAsAuthority` it answers a refusal as a value, with the domain's params and fix, and
 * commits nothing then: all the intents are accepted together or nothing changes.
 */
export function decideForRequest(
	engine: AuthorityEngine,
	groupId: string,
	intents: Intents,
	options: { accounts?: Record<string, string>; hooks?: DecideHooks } = {}
): Promise<IntentDecision> {
	return engine.run(groupId, (authority) => decideInTurn(engine, authority, intents, options));
}

async function decideInTurn(
	engine: AuthorityEngine,
	authority: GroupAuthority,
	intents: Intents,
	options: { accounts?: Record<string, string>; hooks?: DecideHooks }
): Promise<IntentDecision> {
	const state = authority.state;
	if (!state) return { ok: false, error: notInitialized };
	const { hooks = {}, accounts = {} } = options;
	const checked = await hooks.check?.(state);
	if (checked) return { ok: false, error: checked };
	const list = typeof intents === 'function' ? intents(state) : intents;
	if (list.length === 0) return { ok: true, state, committed: false };
	// In place, as the intake decides: anything short of a commit reverts the writes.
	const outcome = decideIntents(state, list, authority.policy, engine.clock.now(), {
		accounts,
		inPlace: true
	});
	for (const decision of outcome.decisions) {
		if (decision.outcome === 'rejected') {
			outcome.revert?.();
			const { code, params, fix, alternatives, path } = decision;
			return { ok: false, error: { code, params, fix, alternatives, path } };
		}
	}
	const refused = await hooks.beforeCommit?.(outcome.state).catch((error: unknown) => {
		outcome.revert?.();
		throw error;
	});
	if (refused) {
		outcome.revert?.();
		return { ok: false, error: refused };
	}
	const { state: next, events, history, emails, changes } = outcome;
	try {
		await engine.commit(
			authority,
			{ reason: 'intents', state: next, events, history, emails, changes },
			outcome.changes.members
		);
	} catch (error) {
		outcome.revert?.();
		await hooks.onCommitFailed?.();
		throw error;
	}
	return { ok: true, state: next, committed: true };
}
