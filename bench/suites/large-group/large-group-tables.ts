import { mib, ms } from '../../lib/format.ts';
import { median, summarize } from '../../lib/stats.ts';
import type { Table } from '../../types.ts';
import type { BrowserRun } from './browser-run.ts';
import type { LayoutCost } from './layout-compare.ts';
import type { LargeGroupOptions } from './large-group-options.ts';
import type { ColdLoad } from './server-load.ts';
import type { SeedReport } from './seed-large-group.ts';

/** Everything the suite measured. */
export interface LargeGroupData {
	options: LargeGroupOptions;
	seed: SeedReport;
	cold: ColdLoad[];
	browser: BrowserRun[];
	layouts: LayoutCost[];
}

const mebibytes = (bytes: number) => mib(bytes / 2 ** 20);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const medianOf = <T>(items: readonly T[], pick: (item: T) => number) => median(items.map(pick));
const range = (values: readonly number[]) =>
	values.length === 0 ? '–' : `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;

/** The suite's tables: documents and server, the browser, and the layout comparison. */
export function largeGroupTables(data: LargeGroupData): Table[] {
	return [serverTable(data), browserTable(data.browser), layoutTable(data)];
}

function serverTable({ options, seed, cold }: LargeGroupData): Table {
	const rows: string[][] = [
		['members added', String(options.members), `${seed.batches} batches`],
		['seeding: proposals to last decision', `${seed.decideSeconds.toFixed(1)} s`, ''],
		['seeding: until every invitation was rendered', `${seed.mailSeconds.toFixed(1)} s`, ''],
		[
			'authority document',
			`${mb(medianOf(cold, (c) => c.authority.bytes))} MB`,
			'Y.encodeStateAsUpdate'
		],
		[
			'workspace document',
			`${mb(medianOf(cold, (c) => c.workspace.bytes))} MB`,
			'decided intents pruned'
		],
		['tessera.db', `${mb(medianOf(cold, (c) => c.databaseBytes))} MB`, 'whole data directory'],
		[
			'cold load: authority document synced',
			`${ms(medianOf(cold, (c) => c.authority.ms))} ms`,
			range(cold.map((c) => c.authority.ms))
		],
		[
			'cold load: workspace document synced',
			`${ms(medianOf(cold, (c) => c.workspace.ms))} ms`,
			range(cold.map((c) => c.workspace.ms))
		],
		[
			'cold load: both',
			`${ms(medianOf(cold, (c) => c.bothMs))} ms`,
			range(cold.map((c) => c.bothMs))
		],
		[
			'server RSS after start (scheduler pass)',
			`${mebibytes(medianOf(cold, (c) => c.rssIdleBytes))} MiB`,
			''
		],
		[
			'server RSS with the group loaded',
			`${mebibytes(medianOf(cold, (c) => c.rssLoadedBytes))} MiB`,
			''
		]
	];
	return {
		title: `Large group: documents and server (${cold.length} cold start(s), median)`,
		columns: ['measure', 'value', 'range / note'],
		rows
	};
}

function browserTable(runs: readonly BrowserRun[]): Table {
	const all = (pick: (run: BrowserRun) => readonly number[]) => runs.flatMap(pick);
	const keys = summarize(all((run) => run.keystrokeMs));
	const frames = summarize(all((run) => run.scrollFrameMs));
	const rows: string[][] = [
		[
			'first visit (network) to list',
			ms(medianOf(runs, (r) => r.firstVisitMs)),
			range(runs.map((r) => r.firstVisitMs))
		],
		[
			'reload (IndexedDB, online) to list',
			ms(median(all((r) => r.reloadMs))),
			range(all((r) => r.reloadMs))
		],
		[
			'reload offline to list',
			ms(median(all((r) => r.offlineReloadMs))),
			range(all((r) => r.offlineReloadMs))
		],
		['keystroke to painted frame p50', ms(keys.p50), `${keys.count} keys`],
		['keystroke to painted frame p99', ms(keys.p99), `max ${ms(keys.max)}`],
		[
			'scroll frame interval p50 / p99',
			`${ms(frames.p50)} / ${ms(frames.p99)}`,
			`max ${ms(frames.max)}`
		],
		['JS heap after GC (MiB)', mebibytes(medianOf(runs, (r) => r.heapUsedBytes)), ''],
		['origin storage (MiB)', mebibytes(medianOf(runs, (r) => r.storageBytes)), 'IndexedDB + cache'],
		['last query', runs.at(-1)?.filtered.count ?? '–', 'check']
	];
	return {
		title: `Large group: Users screen in Chromium (${runs.length} profile(s); ms unless stated)`,
		columns: ['measure', 'median', 'range / note'],
		rows
	};
}

function layoutTable({ options, layouts }: LargeGroupData): Table {
	return {
		title: `Large group: ${options.members} members in one Y.Map, by value layout (Node, median of 3)`,
		columns: ['layout', 'bytes (MB)', 'apply update (ms)', 'read all (ms)', 'total (ms)'],
		rows: layouts.map((cost) => [
			cost.layout,
			mb(cost.bytes),
			ms(cost.applyMs),
			ms(cost.readMs),
			ms(cost.applyMs + cost.readMs)
		])
	};
}
