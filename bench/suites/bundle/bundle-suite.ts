import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kb } from '../../lib/format.ts';
import type { BenchSuite, Goal, SuiteContext, SuiteReport } from '../../types.ts';
import { measureBundle, type BundleMeasure } from './bundle-measure.ts';
import { bundleTables } from './bundle-tables.ts';
import { packagesIn, staleSignatures } from './package-signatures.ts';

/** The budget for the initial JavaScript, gzip, in bytes (KB = 1000 bytes). */
const budgetBytes = 120_000;

/**
 * Bundle: the JavaScript the built app loads before anything else (index.html's boot script,
 * what it imports, and the modulepreloads, with their static imports), gzip-compressed, and the
 * dependencies inside it. It reads `build/` as it is: it never builds, because the checkout is
 * shared and a build would swap files under someone else's tests.
 */
export const bundleSuite: BenchSuite = {
	id: 'bundle',
	title: 'Bundle: initial JavaScript of the built app',
	run: runBundleSuite
};

async function runBundleSuite(context: SuiteContext): Promise<SuiteReport> {
	const buildDir = resolve(context.repoRoot, process.env.BUILD_DIR || 'build');
	if (!existsSync(join(buildDir, 'index.html'))) {
		return {
			status: 'skipped',
			notes: [`${buildDir}/index.html is missing: run \`npm run build\` first.`],
			tables: [],
			goals: [],
			data: null
		};
	}
	const measure = await measureBundle(context.repoRoot, buildDir);
	const stale = staleSignatures(context.repoRoot);
	return {
		status: 'ok',
		notes: [
			`Initial = what index.html starts: ${measure.entries.scripts.length} entry files and their static imports (${measure.initial.length} files). Route code loads after, by import(); "first page" adds the route's own files. CSS (${kb(measure.cssGzip)} KB gzip) is not counted.`,
			'Dependencies are recognised per chunk by strings that survive minification, so a chunk shared by several packages or with app code counts fully for each: read those sizes as upper bounds.',
			'"Alone" = the names src/ imports from the package, re-exported by a one-line entry bundled and minified alone by Vite (Rolldown), gzip; it includes what the package needs of its own dependencies, so these overlap.',
			measure.buildAge,
			...(stale.length > 0
				? [
						`Signatures not found in the installed package (update package-signatures.ts): ${stale.join(', ')}.`
					]
				: [])
		],
		tables: bundleTables(measure),
		goals: goalsOf(measure),
		data: dataOf(buildDir, measure)
	};
}

function goalsOf({ total, initial, heaviest }: BundleMeasure): Goal[] {
	const goals: Goal[] = [
		{
			name: 'bundle: initial JavaScript, gzip',
			target: '≤ 120 KB',
			measured: `${kb(total.gzip)} KB (${kb(total.raw)} KB raw, ${initial.length} files)`,
			met: total.gzip <= budgetBytes
		}
	];
	if (heaviest) {
		goals.push({
			name: `bundle: heaviest first page (${heaviest.route}), initial + route, gzip`,
			target: '≤ 120 KB (stricter reading)',
			measured: `${kb(total.gzip + heaviest.extraGzip)} KB`,
			met: total.gzip + heaviest.extraGzip <= budgetBytes
		});
	}
	return goals;
}

function dataOf(buildDir: string, measure: BundleMeasure) {
	return {
		buildDir,
		entries: measure.entries,
		initial: measure.initial.map((module) => ({
			path: module.path,
			name: measure.names.get(module.path) ?? null,
			raw: module.raw,
			gzip: module.gzip,
			brotli: module.brotli,
			packages: packagesIn(module.source)
		})),
		total: measure.total,
		cssGzip: measure.cssGzip,
		routes: measure.routes,
		alone: Object.fromEntries(measure.alone)
	};
}
