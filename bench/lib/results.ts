import { cpus, loadavg, release, totalmem } from 'node:os';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where and on what a run happened: figures are only comparable on the same kind of machine. */
export interface MachineInfo {
	cpuModel: string;
	cpus: number;
	memoryGiB: number;
	kernel: string;
	node: string;
	/** 1, 5 and 15-minute load averages: above the CPU count, the machine was shared and busy. */
	loadAverage: number[];
}

export function machineInfo(): MachineInfo {
	const processors = cpus();
	return {
		cpuModel: processors[0]?.model ?? 'unknown',
		cpus: processors.length,
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		kernel: release(),
		node: process.version,
		loadAverage: loadavg().map((value) => Math.round(value * 100) / 100)
	};
}

/** "2026-11-22T10-00-00" for a date: sortable, and valid in every file system. */
export function runStamp(date: Date): string {
	return date.toISOString().slice(0, 19).replaceAll(':', '-');
}

/**
 * Writes the record of a run as `<dir>/<stamp>.json` and `<dir>/latest.json`. Each file is
 * written to a `.tmp` file first and renamed, so a reader never sees half a record.
 */
export function writeResults(dir: string, stamp: string, record: unknown): string[] {
	mkdirSync(dir, { recursive: true });
	const text = `${JSON.stringify(record, null, '\t')}\n`;
	return [`${stamp}.json`, 'latest.json'].map((name) => {
		const path = join(dir, name);
		writeFileSync(`${path}.tmp`, text);
		renameSync(`${path}.tmp`, path);
		return path;
	});
}
