import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchSyncClient } from '../../clients/bench-sync-client.ts';
import { connectInPool } from '../../clients/connect-pool.ts';
import type { FanoutLoad } from '../../lib/options.ts';
import { ownCpuWindow, ProcessWindow, rssBytes } from '../../lib/process-stats.ts';
import type { ProbeWindow } from '../../servers/server-probe.ts';
import {
	benchGroupId,
	type RunningSyncServer,
	type SyncServerKind
} from '../../servers/sync-server-kind.ts';
import { DeliveryTracker, type DeliveryReport } from './delivery-tracker.ts';

/** One window of load on one server. */
export interface FanoutWindow extends DeliveryReport {
	server: SyncServerKind['id'];
	/** Length of the loaded part of the window. */
	seconds: number;
	/** Edits per second actually written (timers run late when this process is busy). */
	editsPerSecond: number;
	/** Frames the clients received per edit: fan-out plus acks (Tessera) or echoes (reference). */
	framesPerEdit: number;
	serverCpuPercent: number;
	/** The server's event-loop delay, GC pauses and SQLite time (null if the probe was mute). */
	serverInside: ProbeWindow | null;
	/** This process's CPU and event-loop delay: when high, latencies are partly ours. */
	driverCpuPercent: number;
	driverLoopDelayP99Ms: number;
}

/** The state of a session's server once its windows are over. */
export interface SessionEnd {
	server: SyncServerKind['id'];
	/** Every group's clients ended with the same notes. */
	converged: boolean;
	/** Refusals the server sent (Tessera's notices), by code. */
	notices: Record<string, number>;
	/** Sockets the server closed (Tessera closes a reader that falls far behind). */
	socketsClosed: number;
	serverRssMiB: number;
	connectMs: number;
}

/**
 * A server process with `load.clients` synced clients spread evenly over `load.groups` groups.
 * Load comes in windows: during one, every client appends to its own note in its group's
 * document `load.editsPerSecond` times a second at a random phase; then the window drains. Two sessions
 * (Tessera and the reference) live side by side so that their windows can alternate A, B, A, B
 * within seconds of each other, which is what makes them comparable on a noisy machine.
 */
export class FanoutSession {
	readonly kind: SyncServerKind;
	readonly load: FanoutLoad;
	#server: RunningSyncServer | undefined;
	#clients: BenchSyncClient[] = [];
	#tracker = new DeliveryTracker();
	#seqs: number[] = [];
	#connectMs = 0;

	constructor(kind: SyncServerKind, load: FanoutLoad) {
		this.kind = kind;
		this.load = load;
	}

	/** Starts the server process and connects every client (sync done). */
	async start(): Promise<void> {
		const server = await this.kind.start();
		this.#server = server;
		const connected = await connectInPool(this.load.clients, 50, async (index) => {
			const client = new BenchSyncClient({
				url: server.socketUrl(benchGroupId(this.#groupOf(index))),
				headers: server.headers(index),
				noteId: `bench-member-${index}`,
				onRemoteInsert: (inserted, visibleAt) => {
					this.#tracker.received(inserted, visibleAt);
				}
			});
			this.#clients.push(client);
			await client.synced;
			return client;
		});
		this.#clients = connected.results;
		this.#seqs = new Array<number>(this.#clients.length).fill(0);
		this.#connectMs = connected.totalMs;
	}

	/**
	 * One window of load. Edits of the window are recorded when `record` is set; afterwards it
	 * waits up to `drainMs` for every edit to reach every receiver, so windows never overlap.
	 */
	async window(durationMs: number, drainMs: number, record = true): Promise<FanoutWindow> {
		const server = this.#running();
		const tracker = new DeliveryTracker();
		tracker.recording = record;
		this.#tracker = tracker;
		const framesBefore = this.#frames();
		await server.probe();
		const serverWindow = new ProcessWindow(server.pid);
		const driverCpu = ownCpuWindow();
		const loopDelay = monitorEventLoopDelay({ resolution: 5 });
		loopDelay.enable();
		const startedAt = performance.now();
		const timers = this.#startWriting();
		await sleep(durationMs);
		for (const timer of timers) clearTimeout(timer);
		const measuredMs = performance.now() - startedAt;
		const serverUse = serverWindow.finish();
		const driverCpuPercent = driverCpu();
		loopDelay.disable();
		const inside = await server.probe();
		const drainUntil = performance.now() + drainMs;
		while (tracker.outstanding > 0 && performance.now() < drainUntil) await sleep(10);
		const report = tracker.report();
		return {
			server: this.kind.id,
			...report,
			seconds: measuredMs / 1000,
			editsPerSecond: report.edits / (measuredMs / 1000),
			framesPerEdit: (this.#frames() - framesBefore) / Math.max(1, report.edits),
			serverCpuPercent: serverUse.cpuPercent,
			serverInside: inside ?? null,
			driverCpuPercent,
			driverLoopDelayP99Ms: loopDelay.percentile(99) / 1e6
		};
	}

	/** Checks convergence and reads what the server holds, before `close`. */
	end(): SessionEnd {
		const server = this.#running();
		const notices: Record<string, number> = {};
		for (const client of this.#clients) {
			for (const [code, count] of client.notices) notices[code] = (notices[code] ?? 0) + count;
		}
		return {
			server: this.kind.id,
			converged: this.#converged(),
			notices,
			socketsClosed: this.#clients.filter((client) => client.closeCode !== undefined).length,
			serverRssMiB: rssBytes(server.pid) / 1024 / 1024,
			connectMs: this.#connectMs
		};
	}

	/** Closes every client and stops the server. */
	async close(): Promise<void> {
		for (const client of this.#clients) client.close();
		this.#clients = [];
		await this.#server?.stop();
		this.#server = undefined;
	}

	#running(): RunningSyncServer {
		if (!this.#server) throw new Error(`${this.kind.id} session is not started`);
		return this.#server;
	}

	#groupOf(index: number): number {
		return index % this.load.groups;
	}

	#receivers(index: number): number {
		const { clients, groups } = this.load;
		const group = this.#groupOf(index);
		return Math.floor(clients / groups) + (group < clients % groups ? 1 : 0) - 1;
	}

	#startWriting(): NodeJS.Timeout[] {
		const timers: NodeJS.Timeout[] = [];
		const periodMs = 1000 / this.load.editsPerSecond;
		const edit = (index: number) => {
			const seq = (this.#seqs[index] ?? 0) + 1;
			this.#seqs[index] = seq;
			const record = this.#tracker.sent(index, seq, this.#receivers(index), performance.now());
			this.#clients[index]?.append(record);
		};
		this.#clients.forEach((_client, index) => {
			// A random phase, so that edits arrive spread out as they would from people.
			const phase = setTimeout(() => {
				edit(index);
				timers.push(setInterval(edit, periodMs, index));
			}, Math.random() * periodMs);
			timers.push(phase);
		});
		return timers;
	}

	#frames(): number {
		return this.#clients.reduce((sum, client) => sum + client.framesReceived, 0);
	}

	#converged(): boolean {
		const texts = new Array<string | undefined>(this.load.groups);
		return this.#clients.every((client, index) => {
			const group = this.#groupOf(index);
			const text = client.notes();
			texts[group] ??= text;
			return texts[group] === text;
		});
	}
}
