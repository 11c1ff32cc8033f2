import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssBytes } from '../../lib/process-stats.ts';
import { spawnServer, type ChildServer } from '../../servers/child-server.ts';
import { signIn } from '../../servers/tessera-kind.ts';
import { tesseraEnv } from '../../servers/tessera-data.ts';
import { firstSync, type FirstSync } from './document-sync.ts';
import { largeGroupId } from './member-intents.ts';
import { largeGroupAdmin } from './seed-large-group.ts';

/** A Tessera process on its own copy of the seeded data directory. */
export interface LargeGroupServer {
	child: ChildServer;
	url: string;
	stop: () => Promise<void>;
}

/** Starts `server/main.ts` on a copy of `seeded`, serving the built app in `buildDir`. */
export async function startOnCopy(
	repoRoot: string,
	seeded: string,
	buildDir: string
): Promise<LargeGroupServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-large-group-run-'));
	try {
		cpSync(seeded, dataDir, { recursive: true });
		const child = await spawnServer({
			script: 'server/main.ts',
			cwd: repoRoot,
			env: { ...tesseraEnv(dataDir), BUILD_DIR: buildDir },
			readyPattern: /Tessera is running at (http:\/\/\S+)/
		});
		return {
			child,
			url: child.ready[1] ?? '',
			stop: async () => {
				await child.stop(30_000);
				rmSync(dataDir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
}

/** One cold load: a fresh server process, then the group's two documents asked for at once. */
export interface ColdLoad {
	authority: FirstSync;
	workspace: FirstSync;
	/** Until both documents were synced (the browser asks for both at once). */
	bothMs: number;
	/** Resident memory after start (no group loaded), and 2 s after both documents synced. */
	rssIdleBytes: number;
	rssLoadedBytes: number;
	/** `tessera.db` after the WAL was checkpointed (the seeding server's clean stop). */
	databaseBytes: number;
}

/** Times the first sync of the large group on a server that has just started (nothing cached). */
export async function measureColdLoad(
	repoRoot: string,
	seeded: string,
	buildDir: string
): Promise<ColdLoad> {
	const server = await startOnCopy(repoRoot, seeded, buildDir);
	try {
		const cookie = await signIn(server.url, largeGroupAdmin);
		const headers = { cookie, origin: server.url };
		const rssIdleBytes = rssBytes(server.child.pid);
		const base = `${server.url.replace(/^http/, 'ws')}/sync/${largeGroupId}`;
		const started = performance.now();
		const [authority, workspace] = await Promise.all([
			firstSync(`${base}/authority`, headers),
			firstSync(base, headers)
		]);
		const bothMs = performance.now() - started;
		await sleep(2000);
		return {
			authority,
			workspace,
			bothMs,
			rssIdleBytes,
			rssLoadedBytes: rssBytes(server.child.pid),
			databaseBytes: statSync(join(seeded, 'tessera.db')).size
		};
	} finally {
		await server.stop();
	}
}
