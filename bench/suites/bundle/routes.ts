import type { ModuleGraph } from './module-graph.ts';
import { packagesIn } from './package-signatures.ts';

/** One route of the app and the JavaScript its first visit adds to the initial set. */
export interface RouteCost {
	route: string;
	/** Route nodes (page and layouts) it loads, as build paths. */
	nodes: string[];
	/** Files it needs beyond the initial set. */
	extraFiles: string[];
	extraGzip: number;
	/** Recognised dependencies in those extra files. */
	packages: string[];
}

/**
 * The routes of a SvelteKit client build, read from its app entry: the exported `dictionary`
 * (`{"/login":[4], …}`, route → node indices; a negative index is bit-inverted) and the
 * `import()`s of `nodes/<n>.<hash>.js`. Empty when the entry does not look like that.
 */
export function routeCosts(graph: ModuleGraph, initial: readonly string[]): RouteCost[] {
	const initialSet = new Set(initial);
	for (const path of initial) {
		const module = graph.module(path);
		const name = /\b([\w$]+) as dictionary\b/.exec(module.source)?.[1];
		if (!name) continue;
		const literal = new RegExp(`\\b${name.replace(/\$/g, '\\$')}=(\\{[^}]*\\})`).exec(
			module.source
		)?.[1];
		if (!literal) continue;
		const nodeFiles = new Map<number, string>();
		for (const imported of module.dynamicImports) {
			const index = /nodes\/(\d+)\.[^/]*\.js$/.exec(imported)?.[1];
			if (index !== undefined) nodeFiles.set(Number(index), imported);
		}
		return [...literal.matchAll(/"([^"]+)":\[([-\d,]*)\]/g)].map(([, route, list]) => {
			const nodes = (list ?? '')
				.split(',')
				.filter(Boolean)
				.map((n) => (Number(n) < 0 ? ~Number(n) : Number(n)))
				.flatMap((n) => nodeFiles.get(n) ?? []);
			const extraFiles = graph.closure(nodes).filter((file) => !initialSet.has(file));
			return {
				route: route ?? '',
				nodes,
				extraFiles,
				extraGzip: extraFiles.reduce((total, file) => total + graph.module(file).gzip, 0),
				packages: [...new Set(extraFiles.flatMap((file) => packagesIn(graph.module(file).source)))]
			};
		});
	}
	return [];
}
