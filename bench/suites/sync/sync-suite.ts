import { cpus } from 'node:os';
import { loadLabel, mib, ms, percent, ratio } from '../../lib/format.ts';
import type { FanoutLoad } from '../../lib/options.ts';
import { referenceKind } from '../../servers/reference-kind.ts';
import { tesseraKind } from '../../servers/tessera-kind.ts';
import type { BenchSuite, Goal, SuiteContext, SuiteReport, Table } from '../../types.ts';
import { compareAtLoad, type ComparisonPlan, type FanoutComparison } from './fanout-comparison.ts';

/**
 * Sync fan-out: N clients in G groups, each appending E times a second to a note (a Y.Text) of
 * its group's workspace document; the time from an edit to its visibility at every other client
 * of the group, Tessera against y-websocket 2's own server under the same load, measured in
 * alternating windows.
 */
export const syncSuite: BenchSuite = {
	id: 'sync',
	title: 'Sync fan-out: Tessera against the reference y-websocket 2 server',
	run: runSyncSuite
};

async function runSyncSuite(context: SuiteContext): Promise<SuiteReport> {
	const { options, log } = context;
	const plan: ComparisonPlan = {
		runs: options.runs,
		pairs: options.pairs,
		windowMs: options.windowSeconds * 1000,
		warmupMs: options.warmupSeconds * 1000,
		drainMs: 5000
	};
	log('sync: preparing a Tessera data directory (demo data and benchmark groups)…');
	const tessera = await tesseraKind(
		context.repoRoot,
		Math.max(...options.loads.map((load) => load.groups))
	);
	const reference = referenceKind(context.repoRoot);
	try {
		const comparisons: FanoutComparison[] = [];
		const failures: Goal[] = [];
		for (const load of options.loads) {
			log(
				`sync: ${loadLabel(load)} (clients/groups/edits per second), ${plan.runs} runs × ${plan.pairs} window pairs`
			);
			try {
				comparisons.push(await compareAtLoad(load, [tessera, reference], plan, log));
			} catch (error) {
				// One load failing (a server crash, a refused upgrade) must not hide the others.
				log(`sync: ${loadLabel(load)} failed: ${String(error)}`);
				failures.push(failureGoal(load, error));
			}
		}
		return {
			status: failures.length === 0 ? 'ok' : 'failed',
			notes: notesOf(plan, comparisons),
			tables: [latencyTable(comparisons), costTable(comparisons)],
			goals: [...comparisons.flatMap(goalsOf), ...failures],
			data: comparisons
		};
	} finally {
		tessera.dispose();
		reference.dispose();
	}
}

function failureGoal(load: FanoutLoad, error: unknown): Goal {
	return {
		name: `sync ${loadLabel(load)}: measured`,
		target: 'completes',
		measured: `failed: ${error instanceof Error ? error.message : String(error)}`,
		met: false
	};
}

function notesOf(plan: ComparisonPlan, comparisons: readonly FanoutComparison[]): string[] {
	return [
		`Per load: ${plan.runs} run(s); each starts both servers (fresh processes) with all clients connected to each, gives each an unrecorded ${plan.warmupMs / 1000} s warm-up window, then alternates ${plan.pairs} window pairs of ${plan.windowMs / 1000} s (Tessera, reference, Tessera, …). After each window, up to ${plan.drainMs / 1000} s for late deliveries.`,
		'An edit = a client appending a short record to its own note (a top-level Y.Text, as the app keeps member notes) of the group\'s workspace document. Latency = from the edit in the writer to its visibility in the Y.Doc of each other client of the group; "all others" = until the slowest receiver of the group saw it.',
		'Figures are medians over the windows. The ratio is the median, over window pairs, of Tessera p99 / reference p99 (each Tessera window against the reference window right after it): noise that hits both windows cancels, noise that hits one makes an outlier. The range of pair ratios and the ratio of the medians are shown beside it.',
		'The reference server echoes each update to its writer (y-websocket 2 broadcasts to every connection); Tessera acknowledges instead. Both make 10 frames per edit here, but applying an echo costs this process a no-op Yjs transaction, which slightly loads the driver during reference windows.',
		'Server loop/GC/SQLite figures come from a probe preloaded into both servers with --import (no server file is changed).',
		'When "driver loop p99" is high, this process (or the machine) was busy and latencies include that, for both servers alike.',
		...comparisons.map(
			(comparison) =>
				`${loadLabel(comparison.load)}: machine load average ${comparison.loadAverage.before.toFixed(1)} before, ${comparison.loadAverage.after.toFixed(1)} after (${cpus().length} CPUs).`
		)
	];
}

function latencyTable(comparisons: readonly FanoutComparison[]): Table {
	const rows = comparisons.flatMap((comparison) => {
		const row = (id: 'tessera' | 'reference', label: string) => {
			const s = comparison.summaries[id];
			return [
				loadLabel(comparison.load),
				label,
				ms(s.p50),
				ms(s.p99),
				ms(s.max),
				ms(s.completeP99),
				String(s.editsPerWindow),
				`${s.lostEdits}${s.runsNotConverged > 0 ? ` (${s.runsNotConverged} runs diverged)` : ''}`
			];
		};
		return [
			row('tessera', 'Tessera'),
			row('reference', 'y-websocket 2'),
			[
				'',
				'ratio T/ref (pair median)',
				'',
				ratio(comparison.p99Ratio),
				'',
				ratio(comparison.completeP99Ratio),
				`pairs ${range(comparison.pairP99Ratios)}; of medians ${ratio(comparison.p99RatioOfMedians)}`,
				''
			]
		];
	});
	return {
		title: 'Sync fan-out latency (ms, medians over the windows)',
		columns: [
			'load N/G/E',
			'server',
			'p50',
			'p99',
			'max',
			'all others p99',
			'edits/window',
			'lost edits'
		],
		rows
	};
}

function costTable(comparisons: readonly FanoutComparison[]): Table {
	const rows = comparisons.flatMap((comparison) =>
		(['tessera', 'reference'] as const).map((id) => {
			const s = comparison.summaries[id];
			return [
				loadLabel(comparison.load),
				id === 'tessera' ? 'Tessera' : 'y-websocket 2',
				percent(s.serverCpuPercent),
				mib(s.serverRssMiB),
				s.framesPerEdit.toFixed(1),
				`${ms(s.serverLoopDelayP99Ms)} / ${ms(s.serverLoopDelayMaxMs)}`,
				ms(s.serverGcMaxPauseMs),
				id === 'tessera' ? `${ms(s.serverSqliteMsPerSecond)} / ${ms(s.slowestSqliteMs)}` : '–',
				`${percent(s.driverCpuPercent)} / ${ms(s.driverLoopDelayP99Ms)}`
			];
		})
	);
	return {
		title: 'Sync fan-out cost (medians; CPU in % of one core)',
		columns: [
			'load N/G/E',
			'server',
			'server CPU',
			'server RSS MiB',
			'frames/edit',
			'server loop p99 / max ms',
			'GC max pause ms',
			'SQLite ms/s / slowest call ms',
			'driver CPU / loop p99 ms'
		],
		rows
	};
}

/** "0.80–2.10": the range of the per-pair ratios. */
function range(ratios: readonly number[]): string {
	const finite = ratios.filter(Number.isFinite);
	if (finite.length === 0) return '–';
	return `${ratio(Math.min(...finite))}–${ratio(Math.max(...finite))}`;
}

function goalsOf(comparison: FanoutComparison): Goal[] {
	const label = loadLabel(comparison.load);
	const t = comparison.summaries.tessera;
	const r = comparison.summaries.reference;
	const losses = t.lostEdits + t.missingDeliveries + t.notices;
	return [
		{
			name: `sync ${label}: p99 ratio Tessera/reference`,
			target: '≤ 1.00',
			measured: `${ratio(comparison.p99Ratio)} (median of ${comparison.pairP99Ratios.length} window pairs, range ${range(comparison.pairP99Ratios)}; medians: Tessera ${ms(t.p99)} ms, reference ${ms(r.p99)} ms)`,
			met: comparison.p99Ratio <= 1
		},
		{
			name: `sync ${label}: no edit lost (Tessera)`,
			target: '0 lost, every group converged',
			measured: `${t.lostEdits} lost edits, ${t.missingDeliveries} missing deliveries, ${t.notices} refusals, ${t.runsNotConverged} diverged runs, ${t.socketsClosed} sockets closed by the server, over ${t.windows} windows of ~${t.editsPerWindow} edits`,
			met: losses === 0 && t.runsNotConverged === 0 && t.socketsClosed === 0
		}
	];
}
