import {
	decideIntents,
	type BatchOutcome,
	type Decision,
	type GroupState,
	type Policy
} from '../domain/index.ts';
import type { DecisionRecord } from './authority-doc.ts';
import { writtenIntents } from './workspace-doc.ts';
import type * as Y from 'yjs';

/** No decision at all (a shared, never-mutated empty map). */
export const noDecisions: ReadonlyMap<string, DecisionRecord> = new Map();

/** One of my intents the authority has not decided yet, with the engine's local verdict. */
export interface PendingIntent {
	id: string;
	intent: Record<string, unknown>;
	/** What the same engine says locally: it will most likely be the server's verdict too. */
	preview: Decision;
}

/** The authority state with my pending intents applied, marked pending until decided. */
export interface Preview {
	state: GroupState;
	pending: PendingIntent[];
	/** Member ids that pending intents touch (to mark rows as pending). */
	touched: ReadonlySet<string>;
}

/** My intents in the workspace that have no decision yet, oldest first. */
export function myUndecidedIntents(
	workspace: Y.Doc,
	userId: string,
	decisions: ReadonlyMap<string, DecisionRecord>
): Record<string, unknown>[] {
	const mine: Record<string, unknown>[] = [];
	for (const { id, value } of writtenIntents(workspace).values()) {
		if (decisions.has(id) || typeof value !== 'object' || value === null) continue;
		const intent = value as Record<string, unknown>;
		if (intent.author === userId) mine.push(intent);
	}
	return mine.sort(
		(a, b) => Number(a.createdAt) - Number(b.createdAt) || String(a.id).localeCompare(String(b.id))
	);
}

/**
 * Applies my pending intents to the decided state with the domain engine, exactly as the
 * server will: what the screen shows is what will most likely be decided, marked as pending.
 */
export function previewPending(
	state: GroupState,
	intents: readonly Record<string, unknown>[],
	policy: Policy,
	now: number
): Preview {
	if (intents.length === 0) return { state, pending: [], touched: new Set() };
	const outcome: BatchOutcome = decideIntents(state, intents, policy, now);
	const pending = intents.map((intent, index) => ({
		id: String(intent.id),
		intent,
		preview: outcome.decisions[index] ?? {
			intentId: String(intent.id),
			outcome: 'rejected' as const,
			code: 'internal.unexpected' as const,
			params: {}
		}
	}));
	return { state: outcome.state, pending, touched: new Set(outcome.changes.members) };
}
