import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

/** A JavaScript file of the build, with its compressed sizes and what it imports. */
export interface BuiltModule {
	/** Path inside the build directory, with forward slashes, e.g. `_app/immutable/chunks/X.js`. */
	path: string;
	source: string;
	raw: number;
	gzip: number;
	brotli: number;
	/** Imports that load with it (`import … from`, `export … from`), as build paths. */
	staticImports: string[];
	/** `import()` targets: loaded later, when the code asks. */
	dynamicImports: string[];
}

const quoted = '["\'`]([^"\'`]+)["\'`]';
// Minified ESM: import{a as b}from"./x.js"  import*as c from"./x.js"  import"./x.js"  export*from"./x.js"
const staticPattern = new RegExp(
	`\\b(?:import|export)\\s*(?:[\\w$*{}\\s,]+?\\s*from\\s*)?${quoted}`,
	'g'
);
const dynamicPattern = new RegExp(`\\bimport\\(\\s*${quoted}\\s*\\)`, 'g');

/**
 * Reads the built JavaScript a page loads, following imports through the files themselves
 * (no source maps, no bundler stats: what the browser would fetch is what is measured).
 */
export class ModuleGraph {
	readonly #buildDir: string;
	readonly #modules = new Map<string, BuiltModule>();

	constructor(buildDir: string) {
		this.#buildDir = buildDir;
	}

	/** A built file by its path in the build, read and compressed once. */
	module(path: string): BuiltModule {
		const cached = this.#modules.get(path);
		if (cached) return cached;
		const bytes = readFileSync(join(this.#buildDir, path));
		const source = bytes.toString('utf8');
		const module: BuiltModule = {
			path,
			source,
			raw: bytes.byteLength,
			// Level 9, as the adapter's precompression serves it.
			gzip: gzipSync(bytes, { level: 9 }).byteLength,
			brotli: brotliCompressSync(bytes, {
				params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY }
			}).byteLength,
			staticImports: this.#resolveAll(path, staticPattern, source),
			dynamicImports: this.#resolveAll(path, dynamicPattern, source)
		};
		this.#modules.set(path, module);
		return module;
	}

	/** Every file loaded with `roots` through static imports (roots included), in load order. */
	closure(roots: Iterable<string>): string[] {
		const seen = new Set<string>();
		const visit = (path: string) => {
			if (seen.has(path)) return;
			seen.add(path);
			for (const imported of this.module(path).staticImports) visit(imported);
		};
		for (const root of roots) visit(root);
		return [...seen];
	}

	/** `import()` targets found in some source (e.g. an inline or boot script), as build paths. */
	dynamicImportsIn(source: string, fromPath: string): string[] {
		return this.#resolveAll(fromPath, dynamicPattern, source);
	}

	/** Resolves specifiers against the importing file; keeps only JavaScript that exists. */
	#resolveAll(fromPath: string, pattern: RegExp, source: string): string[] {
		const found = new Set<string>();
		for (const match of source.matchAll(pattern)) {
			const specifier = match[1] ?? '';
			if (!/\.m?js$/.test(specifier) || /^[a-z]+:/i.test(specifier)) continue;
			const path = specifier.startsWith('/')
				? specifier.slice(1)
				: posix.normalize(posix.join(posix.dirname(fromPath), specifier));
			if (existsSync(join(this.#buildDir, path))) found.add(path);
		}
		return [...found];
	}
}

/** What `index.html` loads by itself: its scripts, their `import()`s, modulepreloads, styles. */
export interface HtmlEntries {
	/** JavaScript started at load: script files, what they and inline scripts import, preloads. */
	scripts: string[];
	stylesheets: string[];
}

/** Reads a built page's entry points from its HTML. */
export function htmlEntries(graph: ModuleGraph, buildDir: string, htmlFile: string): HtmlEntries {
	const html = readFileSync(join(buildDir, htmlFile), 'utf8');
	const scripts = new Set<string>();
	const stylesheets: string[] = [];
	const fromRoot = (href: string) => href.replace(/^\//, '');
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		const rel = /\brel="([^"]*)"/.exec(tag)?.[1] ?? '';
		const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
		if (!href || /^[a-z]+:/i.test(href)) continue;
		if (rel.split(/\s+/).includes('modulepreload')) scripts.add(fromRoot(href));
		if (rel.split(/\s+/).includes('stylesheet')) stylesheets.push(fromRoot(href));
	}
	for (const [, attributes, inline] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = /\bsrc="([^"]*)"/.exec(attributes ?? '')?.[1];
		// The boot script runs at once and imports the kit's start and the app: they are initial.
		const path = src ? fromRoot(src) : htmlFile;
		const source = src ? graph.module(path).source : (inline ?? '');
		if (src) scripts.add(path);
		for (const imported of graph.dynamicImportsIn(source, path)) scripts.add(imported);
	}
	return {
		scripts: [...scripts],
		stylesheets: stylesheets.filter((path) => existsSync(join(buildDir, path)))
	};
}
