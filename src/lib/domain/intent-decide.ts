/**
 * Deciding intents. The server's authority runs `decideIntent` on each intent in arrival order;
 * the browser runs `decideIntents` on the authority state plus its own pending intents to show
 * what the screen will look like — the same engine, so preview and verdict cannot disagree.
 * Nothing throws: a malformed intent is rejected with a code, and a rejected intent leaves the
 * state untouched.
 */

import { dateOfInstant, isInstant } from './calendar-dates.ts';
import type { Decision } from './decision-schema.ts';
import type { DomainError, Result } from './domain-result.ts';
import { fail, guard } from './domain-result.ts';
import type { EmailNotice } from './email-notices.ts';
import type { HistoryEntry } from './history-entries.ts';
import { checkAccess } from './intent-access.ts';
import type { DecideOptions, IntentContext, IntentEffects, Verdict } from './intent-context.ts';
import { route } from './intent-route.ts';
import type { Intent } from './intent-schema.ts';
import { IntentSchema } from './intent-schema.ts';
import type { LedgerPayload } from './ledger-schema.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import { parseWith } from './schema-parse.ts';
import type { Draft } from './state-draft.ts';
import { closeDraft, markDraft, openDraft, revertDraft, rollbackDraft } from './state-draft.ts';
import type { GroupState } from './state-schema.ts';

/** What deciding a batch of intents produced. */
export interface BatchOutcome {
	decisions: Decision[];
	state: GroupState;
	history: HistoryEntry[];
	events: LedgerPayload[];
	emails: EmailNotice[];
	/**
	 * Ids of the members and device codes written, so a caller can store only those. Other
	 * top-level fields (holdings, subscription, invoices …) changed when their object differs
	 * from the input state's (compare by reference).
	 */
	changes: { members: string[]; devices: string[] };
	/**
	 * Only after an in-place batch (`options.inPlace`) that wrote something: undoes its writes to
	 * the input state's records, for a caller that could not commit the outcome.
	 */
	revert?: () => void;
}

/** What deciding one intent produced. */
export interface DecideOutcome extends Omit<BatchOutcome, 'decisions'> {
	decision: Decision;
}

/** Parses an intent read from the workspace document (untrusted). */
export function parseIntent(input: unknown): Result<Intent> {
	return guard(() => parseWith(IntentSchema, input, 'intent.invalid'));
}

/** A rejection as a decision. */
function rejected(intentId: string, error: DomainError): Decision {
	const decision: Decision = {
		intentId,
		outcome: 'rejected',
		code: error.code,
		params: error.params
	};
	if (error.path !== undefined) decision.path = error.path;
	if (error.fix !== undefined) decision.fix = error.fix;
	if (error.alternatives !== undefined) decision.alternatives = error.alternatives;
	return decision;
}

/** The id of an intent that may not have parsed. */
function idOf(input: unknown): string {
	if (typeof input === 'object' && input !== null && 'id' in input && typeof input.id === 'string')
		return input.id;
	return '';
}

/** Checks and routes one parsed intent. */
function verdictOf(
	draft: Draft,
	policy: Policy,
	intent: Intent,
	now: number,
	options: DecideOptions
): Verdict {
	const ctx: IntentContext = {
		draft,
		policy,
		now,
		today: dateOfInstant(now),
		author: draft.state.members[intent.author] ?? null,
		options
	};
	const access = checkAccess(ctx, intent);
	return access.ok ? route(ctx, intent) : access;
}

/** Decides one intent on the draft; applies it when accepted. */
function decideOnDraft(
	draft: Draft,
	policy: Policy,
	input: unknown,
	now: number,
	options: DecideOptions
): { decision: Decision; effects: IntentEffects | null } {
	const id = idOf(input);
	const parsed = parseIntent(input);
	if (!parsed.ok) return { decision: rejected(id, parsed.error), effects: null };
	const mark = markDraft(draft);
	const applied = guard(() => {
		const verdict = verdictOf(draft, policy, parsed.value, now, options);
		return verdict.ok ? { ok: true as const, value: verdict.apply() } : verdict;
	});
	if (!applied.ok) {
		rollbackDraft(draft, mark);
		return { decision: rejected(id, applied.error), effects: null };
	}
	return {
		decision: { intentId: id, outcome: 'accepted', warnings: applied.value.warnings },
		effects: applied.value
	};
}

/** The refusal every intent gets when the policy or the instant is bad. */
function globalError(policy: Policy, now: number): DomainError | null {
	const valid = ensurePolicy(policy);
	if (!valid.ok) return valid.error;
	return isInstant(now) ? null : fail('date.out-of-range', { now: String(now) }).error;
}

/** The outcome that rejects every intent of a batch with the same error. */
function rejectAll(
	state: GroupState,
	intents: readonly unknown[],
	error: DomainError
): BatchOutcome {
	const decisions = intents.map((input) => rejected(idOf(input), error));
	return {
		decisions,
		state,
		history: [],
		events: [],
		emails: [],
		changes: { members: [], devices: [] }
	};
}

/** Decides a batch on a valid policy and instant. */
function decideBatch(
	state: GroupState,
	intents: readonly unknown[],
	policy: Policy,
	now: number,
	options: DecideOptions
): BatchOutcome {
	const outcome: BatchOutcome = {
		decisions: [],
		state,
		history: [],
		events: [],
		emails: [],
		changes: { members: [], devices: [] }
	};
	const draft = openDraft(state, options.inPlace === true ? policy : undefined);
	try {
		for (const input of intents) {
			const decided = decideOnDraft(draft, policy, input, now, options);
			outcome.decisions.push(decided.decision);
			if (decided.effects === null) continue;
			outcome.history.push(...decided.effects.history);
			outcome.events.push(...decided.effects.events);
			outcome.emails.push(...decided.effects.emails);
		}
		outcome.state = closeDraft(draft, policy);
	} catch (caught) {
		// The caller gets the input state back (every intent rejected): it must hold what it held.
		if (draft.inPlace !== undefined) revertDraft(draft);
		throw caught;
	}
	outcome.changes = {
		members: [...draft.touchedMembers.keys()],
		devices: [...draft.touchedDevices.keys()]
	};
	if (draft.inPlace !== undefined && draft.journal.length > 0)
		outcome.revert = () => revertDraft(draft);
	return outcome;
}

/**
 * Decides intents in order on one draft (one copy of the members record for the whole batch):
 * each intent sees the ones accepted before it. Used by the browser preview and by a server
 * that drains a queue. Should anything unexpected break the batch itself, every intent is
 * rejected as `internal.unexpected` and the state is returned unchanged.
 */
export function decideIntents(
	state: GroupState,
	intents: readonly unknown[],
	policy: Policy,
	now: number,
	options: DecideOptions = {}
): BatchOutcome {
	try {
		const broken = globalError(policy, now);
		if (broken !== null) return rejectAll(state, intents, broken);
		return decideBatch(state, intents, policy, now, options);
	} catch (caught) {
		const message = caught instanceof Error ? caught.message : String(caught);
		return rejectAll(state, intents, fail('internal.unexpected', { message }).error);
	}
}

/**
 * Decides one intent proposed by `intent.author` at instant `now`: `accepted` (maybe with
 * warnings) or `rejected` with a code, parameters and a suggested fix. Returns the next state
 * (the same object when rejected), the history entries (H1), and — for purchases — the ledger
 * payloads and e-mails. `options.accounts` lists existing accounts by e-mail (U1).
 */
export function decideIntent(
	state: GroupState,
	intent: Intent,
	policy: Policy,
	now: number,
	options: DecideOptions = {}
): DecideOutcome {
	const { decisions, ...rest } = decideIntents(state, [intent], policy, now, options);
	const decision = decisions[0] ?? rejected(idOf(intent), fail('internal.unexpected').error);
	return { decision, ...rest };
}
