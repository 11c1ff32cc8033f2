import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { connectInPool } from '../../clients/connect-pool.ts';
import { openIdleSocket } from '../../clients/idle-client.ts';
import { ProcessWindow, rssBytes } from '../../lib/process-stats.ts';
import { summarize, type LatencySummary } from '../../lib/stats.ts';
import { benchGroupId, type SyncServerKind } from '../../servers/sync-server-kind.ts';

/** What one run of idle sockets against one server measured. */
export interface IdleRun {
	server: SyncServerKind['id'];
	sockets: number;
	groups: number;
	/** From the first attempt to the last socket synced. */
	connectSeconds: number;
	socketsPerSecond: number;
	/** Each socket's open + handshake + first sync, as the pool saw it. */
	handshake: LatencySummary;
	serverRssBeforeMiB: number;
	/** RSS once every socket is synced and the server has settled. */
	serverRssAfterMiB: number;
	serverKiBPerSocket: number;
	/** CPU the server spent while the sockets connected, in % of one core. */
	serverCpuPercent: number;
	/** Sockets still open at the end (the server closed none). */
	stillOpen: number;
	driverRssMiB: number;
}

/** How many openings are in flight at once: a crowd arriving, not a single burst. */
const concurrency = 250;
const mib = (bytes: number) => bytes / 1024 / 1024;

/**
 * Opens `sockets` idle, authenticated, synced sockets spread over `groups` groups of a fresh
 * server process, measures its memory once they are all open, then closes them.
 */
export async function runIdleSockets(
	kind: SyncServerKind,
	sockets: number,
	groups: number
): Promise<IdleRun> {
	const server = await kind.start();
	const opened: WebSocket[] = [];
	try {
		// Let the start settle (sign-in's scrypt buffers are released) before the baseline.
		await sleep(1000);
		const rssBefore = rssBytes(server.pid);
		const window = new ProcessWindow(server.pid);
		const pool = await connectInPool(sockets, concurrency, async (index) => {
			const idle = openIdleSocket(
				server.socketUrl(benchGroupId(index % groups)),
				server.headers(index)
			);
			opened.push(idle.socket);
			await idle.synced;
		});
		const during = window.finish();
		await sleep(2000);
		const rssAfter = rssBytes(server.pid);
		return {
			server: kind.id,
			sockets,
			groups,
			connectSeconds: pool.totalMs / 1000,
			socketsPerSecond: sockets / (pool.totalMs / 1000),
			handshake: summarize(pool.durationsMs),
			serverRssBeforeMiB: mib(rssBefore),
			serverRssAfterMiB: mib(rssAfter),
			serverKiBPerSocket: (rssAfter - rssBefore) / 1024 / sockets,
			serverCpuPercent: during.cpuPercent,
			stillOpen: opened.filter((socket) => socket.readyState === socket.OPEN).length,
			driverRssMiB: mib(process.memoryUsage.rss())
		};
	} finally {
		for (const socket of opened) socket.terminate();
		await server.stop();
	}
}
