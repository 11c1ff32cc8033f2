/**
 * The contract between the benchmark runner and its suites. A suite measures one area, returns
 * tables for the terminal, goals with a verdict, and raw data for the JSON record; the runner
 * does the printing and the writing, so a new suite only measures.
 */

import type { BenchOptions } from './lib/options.ts';

/** What a suite gets from the runner. */
export interface SuiteContext {
	options: BenchOptions;
	/** The repository root (where package.json lives). */
	repoRoot: string;
	/** Progress on stderr, so that stdout keeps only the tables. */
	log: (line: string) => void;
}

/** A printed table: a title, column headings, and rows of already-formatted cells. */
export interface Table {
	title: string;
	columns: string[];
	rows: string[][];
}

/** A target from the issue, with what was measured and whether it is met. */
export interface Goal {
	name: string;
	target: string;
	measured: string;
	met: boolean;
}

/** What a suite hands back. `data` is written as-is to the JSON record. */
export interface SuiteReport {
	status: 'ok' | 'skipped' | 'failed';
	/** Caveats and explanations worth reading next to the figures. */
	notes: string[];
	tables: Table[];
	goals: Goal[];
	data: unknown;
}

/**
 * One benchmark suite, registered in `suites.ts`. `id` is what `BENCH_SUITES` selects;
 * `run` must clean up every process and temporary directory it created, even when it fails.
 */
export interface BenchSuite {
	id: string;
	title: string;
	run: (context: SuiteContext) => Promise<SuiteReport>;
}
