import { spawnSync } from 'node:child_process';
import { buildIsCurrent } from './build-fingerprint.ts';

/**
 * `npm start`: builds the app when its sources changed since the last build, then starts the
 * one server process on the embedded SQLite default.
 */
if (!buildIsCurrent()) {
	console.log('Building the app (sources changed since the last build)…');
	const result = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) {
		console.error('The build failed; see above. Nothing was started.');
		process.exit(result.status ?? 1);
	}
	const post = spawnSync(process.execPath, ['scripts/postbuild.ts'], { stdio: 'inherit' });
	if (post.status !== 0) process.exit(post.status ?? 1);
}
await import('../server/main.ts');
