import { spawn } from 'node:child_process';

/**
 * `npm run dev`: the server on PORT+1 (default 3001, data in ./data unless DATA_DIR says
 * otherwise) and Vite's dev server with hot reload in front of it on 5173, proxying /api, /sync
 * and /healthz — the same origin for the browser, so cookies and Origin checks work unchanged.
 */
const apiPort = String(Number(process.env.PORT ?? 3000) + 1);
const server = spawn(
	process.execPath,
	['--watch-path=server', '--watch-path=src/lib/domain', 'server/main.ts'],
	{
		stdio: 'inherit',
		env: { ...process.env, PORT: apiPort }
	}
);
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev'], {
	stdio: 'inherit',
	env: { ...process.env, TESSERA_API: `http://localhost:${apiPort}` }
});
const stop = () => {
	server.kill('SIGTERM');
	vite.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
server.once('exit', stop);
vite.once('exit', stop);
