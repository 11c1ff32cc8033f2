import { mib, ms, percent } from '../../lib/format.ts';
import { median } from '../../lib/stats.ts';
import { referenceKind } from '../../servers/reference-kind.ts';
import type { SyncServerKind } from '../../servers/sync-server-kind.ts';
import { tesseraKind } from '../../servers/tessera-kind.ts';
import type { BenchSuite, Goal, SuiteContext, SuiteReport, Table } from '../../types.ts';
import { runIdleSockets, type IdleRun } from './idle-run.ts';

/** Idle sockets are spread over this many groups, as the larger fan-out load is. */
const groups = 50;
const gibibyte = 1024;

/**
 * Connections: many idle, authenticated sockets on one server process — its memory (goal: under
 * 1 GiB at 10,000) and the time to open them. The reference server runs the same load for
 * context, in alternation.
 */
export const connectionsSuite: BenchSuite = {
	id: 'connections',
	title: 'Connections: idle authenticated sockets on one process',
	run: runConnectionsSuite
};

async function runConnectionsSuite(context: SuiteContext): Promise<SuiteReport> {
	const { options, log } = context;
	log('connections: preparing a Tessera data directory…');
	const kinds: SyncServerKind[] = [
		await tesseraKind(context.repoRoot, groups),
		referenceKind(context.repoRoot)
	];
	try {
		const runs = await alternateRuns(kinds, options.idleSockets, options.connectionRuns, log);
		return {
			status: 'ok',
			notes: [
				`${options.idleSockets} sockets over ${groups} groups, ${options.connectionRuns} run(s) per server alternating, each on a fresh process; at most 250 openings in flight.`,
				"A socket counts once its handshake is done: upgrade (Tessera: cookie, Origin and role checked), sync step 1 both ways, the server's step 2 received. Sessions come from 4 sign-ins.",
				'RSS is read from /proc 2 s after the last socket synced; "per socket" = (RSS after − RSS before) / sockets.'
			],
			tables: [tableOf(runs, options.idleSockets)],
			goals: [goalOf(runs, options.idleSockets)],
			data: runs
		};
	} finally {
		for (const kind of kinds) kind.dispose();
	}
}

/** Runs each server in turn, `rounds` times: A, B, A, B … */
async function alternateRuns(
	kinds: readonly SyncServerKind[],
	sockets: number,
	rounds: number,
	log: (line: string) => void
): Promise<IdleRun[]> {
	const runs: IdleRun[] = [];
	for (let round = 1; round <= rounds; round++) {
		for (const kind of kinds) {
			const run = await runIdleSockets(kind, sockets, groups);
			log(
				`  connections ${round}/${rounds} ${kind.id.padEnd(9)} ${run.sockets} sockets in ${run.connectSeconds.toFixed(1)} s, RSS ${mib(run.serverRssAfterMiB)} MiB (${run.serverKiBPerSocket.toFixed(1)} KiB/socket), open ${run.stillOpen}`
			);
			runs.push(run);
		}
	}
	return runs;
}

function goalOf(runs: readonly IdleRun[], sockets: number): Goal {
	const tessera = summarize(runs, 'tessera');
	return {
		name: `connections: Tessera RSS with ${sockets} idle sockets`,
		target: '< 1 GiB (at 10,000 sockets)',
		measured: `${mib(tessera.rssAfter)} MiB (${tessera.kibPerSocket.toFixed(1)} KiB per socket; connected in ${tessera.seconds.toFixed(1)} s)`,
		met: tessera.rssAfter < gibibyte && tessera.stillOpen === sockets
	};
}

function summarize(all: readonly IdleRun[], server: SyncServerKind['id']) {
	const runs = all.filter((run) => run.server === server);
	const med = (pick: (run: IdleRun) => number) => median(runs.map(pick));
	return {
		seconds: med((run) => run.connectSeconds),
		rate: med((run) => run.socketsPerSecond),
		handshakeP50: med((run) => run.handshake.p50),
		handshakeP99: med((run) => run.handshake.p99),
		rssBefore: med((run) => run.serverRssBeforeMiB),
		rssAfter: med((run) => run.serverRssAfterMiB),
		kibPerSocket: med((run) => run.serverKiBPerSocket),
		cpu: med((run) => run.serverCpuPercent),
		stillOpen: Math.min(...runs.map((run) => run.stillOpen)),
		driverRss: med((run) => run.driverRssMiB)
	};
}

function tableOf(runs: readonly IdleRun[], sockets: number): Table {
	return {
		title: `${sockets} idle sockets (medians)`,
		columns: [
			'server',
			'connect s',
			'sockets/s',
			'handshake p50 / p99 ms',
			'server CPU while connecting',
			'RSS before MiB',
			'RSS after MiB',
			'KiB/socket',
			'still open',
			'driver RSS MiB'
		],
		rows: (['tessera', 'reference'] as const).map((id) => {
			const s = summarize(runs, id);
			return [
				id === 'tessera' ? 'Tessera' : 'y-websocket 2',
				s.seconds.toFixed(1),
				s.rate.toFixed(0),
				`${ms(s.handshakeP50)} / ${ms(s.handshakeP99)}`,
				percent(s.cpu),
				mib(s.rssBefore),
				mib(s.rssAfter),
				s.kibPerSocket.toFixed(1),
				String(s.stillOpen),
				mib(s.driverRss)
			];
		})
	};
}
