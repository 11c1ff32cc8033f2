/**
 * `npm run bench`: runs the registered suites (all, or those named in BENCH_SUITES), prints their
 * tables and a verdict per goal, and records everything as JSON in bench/results/. Progress goes
 * to stderr, the report to stdout. Not part of `npm test`: it takes minutes and its figures
 * depend on the machine.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchOptionError, optionsFromEnv } from './lib/options.ts';
import { machineInfo, runStamp, writeResults } from './lib/results.ts';
import { renderGoals, renderTable } from './lib/table.ts';
import { suites } from './suites.ts';
import type { SuiteReport } from './types.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);

async function main(): Promise<number> {
	const options = optionsFromEnv();
	const unknown = (options.suites ?? []).filter((id) => !suites.some((suite) => suite.id === id));
	if (unknown.length > 0) {
		throw new BenchOptionError(
			`BENCH_SUITES: unknown ${unknown.join(', ')}; known: ${suites.map((suite) => suite.id).join(', ')}.`
		);
	}
	const selected = suites.filter((suite) => options.suites?.includes(suite.id) ?? true);
	const startedAt = new Date();
	const machineBefore = machineInfo();
	const log = (line: string) => {
		console.error(line);
	};
	log(
		`bench: ${selected.map((suite) => suite.id).join(', ')}${options.quick ? ' (quick)' : ''} on ${machineBefore.cpus}× ${machineBefore.cpuModel}, load average ${machineBefore.loadAverage.join(' ')}`
	);
	const reports: Record<string, SuiteReport & { title: string; seconds: number }> = {};
	for (const suite of selected) {
		const began = performance.now();
		let report: SuiteReport;
		try {
			report = await suite.run({ options, repoRoot, log });
		} catch (error) {
			log(
				`${suite.id}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
			);
			report = {
				status: 'failed',
				notes: [error instanceof Error ? error.message : String(error)],
				tables: [],
				goals: [],
				data: null
			};
		}
		const seconds = Math.round((performance.now() - began) / 100) / 10;
		reports[suite.id] = { title: suite.title, seconds, ...report };
		printReport(suite.title, reports[suite.id] ?? report, seconds);
	}
	const goals = Object.values(reports).flatMap((report) => report.goals);
	if (goals.length > 0) console.log(`\n${renderGoals(goals)}\n`);
	const machine = { ...machineBefore, loadAverageAtEnd: machineInfo().loadAverage };
	const written = writeResults(join(benchDir, 'results'), runStamp(startedAt), {
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		machine,
		options,
		suites: reports
	});
	log(`bench: results in ${written.join(' and ')}`);
	return Object.values(reports).some((report) => report.status === 'failed') ? 1 : 0;
}

function printReport(title: string, report: SuiteReport, seconds: number): void {
	console.log(`\n## ${title} — ${report.status} (${seconds} s)\n`);
	for (const table of report.tables) console.log(`${renderTable(table)}\n`);
	for (const note of report.notes) console.log(`- ${note}`);
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(error instanceof BenchOptionError ? error.message : error);
		process.exitCode = 1;
	}
);
