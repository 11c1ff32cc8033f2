import { decideIntent, parseIntent, type Warning } from '$lib/domain/index.ts';
import type { GroupWorkspace, IntentDraft } from './group-workspace.svelte.ts';

type Scalar = string | number | boolean | null;

/** What a screen's action returns: the proposed intent, or why nothing was proposed. */
export type ActionResult =
	| { ok: true; intentId: string; warnings: Warning[] }
	| { ok: false; code: string; params: Record<string, Scalar> };

/** A refusal decided here, before anything is written. */
export function refuse(code: string, params: Record<string, Scalar> = {}): ActionResult {
	return { ok: false, code, params };
}

/**
 * Proposes an intent only if the domain engine, run here on what the screen shows (the decided
 * state plus my pending intents), accepts it. Bad input therefore changes nothing: no intent is
 * written, no other admin sees it, and the reason is the same code the authority would give.
 * Works offline, since the engine is local. Accepted intents are still decided by the authority.
 */
export function proposeChecked(workspace: GroupWorkspace, draft: IntentDraft): ActionResult {
	const state = workspace.preview?.state;
	const policy = workspace.policy;
	if (!workspace.canWrite) return refuse('role.read-only', { kind: draft.kind });
	if (state === undefined || policy === undefined) return refuse('internal.unexpected');
	const now = Date.now();
	const parsed = parseIntent({
		...draft,
		id: 'local-check',
		author: workspace.userId,
		createdAt: now
	});
	if (!parsed.ok) return refuse(parsed.error.code, parsed.error.params);
	const { decision } = decideIntent(state, parsed.value, policy, now);
	if (decision.outcome === 'rejected') return refuse(decision.code, decision.params);
	return { ok: true, intentId: workspace.propose(draft), warnings: decision.warnings };
}

/** Where a proposed intent stands: waiting for the authority, accepted or refused by it. */
export type IntentOutcome = 'pending' | 'accepted' | 'rejected';

/** Where one of my proposed intents stands now. */
export function outcomeOf(workspace: GroupWorkspace, intentId: string): IntentOutcome {
	const decision = workspace.decisions.get(intentId)?.decision;
	return decision?.outcome ?? 'pending';
}
