import type {
	DomainError,
	GroupState,
	Outcome,
	Policy,
	Result
} from '../../src/lib/domain/index.ts';
import type { SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import type { AuthorityEngine } from './authority-engine.ts';

/**
 * Why the authority refused: a domain error as it is (params, fix, alternatives), or one of the
 * server's own codes (`group.not-initialized`, `idempotency.key-reused` …).
 */
export type Refusal = Omit<DomainError, 'code'> & { code: string };

/** What a domain operation did: the next state and the events it signed, or why it refused. */
export type OperationResult =
	| { ok: true; state: GroupState; signed: SignedLedgerEvent[]; committed: boolean }
	| { ok: false; error: Refusal };

/** A group that exists in SQL but was never given a first state. */
export const notInitialized: Refusal = { code: 'group.not-initialized', params: {} };

/**
 * Runs a domain operation (a payment, an operator action, the clock) on a group's current state
 * and commits its outcome. Unlike `applyOperation` it answers a refusal as a value, with the
 * domain's params and fix, so that a route can send it as it is; and with `skipUnchanged` it
 * commits nothing when the operation changed nothing (the scheduler runs every group often).
 */
export async function runDomainOperation(
	engine: AuthorityEngine,
	groupId: string,
	reason: string,
	operation: (state: GroupState, policy: Policy, now: number) => Result<Outcome>,
	options: { touched?: readonly string[]; skipUnchanged?: boolean } = {}
): Promise<OperationResult> {
	return engine.run(groupId, async (authority) => {
		const state = authority.state;
		if (!state) return { ok: false, error: notInitialized };
		const result = operation(state, authority.policy, engine.clock.now());
		if (!result.ok) return { ok: false, error: result.error };
		const { events, history, emails } = result.value;
		const unchanged =
			result.value.state === state &&
			events.length === 0 &&
			history.length === 0 &&
			emails.length === 0;
		if (unchanged && options.skipUnchanged) {
			return { ok: true, state, signed: [], committed: false };
		}
		const signed = await engine.commit(
			authority,
			{ reason, state: result.value.state, events, history, emails },
			options.touched ?? []
		);
		return { ok: true, state: result.value.state, signed, committed: true };
	});
}
