import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ms } from '../lib/format.ts';
import type { BenchSuite, SuiteContext, SuiteReport } from '../types.ts';

/** One figure of `benchDomain()`, as far as this runner relies on it (checked at run time). */
interface DomainResult {
	name: string;
	unit: string;
	median: number;
	p99?: number;
	runs: number;
	target: number;
	met: boolean;
}

/**
 * The domain benchmark written alongside the domain engine (`bench/domain.ts`, owned by its
 * author). It is loaded by path at run time, so this runner neither breaks nor fails to type-check
 * while that file is missing or changing; what it returns is checked before it is used.
 */
export const domainSuite: BenchSuite = {
	id: 'domain',
	title: 'Domain engine (bench/domain.ts)',
	run: runDomainSuite
};

async function runDomainSuite(context: SuiteContext): Promise<SuiteReport> {
	const file = join(context.repoRoot, 'bench', 'domain.ts');
	if (!existsSync(file)) return skipped('bench/domain.ts does not exist yet; nothing to run.');
	const module: unknown = await import(pathToFileURL(file).href);
	const benchDomain = (module as { benchDomain?: unknown }).benchDomain;
	if (typeof benchDomain !== 'function') {
		return skipped('bench/domain.ts does not export a benchDomain() function.');
	}
	context.log('domain: running benchDomain()…');
	const results: unknown = await (benchDomain as () => Promise<unknown>)();
	if (!Array.isArray(results) || !results.every(isDomainResult)) {
		return {
			status: 'failed',
			notes: ['benchDomain() did not return an array of {name, unit, median, runs, target, met}.'],
			tables: [],
			goals: [],
			data: results
		};
	}
	return {
		status: 'ok',
		notes: ['Medians of several runs after warm-up, as measured by bench/domain.ts itself.'],
		tables: [
			{
				title: 'Domain engine',
				columns: ['measure', 'median', 'p99', 'runs', 'target'],
				rows: results.map((result) => [
					result.name,
					`${ms(result.median)} ${result.unit}`,
					result.p99 === undefined ? '–' : `${ms(result.p99)} ${result.unit}`,
					String(result.runs),
					`≤ ${result.target} ${result.unit}`
				])
			}
		],
		goals: results.map((result) => ({
			name: result.name,
			target: `median ≤ ${result.target} ${result.unit}`,
			measured: `${ms(result.median)} ${result.unit}`,
			met: result.met
		})),
		data: results
	};
}

function isDomainResult(value: unknown): value is DomainResult {
	if (typeof value !== 'object' || value === null) return false;
	const result = value as Record<string, unknown>;
	return (
		typeof result.name === 'string' &&
		typeof result.unit === 'string' &&
		typeof result.median === 'number' &&
		(result.p99 === undefined || typeof result.p99 === 'number') &&
		typeof result.runs === 'number' &&
		typeof result.target === 'number' &&
		typeof result.met === 'boolean'
	);
}

function skipped(note: string): SuiteReport {
	return { status: 'skipped', notes: [note], tables: [], goals: [], data: null };
}
