import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessWindow } from '../../lib/process-stats.ts';
import { summarize, type LatencySummary } from '../../lib/stats.ts';
import type { ProbeWindow } from '../../servers/server-probe.ts';
import { bigGroupId, smallGroupId } from './intent-groups.ts';
import { IntentProbe } from './intent-probe.ts';
import type { ServerSession } from './server-session.ts';

/** One measured run of intent decisions under load. */
export interface IntentRun {
	small: LatencySummary;
	big: LatencySummary | undefined;
	proposed: number;
	rejected: number;
	/** Intents proposed in the window whose decision never arrived. */
	undecided: number;
	edits: number;
	serverCpuPercent: number;
	serverMaxRssMiB: number;
	/** What stalled the server's event loop in the window (the probe), if it answered. */
	serverLoop: ProbeWindow | undefined;
}

export interface IntentLoad {
	groups: number;
	intentsPerSecond: number;
	editsPerSecond: number;
	seconds: number;
	/** Whether the large group exists in the data and is measured too. */
	big: boolean;
}

/**
 * Every small group receives intents and note edits at a steady rate, each from its own
 * admin's sockets, while the large group (if any) receives one intent a second. Each intent is
 * timed from its write into the workspace to its decision in this client's authority document:
 * websocket in, the server's intake, the domain's decision, the signed FULL-sync commit, and the
 * authority document's update back out.
 */
export async function runIntents(session: ServerSession, load: IntentLoad): Promise<IntentRun> {
	const small = Array.from(
		{ length: load.groups },
		(_, index) => new IntentProbe(session.socketUrl, smallGroupId(index), session.headers)
	);
	const big = load.big
		? new IntentProbe(session.socketUrl, bigGroupId, session.headers)
		: undefined;
	const probes = big ? [...small, big] : small;
	const timers: NodeJS.Timeout[] = [];
	try {
		await Promise.all(probes.map((probe) => probe.synced));
		// Loading each group's authority (100,000 members are parsed once) is not a decision.
		await Promise.all(probes.map((probe) => probe.warmUp(120_000)));
		const window = new ProcessWindow(session.child.pid);
		// Starts the probe's window: loop delay, GC pauses and SQLite calls from here on.
		await session.child.probe();
		let edits = 0;
		const every = (perSecond: number, work: () => void) => {
			const periodMs = 1000 / perSecond;
			// A random phase, so that the groups' writes do not all land in the same millisecond.
			const start = setTimeout(() => {
				work();
				timers.push(setInterval(work, periodMs));
			}, Math.random() * periodMs);
			timers.push(start);
		};
		for (const probe of small) {
			every(load.intentsPerSecond, () => probe.propose(true));
			every(load.editsPerSecond, () => {
				probe.edit('typed ');
				edits++;
			});
		}
		if (big) every(1, () => big.propose(true));
		await sleep(load.seconds * 1000);
		for (const timer of timers) clearInterval(timer);
		for (let waited = 0; waited < 10_000; waited += 50) {
			if (probes.every((probe) => probe.outstanding === 0)) break;
			await sleep(50);
		}
		const server = window.finish();
		const serverLoop = await session.child.probe();
		const smallLatencies = small.flatMap((probe) => probe.latencies);
		return {
			small: summarize(smallLatencies),
			big: big && summarize(big.latencies),
			proposed: probes.reduce((sum, probe) => sum + probe.latencies.length + probe.outstanding, 0),
			rejected: probes.reduce((sum, probe) => sum + probe.rejected, 0),
			undecided: probes.reduce((sum, probe) => sum + probe.outstanding, 0),
			edits,
			serverCpuPercent: server.cpuPercent,
			serverMaxRssMiB: server.maxRssBytes / 2 ** 20,
			serverLoop
		};
	} finally {
		for (const timer of timers) clearInterval(timer);
		for (const probe of probes) probe.close();
	}
}
