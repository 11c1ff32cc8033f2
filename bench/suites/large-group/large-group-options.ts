import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BenchOptionError } from '../../lib/options.ts';

/** The knobs of the large-group suite, read from the environment (README: "Knobs"). */
export interface LargeGroupOptions {
	/** Members added to the group before anything is measured. */
	members: number;
	/** Fresh server processes whose first sync of the group is timed. */
	serverStarts: number;
	/** Fresh browser profiles, each: sign-in, first visit, reloads, typing, scrolling. */
	browserRuns: number;
	/** Reloads (online, then offline) per browser profile. */
	reloads: number;
	/** The built app the server serves (the suite never builds: the checkout is shared). */
	buildDir: string;
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

/** Reads the suite's options; `quick` is `BENCH_QUICK=1`. */
export function largeGroupOptions(
	repoRoot: string,
	quick: boolean,
	env: NodeJS.ProcessEnv = process.env
): LargeGroupOptions {
	const buildDir = resolve(repoRoot, env.BUILD_DIR || 'build');
	if (!existsSync(resolve(buildDir, 'index.html'))) {
		throw new BenchOptionError(
			`large-group needs a built app in ${buildDir}: run \`npm run build\` first (or set BUILD_DIR).`
		);
	}
	return {
		members: positiveInteger(env, 'BENCH_LARGE_GROUP_MEMBERS', quick ? 20_000 : 100_000),
		serverStarts: positiveInteger(env, 'BENCH_LARGE_GROUP_SERVER_STARTS', quick ? 2 : 3),
		browserRuns: positiveInteger(env, 'BENCH_LARGE_GROUP_BROWSER_RUNS', quick ? 1 : 3),
		reloads: positiveInteger(env, 'BENCH_LARGE_GROUP_RELOADS', quick ? 2 : 3),
		buildDir
	};
}
