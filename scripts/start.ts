import { ensureBuild } from './ensure-build.ts';

/**
 * `npm start`: builds the app when its sources changed since the last build, then starts the
 * one server process on the embedded SQLite default.
 */
if (
	!ensureBuild((line) => {
		console.log(line);
	})
) {
	console.error('The build failed; see above. Nothing was started.');
	process.exit(1);
}
await import('../server/main.ts');
