import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { htmlEntries, ModuleGraph, type BuiltModule, type HtmlEntries } from './module-graph.ts';
import { packagesAlone, type PackageAlone } from './package-alone.ts';
import { packagesIn } from './package-signatures.ts';
import { routeCosts, type RouteCost } from './routes.ts';

/** Raw, gzip and brotli bytes of a set of files. */
export interface Sizes {
	raw: number;
	gzip: number;
	brotli: number;
}

/** Everything the bundle suite measured in a build directory. */
export interface BundleMeasure {
	entries: HtmlEntries;
	/** The initial JavaScript, in load order. */
	initial: BuiltModule[];
	total: Sizes;
	routes: RouteCost[];
	/** The route whose first visit adds the most, if routes could be read. */
	heaviest: RouteCost | undefined;
	/** Initial JavaScript plus the heaviest route's own files. */
	firstPage: BuiltModule[];
	/** Build path → Vite chunk name, when SvelteKit's manifest matches the build. */
	names: Map<string, string>;
	cssGzip: number;
	alone: Map<string, PackageAlone>;
	/** When the build was made, and whether sources changed since. */
	buildAge: string;
}

/** Reads a SvelteKit static build as the browser would load it. */
export async function measureBundle(repoRoot: string, buildDir: string): Promise<BundleMeasure> {
	const graph = new ModuleGraph(buildDir);
	const entries = htmlEntries(graph, buildDir, 'index.html');
	const initial = graph.closure(entries.scripts).map((path) => graph.module(path));
	const routes = routeCosts(
		graph,
		initial.map((module) => module.path)
	);
	const heaviest = routes.reduce<RouteCost | undefined>(
		(worst, route) => (!worst || route.extraGzip > worst.extraGzip ? route : worst),
		undefined
	);
	const firstPage = [...initial, ...(heaviest?.extraFiles ?? []).map((path) => graph.module(path))];
	// Svelte and the kit are imported by compiled components, not by src/: their chunks say it all.
	const watched = [...new Set(firstPage.flatMap((module) => packagesIn(module.source)))].filter(
		(name) => name !== 'svelte' && name !== '@sveltejs/kit'
	);
	return {
		entries,
		initial,
		total: sizes(initial),
		routes,
		heaviest,
		firstPage,
		names: chunkNames(repoRoot, buildDir),
		cssGzip: entries.stylesheets.reduce((sum, path) => sum + cssSize(buildDir, path), 0),
		alone: await packagesAlone(repoRoot, watched),
		buildAge: buildAge(repoRoot, buildDir)
	};
}

/** Adds up the sizes of some files. */
export function sizes(modules: readonly BuiltModule[]): Sizes {
	return {
		raw: modules.reduce((sum, module) => sum + module.raw, 0),
		gzip: modules.reduce((sum, module) => sum + module.gzip, 0),
		brotli: modules.reduce((sum, module) => sum + module.brotli, 0)
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

/** Says when the build was made, and whether sources changed since (figures of older code). */
function buildAge(repoRoot: string, buildDir: string): string {
	const builtAt = statSync(join(buildDir, 'index.html')).mtimeMs;
	const newest = Math.max(...['src', 'locales'].map((dir) => newestMtime(join(repoRoot, dir))));
	const built = new Date(builtAt).toISOString();
	return newest > builtAt
		? `The build (${built}) is older than the sources (changed ${new Date(newest).toISOString()}): run \`npm run build\` for current figures.`
		: `Build of ${built}, newer than every source file.`;
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
