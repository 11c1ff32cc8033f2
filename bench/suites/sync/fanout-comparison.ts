import { loadavg } from 'node:os';
import { loadLabel, ms } from '../../lib/format.ts';
import type { FanoutLoad } from '../../lib/options.ts';
import { median } from '../../lib/stats.ts';
import type { SyncServerKind } from '../../servers/sync-server-kind.ts';
import { FanoutSession, type FanoutWindow, type SessionEnd } from './fanout-session.ts';

/** How a comparison is run. */
export interface ComparisonPlan {
	/** Fresh pairs of server processes. */
	runs: number;
	/** Measured window pairs (A then B) per run, after one unrecorded warm-up window each. */
	pairs: number;
	windowMs: number;
	warmupMs: number;
	/** How long to wait after a window for late deliveries before calling them lost. */
	drainMs: number;
}

/** Everything measured at one load. */
export interface FanoutComparison {
	load: FanoutLoad;
	plan: ComparisonPlan;
	/** Measured windows in the order they ran: A, B, A, B … */
	windows: FanoutWindow[];
	ends: SessionEnd[];
	summaries: Record<SyncServerKind['id'], ServerSummary>;
	/**
	 * The headline: the median over window pairs of Tessera p99 / reference p99 (per receiver,
	 * and per edit until all receivers). A busy moment of the machine that hits both windows of a
	 * pair cancels out in its ratio; one that hits only one window makes an outlier the median
	 * ignores.
	 */
	p99Ratio: number;
	completeP99Ratio: number;
	/** median(Tessera p99) / median(reference p99), for comparison with the headline. */
	p99RatioOfMedians: number;
	/** Tessera p99 / reference p99 of each window pair, in order. */
	pairP99Ratios: number[];
	/** The machine's 1-minute load average before and after: above its CPU count, it was busy. */
	loadAverage: { before: number; after: number };
}

/** Medians over one server's windows, plus totals for losses. */
export interface ServerSummary {
	windows: number;
	p50: number;
	p99: number;
	max: number;
	completeP99: number;
	editsPerWindow: number;
	editsPerSecond: number;
	framesPerEdit: number;
	lostEdits: number;
	missingDeliveries: number;
	runsNotConverged: number;
	notices: number;
	socketsClosed: number;
	serverCpuPercent: number;
	serverRssMiB: number;
	serverLoopDelayP99Ms: number;
	serverLoopDelayMaxMs: number;
	serverGcMaxPauseMs: number;
	/** SQLite time per second of window, and the slowest call seen in any window. */
	serverSqliteMsPerSecond: number;
	slowestSqliteMs: number;
	driverCpuPercent: number;
	driverLoopDelayP99Ms: number;
}

/**
 * Runs the two servers side by side at one load: in each run, both processes are started with
 * their clients connected, then load windows alternate A, B, A, B …, so that both servers meet
 * the same machine within seconds. Figures are medians over the windows.
 */
export async function compareAtLoad(
	load: FanoutLoad,
	kinds: readonly [SyncServerKind, SyncServerKind],
	plan: ComparisonPlan,
	log: (line: string) => void
): Promise<FanoutComparison> {
	const loadBefore = loadavg()[0] ?? NaN;
	const windows: FanoutWindow[] = [];
	const ends: SessionEnd[] = [];
	for (let run = 1; run <= plan.runs; run++) {
		const measured = await runSessions(load, kinds, plan, `run ${run}/${plan.runs}`, log);
		windows.push(...measured.windows);
		ends.push(...measured.ends);
	}
	const summaries = {
		tessera: summarize(windows, ends, 'tessera'),
		reference: summarize(windows, ends, 'reference')
	};
	const tessera = windows.filter((window) => window.server === 'tessera');
	const reference = windows.filter((window) => window.server === 'reference');
	const pairRatios = (pick: (window: FanoutWindow) => number) =>
		tessera.map((window, index) => {
			const other = reference[index];
			return other ? pick(window) / pick(other) : NaN;
		});
	return {
		load,
		plan,
		windows,
		ends,
		summaries,
		p99Ratio: median(pairRatios((window) => window.delivery.p99)),
		completeP99Ratio: median(pairRatios((window) => window.complete.p99)),
		p99RatioOfMedians: summaries.tessera.p99 / summaries.reference.p99,
		pairP99Ratios: pairRatios((window) => window.delivery.p99),
		loadAverage: { before: loadBefore, after: loadavg()[0] ?? NaN }
	};
}

/** One run: both servers started afresh, warmed up, then windows alternating A, B, A, B … */
async function runSessions(
	load: FanoutLoad,
	kinds: readonly SyncServerKind[],
	plan: ComparisonPlan,
	label: string,
	log: (line: string) => void
): Promise<{ windows: FanoutWindow[]; ends: SessionEnd[] }> {
	const sessions = kinds.map((kind) => new FanoutSession(kind, load));
	const windows: FanoutWindow[] = [];
	try {
		for (const session of sessions) await session.start();
		for (const session of sessions) await session.window(plan.warmupMs, plan.drainMs, false);
		for (let pair = 1; pair <= plan.pairs; pair++) {
			for (const session of sessions) {
				const window = await session.window(plan.windowMs, plan.drainMs);
				windows.push(window);
				log(
					`  ${loadLabel(load)} ${label} pair ${pair}/${plan.pairs} ${window.server.padEnd(9)} p50 ${ms(window.delivery.p50)} p99 ${ms(window.delivery.p99)} max ${ms(window.delivery.max)} ms, lost ${window.lostEdits}, driver loop p99 ${ms(window.driverLoopDelayP99Ms)} ms`
				);
			}
		}
		return { windows, ends: sessions.map((session) => session.end()) };
	} finally {
		for (const session of sessions) await session.close();
	}
}

function summarize(
	allWindows: readonly FanoutWindow[],
	allEnds: readonly SessionEnd[],
	server: SyncServerKind['id']
): ServerSummary {
	const windows = allWindows.filter((window) => window.server === server);
	const ends = allEnds.filter((end) => end.server === server);
	const med = (pick: (window: FanoutWindow) => number) => median(windows.map(pick));
	const sum = (pick: (window: FanoutWindow) => number) =>
		windows.reduce((total, window) => total + pick(window), 0);
	const inside = (pick: (probe: NonNullable<FanoutWindow['serverInside']>) => number) =>
		med((window) => (window.serverInside ? pick(window.serverInside) : NaN));
	return {
		windows: windows.length,
		p50: med((window) => window.delivery.p50),
		p99: med((window) => window.delivery.p99),
		max: med((window) => window.delivery.max),
		completeP99: med((window) => window.complete.p99),
		editsPerWindow: Math.round(med((window) => window.edits)),
		editsPerSecond: med((window) => window.editsPerSecond),
		framesPerEdit: med((window) => window.framesPerEdit),
		lostEdits: sum((window) => window.lostEdits),
		missingDeliveries: sum((window) => window.expectedDeliveries - window.deliveries),
		runsNotConverged: ends.filter((end) => !end.converged).length,
		notices: ends.reduce(
			(total, end) => total + Object.values(end.notices).reduce((a, b) => a + b, 0),
			0
		),
		socketsClosed: ends.reduce((total, end) => total + end.socketsClosed, 0),
		serverCpuPercent: med((window) => window.serverCpuPercent),
		serverRssMiB: median(ends.map((end) => end.serverRssMiB)),
		serverLoopDelayP99Ms: inside((probe) => probe.loopDelayP99Ms),
		serverLoopDelayMaxMs: inside((probe) => probe.loopDelayMaxMs),
		serverGcMaxPauseMs: inside((probe) => probe.gcMaxPauseMs),
		serverSqliteMsPerSecond: med(
			(window) => (window.serverInside?.sqliteMs ?? NaN) / window.seconds
		),
		slowestSqliteMs: Math.max(0, ...windows.map((w) => w.serverInside?.slowSqlite[0]?.ms ?? 0)),
		driverCpuPercent: med((window) => window.driverCpuPercent),
		driverLoopDelayP99Ms: med((window) => window.driverLoopDelayP99Ms)
	};
}
