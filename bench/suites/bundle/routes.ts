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
 * (`{"/login":[10],"/groups/[groupId]":[4,[2]], …}`: route → page node, then layout and error
 * nodes; a negative page index is bit-inverted) and the `import()`s of `nodes/<n>.<hash>.js`.
 * Empty when the entry does not look like that.
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
		return Object.entries(parseDictionary(literal)).map(([route, indices]) => {
			const nodes = indices.flatMap((n) => nodeFiles.get(n) ?? []);
			const extraFiles = graph.closure(nodes).filter((file) => !initialSet.has(file));
			return {
				route,
				nodes,
				extraFiles,
				extraGzip: extraFiles.reduce((total, file) => total + graph.module(file).gzip, 0),
				packages: [...new Set(extraFiles.flatMap((file) => packagesIn(graph.module(file).source)))]
			};
		});
	}
	return [];
}

/** Route → the nodes its first visit loads (page and layouts; error pages only on error). */
function parseDictionary(literal: string): Record<string, number[]> {
	// Holes ([,2] or [4,,[1]]) are not JSON; they stand for "no node here".
	const json = literal.replace(/\[,/g, '[null,').replace(/,(?=[,\]])/g, ',null');
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		return {};
	}
	if (typeof parsed !== 'object' || parsed === null) return {};
	const numbers = (value: unknown): number[] =>
		Array.isArray(value)
			? value.flatMap(numbers)
			: typeof value === 'number'
				? [value < 0 ? ~value : value]
				: [];
	return Object.fromEntries(
		Object.entries(parsed as Record<string, unknown>).map(([route, value]) => [
			route,
			[...new Set(numbers(Array.isArray(value) ? value.slice(0, 2) : value))]
		])
	);
}
