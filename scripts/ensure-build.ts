import { spawnSync } from 'node:child_process';
import { buildIsCurrent } from './build-fingerprint.ts';

/**
 * Builds the app into build/ when its sources changed since the last build (or it was never
 * built), as `npm start` and `npm run bench` need it. Returns false when the build failed; the
 * build's own output says why.
 */
export function ensureBuild(log: (line: string) => void): boolean {
	if (buildIsCurrent()) return true;
	log('Building the app (sources changed since the last build)…');
	const vite = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit' }
	);
	if (vite.status !== 0) return false;
	const post = spawnSync(process.execPath, ['scripts/postbuild.ts'], { stdio: 'inherit' });
	return post.status === 0;
}
