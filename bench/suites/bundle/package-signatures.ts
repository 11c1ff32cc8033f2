import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a dependency is recognised in minified output without source maps: strings it contains
 * that survive minification (error messages, event names, store names) and that no other
 * dependency uses. A package is present in a chunk when every one of its patterns matches.
 */
export interface PackageSignature {
	name: string;
	patterns: RegExp[];
}

/** The browser dependencies worth watching. A package without a reliable string is left out. */
export const packageSignatures: readonly PackageSignature[] = [
	{ name: 'svelte', patterns: [/svelte\.dev\/e\//] },
	{ name: '@sveltejs/kit', patterns: [/sveltekit/] },
	{ name: 'i18next', patterns: [/i18next/] },
	{ name: 'yjs', patterns: [/Yjs was already imported/] },
	{ name: 'lib0', patterns: [/Unexpected end of array/] },
	{ name: 'y-websocket', patterns: [/connection-close/] },
	{ name: 'y-indexeddb', patterns: [/["'`]updates["'`]/, /["'`]custom["'`]/] },
	{ name: 'valibot', patterns: [/eceived \$\{/] }
];

/** The packages whose signature matches a chunk's source. */
export function packagesIn(source: string): string[] {
	return packageSignatures
		.filter((signature) => signature.patterns.every((pattern) => pattern.test(source)))
		.map((signature) => signature.name);
}

/**
 * Signatures that no longer match their own package's installed source: after an upgrade a
 * message may change, and a silent miss would under-report that package. Returns their names.
 */
export function staleSignatures(repoRoot: string): string[] {
	return packageSignatures
		.filter((signature) => {
			const source = packageSource(join(repoRoot, 'node_modules', signature.name));
			return !signature.patterns.every((pattern) => pattern.test(source));
		})
		.map((signature) => signature.name);
}

/** The JavaScript of an installed package (its own files, not its dependencies'), concatenated. */
function packageSource(dir: string): string {
	if (!existsSync(dir)) return '';
	const parts: string[] = [];
	let budget = 50 * 1024 * 1024;
	const walk = (path: string) => {
		for (const entry of readdirSync(path)) {
			if (entry === 'node_modules' || budget <= 0) continue;
			const child = join(path, entry);
			const stat = statSync(child);
			if (stat.isDirectory()) walk(child);
			else if (/\.(m|c)?js$/.test(entry)) {
				budget -= stat.size;
				parts.push(readFileSync(child, 'utf8'));
			}
		}
	};
	walk(dir);
	return parts.join('\n');
}
