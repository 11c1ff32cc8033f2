import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the built app depends on: when none of these changed, the build is current. */
const inputs = [
	'src',
	'static',
	'locales',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

/** The fingerprint's file name inside the build directory. */
export const fingerprintFile = '.tessera-build';

function walk(path: string, out: string[]): void {
	if (!existsSync(path)) return;
	const stats = statSync(path);
	if (stats.isDirectory()) {
		for (const entry of readdirSync(path).sort()) walk(join(path, entry), out);
	} else {
		out.push(`${path}:${stats.size}:${Math.floor(stats.mtimeMs)}`);
	}
}

/** A hash of every input's path, size and modification time. */
export function sourceFingerprint(): string {
	const entries: string[] = [];
	for (const input of inputs) walk(input, entries);
	return createHash('sha256').update(entries.join('\n')).digest('hex');
}

/** True when build/ holds an app built from the current sources. */
export function buildIsCurrent(buildDir = 'build'): boolean {
	const file = join(buildDir, fingerprintFile);
	if (!existsSync(file) || !existsSync(join(buildDir, 'index.html'))) return false;
	return readFileSync(file, 'utf8').trim() === sourceFingerprint();
}
