/**
 * Loaded into a server process with `node --import` (both servers alike; no server file is
 * changed), to see inside it what /proc cannot: how long its event loop stalls, how long garbage
 * collection pauses it, and which SQLite calls block it. Each SIGUSR2 appends one JSON line of
 * figures since the previous signal to the file named by BENCH_PROBE_FILE, then starts afresh.
 */

import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { DatabaseSync, StatementSync } from 'node:sqlite';

/** One line of the probe file. */
export interface ProbeWindow {
	loopDelayP50Ms: number;
	loopDelayP99Ms: number;
	loopDelayMaxMs: number;
	gcPauseMs: number;
	gcMaxPauseMs: number;
	sqliteCalls: number;
	sqliteMs: number;
	/** The slowest SQLite calls (over 5 ms), slowest first, at most ten. */
	slowSqlite: { sql: string; ms: number }[];
}

const file = process.env.BENCH_PROBE_FILE;
if (file) installProbe(file);

function installProbe(path: string): void {
	const loop = monitorEventLoopDelay({ resolution: 1 });
	loop.enable();
	let window = emptyWindow();
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			window.gcPauseMs += entry.duration;
			window.gcMaxPauseMs = Math.max(window.gcMaxPauseMs, entry.duration);
		}
	}).observe({ entryTypes: ['gc'] });
	const timed = (sql: string, started: number) => {
		const ms = performance.now() - started;
		window.sqliteCalls++;
		window.sqliteMs += ms;
		if (ms > 5) {
			window.slowSqlite.push({ sql: sql.slice(0, 60), ms });
			window.slowSqlite.sort((a, b) => b.ms - a.ms).splice(10);
		}
	};
	wrap(DatabaseSync.prototype, 'exec', (self, parameters) => String(parameters[0]), timed);
	wrap(StatementSync.prototype, 'run', (self) => (self as StatementSync).sourceSQL, timed);
	process.on('SIGUSR2', () => {
		const line: ProbeWindow = {
			...window,
			loopDelayP50Ms: loop.percentile(50) / 1e6,
			loopDelayP99Ms: loop.percentile(99) / 1e6,
			loopDelayMaxMs: loop.max / 1e6
		};
		appendFileSync(path, `${JSON.stringify(line)}\n`);
		loop.reset();
		window = emptyWindow();
	});
}

/**
 * Replaces a method of a prototype by one that times each call. Done through property
 * descriptors because the node:sqlite methods are overloaded natives that no typed function
 * can stand in for.
 */
function wrap(
	prototype: object,
	method: string,
	describe: (self: unknown, parameters: unknown[]) => string,
	timed: (sql: string, started: number) => void
): void {
	const original: unknown = Reflect.get(prototype, method);
	if (typeof original !== 'function') return;
	Object.defineProperty(prototype, method, {
		configurable: true,
		writable: true,
		value: function (this: unknown, ...parameters: unknown[]): unknown {
			const started = performance.now();
			try {
				return Reflect.apply(original, this, parameters) as unknown;
			} finally {
				timed(describe(this, parameters), started);
			}
		}
	});
}

function emptyWindow(): ProbeWindow {
	return {
		loopDelayP50Ms: 0,
		loopDelayP99Ms: 0,
		loopDelayMaxMs: 0,
		gcPauseMs: 0,
		gcMaxPauseMs: 0,
		sqliteCalls: 0,
		sqliteMs: 0,
		slowSqlite: []
	};
}
