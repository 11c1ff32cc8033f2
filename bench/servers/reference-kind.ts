import { spawnServer } from './child-server.ts';
import type { SyncServerKind } from './sync-server-kind.ts';

/** The reference y-websocket 2.x server as a child process (see `reference-server-main.ts`). */
export function referenceKind(repoRoot: string): SyncServerKind {
	return {
		id: 'reference',
		label: 'y-websocket 2',
		start: async () => {
			const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
			// Its defaults: no persistence, no callback, garbage collection on.
			delete env.YPERSISTENCE;
			delete env.CALLBACK_URL;
			delete env.GC;
			const child = await spawnServer({
				script: 'bench/servers/reference-server-main.ts',
				cwd: repoRoot,
				env,
				readyPattern: /listening on port (\d+)/
			});
			const port = child.ready[1] ?? '';
			return {
				pid: child.pid,
				probe: () => child.probe(),
				socketUrl: (groupId) => `ws://localhost:${port}/${groupId}`,
				// It checks nothing; an Origin is sent anyway so that both handshakes are alike.
				headers: () => ({ origin: `http://localhost:${port}` }),
				stop: () => child.stop()
			};
		},
		dispose: () => {}
	};
}
