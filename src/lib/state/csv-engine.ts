import { decideIntents, type GroupState, type Member, type Policy } from '$lib/domain/index.ts';
import type { DecisionRecord } from '$lib/sync/authority-doc.ts';
import type { PlannedRow, RowProblem } from './csv-rows.ts';
import type { IntentDraft } from './group-workspace.svelte.ts';

/**
 * The domain engine's side of a CSV import: which good rows it would refuse on the previewed
 * state (so they are reported instead of proposed), and the module access to give people the
 * authority has added since.
 */

/** Decision params as scalars for a translated message. */
function scalars(params: Record<string, unknown>): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(params)) {
		if (typeof value === 'string' || typeof value === 'number') out[key] = value;
	}
	return out;
}

/**
 * Runs the planned rows through the engine, in order, on the previewed state, as the server
 * will: a row the engine refuses (no free seat, say) is reported with the engine's reason.
 */
export function engineRefusals(
	planned: readonly PlannedRow[],
	context: { state: GroupState; policy: Policy; userId: string; now: number }
): { refused: ReadonlySet<number>; problems: RowProblem[] } {
	const rowOf: number[] = [];
	const intents = planned.flatMap((row) =>
		row.drafts.map((draft, index) => {
			rowOf.push(row.row);
			const id = `check-${row.row}-${index}`;
			return { ...draft, id, author: context.userId, createdAt: context.now };
		})
	);
	const outcome = decideIntents(context.state, intents, context.policy, context.now);
	const refused = new Set<number>();
	const problems: RowProblem[] = [];
	outcome.decisions.forEach((decision, index) => {
		const row = rowOf[index];
		if (decision.outcome !== 'rejected' || row === undefined || refused.has(row)) return;
		refused.add(row);
		const params = scalars(decision.params);
		// Readers know products by name, not by id.
		const product = context.policy.products.find((p) => p.id === params.product);
		if (product) params.product = product.name;
		problems.push({ row, column: null, code: decision.code, params });
	});
	return { refused, problems };
}

/** A new person whose module access waits for the authority to add them (P12). */
export interface AwaitingModules {
	intentId: string;
	email: string;
	modules: string[];
}

/**
 * P12: for people the authority has now decided on, the `set-module-access` drafts to propose
 * (found by address: only the authority knows whether an address was linked or invited), and
 * those still waiting.
 */
export function moduleFollowUps(
	awaiting: readonly AwaitingModules[],
	decisions: ReadonlyMap<string, DecisionRecord>,
	members: Readonly<Record<string, Member>>
): { drafts: IntentDraft[]; waiting: AwaitingModules[] } {
	const waiting = awaiting.filter((entry) => !decisions.has(entry.intentId));
	const accepted = awaiting.filter(
		(entry) => decisions.get(entry.intentId)?.decision.outcome === 'accepted'
	);
	if (accepted.length === 0) return { drafts: [], waiting };
	const byEmail = new Map<string, string>();
	for (const member of Object.values(members)) byEmail.set(member.email.toLowerCase(), member.id);
	const drafts = accepted.flatMap(({ email, modules }) => {
		const memberId = byEmail.get(email.toLowerCase());
		return memberId === undefined
			? []
			: modules.map((module) => ({ kind: 'set-module-access', memberId, module, access: true }));
	});
	return { drafts, waiting };
}
