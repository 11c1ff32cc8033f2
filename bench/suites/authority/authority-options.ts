/**
 * The authority suite's knobs (`BENCH_AUTHORITY_*`), read from the environment once. Defaults are
 * the full sizes; `BENCH_QUICK=1` shrinks them to a smoke run.
 */

import { BenchOptionError } from '../../lib/options.ts';

export interface AuthorityOptions {
	/** Fresh data directories (and, for intents, fresh server processes) per measurement. */
	runs: number;
	/** In-process orders: groups ordering at once, and orders per group (one at a time each). */
	orderGroups: number;
	ordersPerGroup: number;
	/** HTTP orders: how many, and how many in flight at once (each checks a password). */
	httpOrders: number;
	httpConcurrency: number;
	/** Intents: small groups under load, intents and note edits per second in each. */
	intentGroups: number;
	intentsPerSecond: number;
	editsPerSecond: number;
	/** Seconds of measured load per run. */
	intentSeconds: number;
	/** Members of the large group whose decisions are measured beside the small ones (0: none). */
	bigMembers: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) {
		throw new BenchOptionError(`${name} must be a whole number ≥ ${min}, not "${raw}".`);
	}
	return value;
}

/** Reads the suite's options; `quick` picks the smoke sizes as defaults. */
export function authorityOptions(quick: boolean, env = process.env): AuthorityOptions {
	return {
		runs: whole(env, 'BENCH_AUTHORITY_RUNS', quick ? 1 : 3),
		orderGroups: whole(env, 'BENCH_AUTHORITY_ORDER_GROUPS', quick ? 50 : 200),
		ordersPerGroup: whole(env, 'BENCH_AUTHORITY_ORDERS_PER_GROUP', quick ? 5 : 10),
		httpOrders: whole(env, 'BENCH_AUTHORITY_HTTP_ORDERS', quick ? 8 : 24),
		httpConcurrency: whole(env, 'BENCH_AUTHORITY_HTTP_CONCURRENCY', 4),
		intentGroups: whole(env, 'BENCH_AUTHORITY_INTENT_GROUPS', quick ? 10 : 20),
		intentsPerSecond: whole(env, 'BENCH_AUTHORITY_INTENTS_PER_SECOND', 2),
		editsPerSecond: whole(env, 'BENCH_AUTHORITY_EDITS_PER_SECOND', 10),
		intentSeconds: whole(env, 'BENCH_AUTHORITY_INTENT_SECONDS', quick ? 4 : 10),
		bigMembers: whole(env, 'BENCH_AUTHORITY_BIG_MEMBERS', quick ? 20_000 : 100_000, 0)
	};
}
