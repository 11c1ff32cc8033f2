import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What a package costs when bundled alone with exactly the names the app imports from it. */
export interface PackageAlone {
	/** `specifier: names` the entry re-exported, e.g. `yjs: Doc, applyUpdate`. */
	imports: string[];
	raw: number;
	gzip: number;
}

/** Package name of a bare specifier: `lib0/encoding` → `lib0`, `@scope/a/b` → `@scope/a`. */
const packageOf = (specifier: string) =>
	specifier
		.split('/')
		.slice(0, specifier.startsWith('@') ? 2 : 1)
		.join('/');

/**
 * Sizes of packages as the app uses them, for chunks that hold several packages at once (where
 * per-chunk attribution says nothing): for each package, the names `src/` imports from it are
 * re-exported by a one-line entry that Vite (Rolldown) bundles and minifies alone, then gzips.
 * Each size includes what the package needs of its own dependencies (yjs brings parts of lib0),
 * so sizes overlap and do not add up to the chunk.
 */
export async function packagesAlone(
	repoRoot: string,
	packages: readonly string[]
): Promise<Map<string, PackageAlone>> {
	const imports = appImports(join(repoRoot, 'src'));
	const sizes = new Map<string, PackageAlone>();
	for (const name of packages) {
		const specifiers = [...imports].filter(([specifier]) => packageOf(specifier) === name);
		if (specifiers.length === 0) continue;
		const lines: string[] = [];
		const used: string[] = [];
		for (const [specifier, names] of specifiers) {
			const exported = await runtimeExports(specifier, names);
			if (exported.length === 0) continue;
			lines.push(
				`export { ${exported.map((n, i) => `${n} as __${lines.length}_${i}`).join(', ')} } from '${specifier}';`
			);
			used.push(`${specifier}: ${exported.join(', ')}`);
		}
		if (lines.length === 0) continue;
		const code = await bundleAlone(repoRoot, lines.join('\n'));
		sizes.set(name, {
			imports: used,
			raw: Buffer.byteLength(code),
			gzip: gzipSync(code, { level: 9 }).byteLength
		});
	}
	return sizes;
}

/** Specifier → runtime names imported by the app's source (type-only imports left out). */
function appImports(dir: string): Map<string, Set<string>> {
	const found = new Map<string, Set<string>>();
	const add = (specifier: string, name: string) => {
		const names = found.get(specifier) ?? new Set<string>();
		names.add(name);
		found.set(specifier, names);
	};
	for (const file of sourceFiles(dir)) {
		const source = readFileSync(file, 'utf8');
		const statements = source.matchAll(
			/\bimport\s+(?!type\b)([^'";]+?)\s+from\s+['"]([^'"./][^'"]*)['"]/g
		);
		for (const [, clause = '', specifier = ''] of statements) {
			const namespace = /\*\s+as\s+([\w$]+)/.exec(clause)?.[1];
			if (namespace) {
				// `v.object(…)`: the members used through the namespace are what is imported.
				const members = source.matchAll(
					new RegExp(`\\b${namespace.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g')
				);
				for (const [, member] of members) if (member) add(specifier, member);
			}
			const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
			for (const part of named.split(',')) {
				const name = part
					.trim()
					.split(/\s+as\s+/)[0]
					?.trim();
				if (name && !name.startsWith('type ')) add(specifier, name);
			}
			if (/^[\w$]+(\s*,|$)/.test(clause.trim())) add(specifier, 'default');
		}
	}
	return found;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The names that exist at run time (a namespace member may be a type, which a bundle lacks). */
async function runtimeExports(specifier: string, names: ReadonlySet<string>): Promise<string[]> {
	try {
		const module = (await import(specifier)) as Record<string, unknown>;
		return [...names].filter((name) => name in module).sort();
	} catch {
		return [...names].sort();
	}
}

/** Bundles an entry with Vite (Rolldown), minified for browsers, and returns the code. */
async function bundleAlone(repoRoot: string, entry: string): Promise<string> {
	const { build } = await import('vite');
	const id = '\0bench-package-entry';
	const result = await build({
		configFile: false,
		root: repoRoot,
		logLevel: 'silent',
		mode: 'production',
		define: { 'process.env.NODE_ENV': '"production"' },
		plugins: [
			{
				name: 'bench-package-entry',
				enforce: 'pre',
				resolveId: (source) => (source.endsWith('bench-package-entry') ? id : null),
				load: (loaded) => (loaded === id ? entry : null)
			}
		],
		build: {
			write: false,
			minify: true,
			lib: { entry: 'bench-package-entry', formats: ['es'], fileName: 'entry' }
		}
	});
	const outputs = Array.isArray(result) ? result : [result];
	let code = '';
	for (const output of outputs) {
		if (!('output' in output)) continue;
		for (const chunk of output.output) if (chunk.type === 'chunk') code += chunk.code;
	}
	return code;
}
