import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of another process, read from Linux's /proc, so that a server's cost is
 * measured without instrumenting it (the reference server is not ours to change).
 */

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (almost always 100). */
const ticksPerSecond = (() => {
	try {
		const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
		return Number.isFinite(value) && value > 0 ? value : 100;
	} catch {
		return 100;
	}
})();

/** User + system CPU time a process has used so far, in milliseconds. */
export function cpuTimeMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may contain spaces and parentheses: the fields start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 and 15 of proc(5) (utime, stime); the slice starts at field 3.
	const ticks = Number(fields[11]) + Number(fields[12]);
	return (ticks * 1000) / ticksPerSecond;
}

/** The resident set size of a process, in bytes. */
export function rssBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
	if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
	return Number(match[1]) * 1024;
}

/** Measures a process over a window: CPU share and the highest RSS seen by periodic sampling. */
export class ProcessWindow {
	readonly #pid: number;
	readonly #startCpuMs: number;
	readonly #startedAt = performance.now();
	readonly #timer: NodeJS.Timeout;
	#maxRss: number;

	constructor(pid: number, sampleEveryMs = 200) {
		this.#pid = pid;
		this.#startCpuMs = cpuTimeMs(pid);
		this.#maxRss = rssBytes(pid);
		// Sampling rather than VmHWM: a server's peak also holds one-off costs such as the scrypt
		// of sign-in (128 MiB), which would hide what the load itself needs.
		this.#timer = setInterval(() => {
			this.#sampleRss();
		}, sampleEveryMs);
	}

	/** Stops sampling and returns CPU as a percentage of one core, and RSS now and at most. */
	finish(): { cpuPercent: number; rssBytes: number; maxRssBytes: number } {
		clearInterval(this.#timer);
		const rss = this.#sampleRss();
		const elapsedMs = performance.now() - this.#startedAt;
		const cpuPercent = ((cpuTimeMs(this.#pid) - this.#startCpuMs) / elapsedMs) * 100;
		return { cpuPercent, rssBytes: rss, maxRssBytes: this.#maxRss };
	}

	#sampleRss(): number {
		const rss = rssBytes(this.#pid);
		this.#maxRss = Math.max(this.#maxRss, rss);
		return rss;
	}
}

/** The CPU share of this (the load-generating) process over a window, as a percentage of a core. */
export function ownCpuWindow(): () => number {
	const start = process.cpuUsage();
	const startedAt = performance.now();
	return () => {
		const used = process.cpuUsage(start);
		return ((used.user + used.system) / 1000 / (performance.now() - startedAt)) * 100;
	};
}
