import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from './child-server.ts';
import { benchPassword, benchWriters, prepareTesseraTemplate, tesseraEnv } from './tessera-data.ts';
import type { RunningSyncServer, SyncServerKind } from './sync-server-kind.ts';

const sessionCookieName = '__Host-tessera-session';

/**
 * Tessera as a child process (`node server/main.ts`), on a copy of a prepared data directory,
 * with one session per bench writer obtained through the real sign-in route.
 */
export async function tesseraKind(repoRoot: string, groups: number): Promise<SyncServerKind> {
	const template = await prepareTesseraTemplate(repoRoot, groups);
	return {
		id: 'tessera',
		label: 'Tessera',
		start: () => startTessera(repoRoot, template),
		dispose: () => {
			rmSync(template, { recursive: true, force: true });
		}
	};
}

async function startTessera(repoRoot: string, template: string): Promise<RunningSyncServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
	cpSync(template, dataDir, { recursive: true });
	const removeData = () => {
		rmSync(dataDir, { recursive: true, force: true });
	};
	let child;
	try {
		child = await spawnServer({
			script: 'server/main.ts',
			cwd: repoRoot,
			// The data directory is already seeded: SEED_DEMO only matters for an empty one.
			env: tesseraEnv(dataDir),
			readyPattern: /Tessera is running at (http:\/\/\S+)/
		});
	} catch (error) {
		removeData();
		throw error;
	}
	const url = child.ready[1] ?? '';
	const stop = async () => {
		await child.stop();
		removeData();
	};
	let cookies: string[];
	try {
		// One sign-in per user (each costs a production-strength scrypt), shared by many sockets.
		cookies = await Promise.all(benchWriters.map(({ email }) => signIn(url, email)));
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		pid: child.pid,
		probe: () => child.probe(),
		socketUrl: (groupId) => `${url.replace(/^http/, 'ws')}/sync/${groupId}`,
		headers: (clientIndex) => ({
			cookie: cookies[clientIndex % cookies.length] ?? '',
			origin: url
		}),
		stop
	};
}

/** Signs in through `POST /api/auth/login`, as the browser does, and returns "name=value". */
export async function signIn(url: string, email: string): Promise<string> {
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password: benchPassword })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0] ?? '')
		.find((pair) => pair.startsWith(`${sessionCookieName}=`));
	if (!response.ok || !cookie) {
		throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
	}
	return cookie;
}
