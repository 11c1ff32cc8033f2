/**
 * The benchmark's knobs, read from the environment once. Defaults are the sizes; `BENCH_QUICK=1`
 * shrinks everything to a smoke run that checks the machinery in about a minute.
 */

/** One fan-out load: `clients` sockets in `groups` groups, each client writing `editsPerSecond`. */
export interface FanoutLoad {
	clients: number;
	groups: number;
	editsPerSecond: number;
}

export interface BenchOptions {
	quick: boolean;
	/** Suite ids to run (`BENCH_SUITES`); undefined runs every registered suite. */
	suites: string[] | undefined;
	loads: FanoutLoad[];
	/** Fan-out: fresh pairs of server processes per load. */
	runs: number;
	/** Fan-out: measured window pairs (Tessera, then reference) per run. */
	pairs: number;
	/** Fan-out: seconds of load per window, and of the unrecorded warm-up window of each server. */
	windowSeconds: number;
	warmupSeconds: number;
	/** Idle sockets opened by the connections suite, and how many runs per server. */
	idleSockets: number;
	connectionRuns: number;
}

/** Thrown for a malformed variable, so the run stops before starting any server. */
export class BenchOptionError extends Error {
	override name = 'BenchOptionError';
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new BenchOptionError(`${name} must be a whole number ≥ 1, not "${raw}".`);
	}
	return value;
}

/** Parses "200/20/2,500/50/4" (clients/groups/edits per second). */
export function parseLoads(raw: string): FanoutLoad[] {
	return raw.split(',').map((part) => {
		const numbers = part.trim().split('/').map(Number);
		const [clients, groups, editsPerSecond] = numbers;
		if (
			numbers.length !== 3 ||
			!numbers.every((n) => Number.isInteger(n) && n > 0) ||
			clients === undefined ||
			groups === undefined ||
			editsPerSecond === undefined ||
			clients < groups * 2
		) {
			throw new BenchOptionError(
				`BENCH_SYNC_LOADS: "${part}" is not clients/groups/edits-per-second with at least two clients per group.`
			);
		}
		return { clients, groups, editsPerSecond };
	});
}

/** Reads every option from the environment. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): BenchOptions {
	const quick = env.BENCH_QUICK === '1';
	const suites = env.BENCH_SUITES?.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	return {
		quick,
		suites: suites && suites.length > 0 ? suites : undefined,
		loads: parseLoads(env.BENCH_SYNC_LOADS ?? (quick ? '100/10/2,200/20/4' : '200/20/2,500/50/4')),
		runs: positiveInteger(env, 'BENCH_SYNC_RUNS', quick ? 1 : 3),
		pairs: positiveInteger(env, 'BENCH_SYNC_PAIRS', quick ? 3 : 6),
		windowSeconds: positiveInteger(env, 'BENCH_SYNC_WINDOW_SECONDS', quick ? 2 : 4),
		warmupSeconds: positiveInteger(env, 'BENCH_SYNC_WARMUP_SECONDS', quick ? 1 : 3),
		idleSockets: positiveInteger(env, 'BENCH_IDLE_SOCKETS', quick ? 1000 : 10_000),
		connectionRuns: positiveInteger(env, 'BENCH_CONNECTION_RUNS', quick ? 1 : 3)
	};
}
