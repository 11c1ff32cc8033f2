/**
 * `npm run bench`: runs the registered suites (all, or those named in BENCH_SUITES), prints their
 * tables and a verdict per goal, and records everything as JSON in bench/results/. Progress goes
 * to stderr, the report to stdout. Not part of `npm test`: it takes minutes and its figures
 * depend on the machine.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchOptionError, optionsFromEnv, type BenchOptions } from './lib/options.ts';
import { machineInfo, runStamp, writeResults } from './lib/results.ts';
import { renderGoals, renderTable } from './lib/table.ts';
import { ensureBuild } from '../scripts/ensure-build.ts';
import { suites } from './suites.ts';
import type { BenchSuite, SuiteContext, SuiteReport } from './types.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);

/** Suites that measure the built app in build/. */
const suitesReadingTheBuild = ['bundle', 'large-group'];

/** A suite's report as recorded: with its title and how long it took. */
type RecordedReport = SuiteReport & { title: string; seconds: number };

async function main(): Promise<number> {
	const options = optionsFromEnv();
	const selected = selectSuites(options);
	const startedAt = new Date();
	const machine = machineInfo();
	const log = (line: string) => {
		console.error(line);
	};
	log(
		`bench: ${selected.map((suite) => suite.id).join(', ')}${options.quick ? ' (quick)' : ''} on ${machine.cpus}× ${machine.cpuModel}, load average ${machine.loadAverage.join(' ')}`
	);
	// A fresh checkout has no build/: the suites that read the built app get one first, as
	// `npm start` does (an explicit BUILD_DIR is the caller's own build and is left alone).
	const needsBuild = selected.some((suite) => suitesReadingTheBuild.includes(suite.id));
	if (needsBuild && process.env.BUILD_DIR === undefined && !ensureBuild(log)) {
		log('bench: the build failed; see above.');
		return 1;
	}
	const reports: Record<string, RecordedReport> = {};
	for (const suite of selected) {
		const report = await runSuite(suite, { options, repoRoot, log });
		reports[suite.id] = report;
		printReport(report);
	}
	const goals = Object.values(reports).flatMap((report) => report.goals);
	if (goals.length > 0) console.log(`\n${renderGoals(goals)}\n`);
	const written = writeResults(join(benchDir, 'results'), runStamp(startedAt), {
		startedAt: startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverage },
		options,
		suites: reports
	});
	log(`bench: results in ${written.join(' and ')}`);
	return Object.values(reports).some((report) => report.status === 'failed') ? 1 : 0;
}

/** The suites BENCH_SUITES names (all when unset), refusing unknown ids before anything runs. */
function selectSuites(options: BenchOptions): readonly BenchSuite[] {
	const unknown = (options.suites ?? []).filter((id) => !suites.some((suite) => suite.id === id));
	if (unknown.length > 0) {
		throw new BenchOptionError(
			`BENCH_SUITES: unknown ${unknown.join(', ')}; known: ${suites.map((suite) => suite.id).join(', ')}.`
		);
	}
	return suites.filter((suite) => options.suites?.includes(suite.id) ?? true);
}

/** Runs one suite; a failure becomes a failed report, so the other suites still run. */
async function runSuite(suite: BenchSuite, context: SuiteContext): Promise<RecordedReport> {
	const began = performance.now();
	let report: SuiteReport;
	try {
		report = await suite.run(context);
	} catch (error) {
		context.log(
			`${suite.id}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
		);
		const message = error instanceof Error ? error.message : String(error);
		report = { status: 'failed', notes: [message], tables: [], goals: [], data: null };
	}
	const seconds = Math.round((performance.now() - began) / 100) / 10;
	return { ...report, title: suite.title, seconds };
}

function printReport(report: RecordedReport): void {
	console.log(`\n## ${report.title} — ${report.status} (${report.seconds} s)\n`);
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
