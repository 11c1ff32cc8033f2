import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kb } from '../../lib/format.ts';
import type { BenchSuite, SuiteContext, SuiteReport, Table } from '../../types.ts';
import { htmlEntries, ModuleGraph, type BuiltModule } from './module-graph.ts';
import { packagesAlone, type PackageAlone } from './package-alone.ts';
import { packagesIn, staleSignatures } from './package-signatures.ts';
import { routeCosts, type RouteCost } from './routes.ts';

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
	const graph = new ModuleGraph(buildDir);
	const entries = htmlEntries(graph, buildDir, 'index.html');
	const initial = graph.closure(entries.scripts).map((path) => graph.module(path));
	const total = sizes(initial);
	const routes = routeCosts(
		graph,
		initial.map((module) => module.path)
	);
	const heaviest = routes.reduce<RouteCost | undefined>(
		(worst, route) => (!worst || route.extraGzip > worst.extraGzip ? route : worst),
		undefined
	);
	const names = chunkNames(context.repoRoot, buildDir);
	const cssGzip = entries.stylesheets.reduce((sum, path) => sum + cssSize(buildDir, path), 0);
	const stale = staleSignatures(context.repoRoot);
	const firstPage = [...initial, ...(heaviest?.extraFiles ?? []).map((path) => graph.module(path))];
	// Svelte and the kit are imported by compiled components, not by src/: their chunks say it all.
	const alone = await packagesAlone(
		context.repoRoot,
		[...new Set(firstPage.flatMap((module) => packagesIn(module.source)))].filter(
			(name) => name !== 'svelte' && name !== '@sveltejs/kit'
		)
	);
	const notes = [
		`Initial = what index.html starts: ${entries.scripts.length} entry files and their static imports (${initial.length} files). Route code loads after, by import(); "first page" adds the route's own files. CSS (${kb(cssGzip)} KB gzip) is not counted.`,
		'Dependencies are recognised per chunk by strings that survive minification, so a chunk shared by several packages or with app code counts fully for each: read those sizes as upper bounds.',
		'"Alone" = the names src/ imports from the package, re-exported by a one-line entry bundled and minified alone by Vite (Rolldown), gzip; it includes what the package needs of its own dependencies, so these overlap.',
		...buildAge(context.repoRoot, buildDir),
		...(stale.length > 0
			? [
					`Signatures not found in the installed package (update package-signatures.ts): ${stale.join(', ')}.`
				]
			: [])
	];
	return {
		status: 'ok',
		notes,
		tables: [
			filesTable(initial, names, total),
			routesTable(routes, total.gzip),
			dependenciesTable(initial, alone, 'Largest dependencies in the initial JavaScript (gzip KB)'),
			...(heaviest
				? [
						dependenciesTable(
							firstPage,
							alone,
							`Largest dependencies on the heaviest first page, ${heaviest.route} (gzip KB)`
						)
					]
				: [])
		],
		goals: [
			{
				name: 'bundle: initial JavaScript, gzip',
				target: '≤ 120 KB',
				measured: `${kb(total.gzip)} KB (${kb(total.raw)} KB raw, ${initial.length} files)`,
				met: total.gzip <= budgetBytes
			},
			...(heaviest
				? [
						{
							name: `bundle: heaviest first page (${heaviest.route}), initial + route, gzip`,
							target: '≤ 120 KB (stricter reading)',
							measured: `${kb(total.gzip + heaviest.extraGzip)} KB`,
							met: total.gzip + heaviest.extraGzip <= budgetBytes
						}
					]
				: [])
		],
		data: {
			buildDir,
			entries,
			initial: initial.map((module) => ({
				path: module.path,
				name: names.get(module.path) ?? null,
				raw: module.raw,
				gzip: module.gzip,
				brotli: module.brotli,
				packages: packagesIn(module.source)
			})),
			total,
			cssGzip,
			routes,
			alone: Object.fromEntries(alone)
		}
	};
}

function sizes(modules: readonly BuiltModule[]) {
	return {
		raw: modules.reduce((sum, module) => sum + module.raw, 0),
		gzip: modules.reduce((sum, module) => sum + module.gzip, 0),
		brotli: modules.reduce((sum, module) => sum + module.brotli, 0)
	};
}

function filesTable(
	initial: readonly BuiltModule[],
	names: ReadonlyMap<string, string>,
	total: ReturnType<typeof sizes>
): Table {
	const sorted = [...initial].sort((a, b) => b.gzip - a.gzip);
	return {
		title: 'Initial JavaScript (KB = 1000 bytes)',
		columns: ['file', 'chunk name', 'raw', 'gzip', 'brotli', 'recognised packages'],
		rows: [
			...sorted.map((module) => [
				module.path.replace(/^_app\/immutable\//, ''),
				names.get(module.path) ?? '',
				kb(module.raw),
				kb(module.gzip),
				kb(module.brotli),
				packagesIn(module.source).join(', ')
			]),
			['total', '', kb(total.raw), kb(total.gzip), kb(total.brotli), '']
		]
	};
}

function routesTable(routes: readonly RouteCost[], initialGzip: number): Table {
	return {
		title: 'First page of each route: initial + the route’s own code (gzip KB)',
		columns: ['route', 'extra files', 'extra', 'first page total', 'recognised packages in extra'],
		rows: routes.map((route) => [
			route.route,
			String(route.extraFiles.length),
			kb(route.extraGzip),
			kb(initialGzip + route.extraGzip),
			route.packages.join(', ')
		])
	};
}

function dependenciesTable(
	modules: readonly BuiltModule[],
	alone: ReadonlyMap<string, PackageAlone>,
	title: string
): Table {
	const byPackage = new Map<string, { gzip: number; chunks: number; sharedWith: Set<string> }>();
	for (const module of modules) {
		const found = packagesIn(module.source);
		for (const name of found) {
			const entry = byPackage.get(name) ?? { gzip: 0, chunks: 0, sharedWith: new Set<string>() };
			entry.gzip += module.gzip;
			entry.chunks += 1;
			for (const other of found) if (other !== name) entry.sharedWith.add(other);
			byPackage.set(name, entry);
		}
	}
	return {
		title,
		columns: [
			'package',
			'its chunks (upper bound)',
			'alone, as src/ imports it',
			'chunks',
			'shares its chunks with'
		],
		rows: [...byPackage]
			.sort((a, b) => b[1].gzip - a[1].gzip)
			.map(([name, entry]) => [
				name,
				kb(entry.gzip),
				alone.has(name) ? kb(alone.get(name)?.gzip ?? 0) : '–',
				String(entry.chunks),
				[...entry.sharedWith].join(', ') || '(app code only, if any)'
			])
	};
}

/** Chunk names from the Vite manifest SvelteKit leaves in .svelte-kit, when it matches build/. */
function chunkNames(repoRoot: string, buildDir: string): Map<string, string> {
	const names = new Map<string, string>();
	const file = join(repoRoot, '.svelte-kit/output/client/.vite/manifest.json');
	if (!existsSync(file)) return names;
	try {
		const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<
			string,
			{ file?: string; name?: string }
		>;
		for (const entry of Object.values(manifest)) {
			if (entry.file && entry.name && existsSync(join(buildDir, entry.file))) {
				names.set(entry.file, entry.name);
			}
		}
	} catch {
		// A manifest being rewritten by a concurrent build: names are only a convenience.
	}
	return names;
}

function cssSize(buildDir: string, path: string): number {
	const gz = join(buildDir, `${path}.gz`);
	return existsSync(gz) ? statSync(gz).size : statSync(join(buildDir, path)).size;
}

/** A note when sources changed after the build: the figures then describe older code. */
function buildAge(repoRoot: string, buildDir: string): string[] {
	const builtAt = statSync(join(buildDir, 'index.html')).mtimeMs;
	const newest = Math.max(...['src', 'locales'].map((dir) => newestMtime(join(repoRoot, dir))));
	const built = new Date(builtAt).toISOString();
	return newest > builtAt
		? [
				`The build (${built}) is older than the sources (changed ${new Date(newest).toISOString()}): run \`npm run build\` for current figures.`
			]
		: [`Build of ${built}, newer than every source file.`];
}

function newestMtime(dir: string): number {
	if (!existsSync(dir)) return 0;
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
	}
	return newest;
}
