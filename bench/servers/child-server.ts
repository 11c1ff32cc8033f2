import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ProbeWindow } from './server-probe.ts';

/** A server running in its own process, so that its CPU and memory can be read from /proc. */
export interface ChildServer {
	pid: number;
	/** What the server printed when it became ready, matched by the caller's pattern. */
	ready: RegExpExecArray;
	/** The last lines it printed (stdout and stderr), to explain a failure. */
	output(): string;
	/**
	 * The probe's figures since the previous call (the first call only starts the window), or
	 * undefined when the probe did not answer in time.
	 */
	probe(): Promise<ProbeWindow | undefined>;
	/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
}

const probeModule = fileURLToPath(new URL('server-probe.ts', import.meta.url));
let probeFiles = 0;

/**
 * Spawns `node <script>` on the Node running this benchmark (Node 24, whatever `node` is on the
 * PATH) with the probe preloaded, and waits until its stdout matches `readyPattern`.
 */
export function spawnServer(options: {
	script: string;
	cwd: string;
	env: NodeJS.ProcessEnv;
	readyPattern: RegExp;
	timeoutMs?: number;
}): Promise<ChildServer> {
	const probeFile = join(tmpdir(), `tessera-bench-probe-${process.pid}-${++probeFiles}.jsonl`);
	// BENCH_SERVER_NODE_ARGS: extra Node flags for measured servers, e.g. `--cpu-prof` to profile.
	const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
	const child = spawn(process.execPath, [...extra, '--import', probeModule, options.script], {
		cwd: options.cwd,
		env: { ...options.env, BENCH_PROBE_FILE: probeFile },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		// Only the tail is kept: it is for diagnostics, and a chatty server must not grow us.
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			fail(new Error(`${options.script} did not start in time:\n${output}`));
		}, options.timeoutMs ?? 30_000);
		const onData = () => {
			const ready = options.readyPattern.exec(output);
			if (!ready || child.pid === undefined) return;
			const pid = child.pid;
			clearTimeout(timer);
			child.stdout.off('data', onData);
			child.off('exit', onEarlyExit);
			resolve({
				pid,
				ready,
				output: () => output,
				probe: () => readProbe(pid, probeFile),
				stop: async (graceMs = 10_000) => {
					await stopChild(child, exited, graceMs);
					rmSync(probeFile, { force: true });
				}
			});
		};
		const onEarlyExit = (code: number | null) => {
			fail(new Error(`${options.script} exited (${code}) before it was ready:\n${output}`));
		};
		function fail(error: Error) {
			clearTimeout(timer);
			child.kill('SIGKILL');
			rmSync(probeFile, { force: true });
			reject(error);
		}
		child.stdout.on('data', onData);
		child.once('exit', onEarlyExit);
	});
}

/** Signals the probe and waits (up to two seconds) for the line it appends in answer. */
async function readProbe(pid: number, file: string): Promise<ProbeWindow | undefined> {
	// Only lines already ended by a newline count: the probe may be halfway through writing one.
	const lines = () =>
		existsSync(file)
			? readFileSync(file, 'utf8')
					.split('\n')
					.slice(0, -1)
					.filter((line) => line.length > 0)
			: [];
	const before = lines().length;
	process.kill(pid, 'SIGUSR2');
	for (let waited = 0; waited < 2000; waited += 10) {
		const now = lines();
		const last = now.length > before ? now[now.length - 1] : undefined;
		if (last) return JSON.parse(last) as ProbeWindow;
		await sleep(10);
	}
	return undefined;
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
