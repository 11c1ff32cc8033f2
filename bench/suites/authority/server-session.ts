import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnServer, type ChildServer } from '../../servers/child-server.ts';
import { benchPassword, tesseraEnv } from '../../servers/tessera-data.ts';
import { ownerEmail } from './intent-groups.ts';

const sessionCookieName = '__Host-tessera-session';

/** Tessera in its own process on a copy of the prepared data, with the owner signed in. */
export interface ServerSession {
	url: string;
	socketUrl: string;
	/** The owner's session cookie and the Origin, as a browser sends them. */
	headers: Record<string, string>;
	child: ChildServer;
	stop(): Promise<void>;
}

/** Prepares the data directory once (`prepare-intent-data-main.ts` in its own process). */
export async function prepareTemplate(
	repoRoot: string,
	groups: number,
	bigMembers: number
): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-authority-'));
	const script = 'bench/suites/authority/prepare-intent-data-main.ts';
	try {
		await promisify(execFile)(process.execPath, [script, dir, String(groups), String(bigMembers)], {
			cwd: repoRoot,
			maxBuffer: 16 * 1024 * 1024
		});
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		const output = error as { stderr?: string; message?: string };
		throw new Error(`${script} failed: ${output.stderr || output.message || ''}`, { cause: error });
	}
	return dir;
}

/** Starts `server/main.ts` on a fresh copy of the template and signs the owner in. */
export async function startSession(repoRoot: string, template: string): Promise<ServerSession> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-authority-run-'));
	cpSync(template, dataDir, { recursive: true });
	let child: ChildServer | undefined;
	const stop = async () => {
		await child?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		child = await spawnServer({
			script: 'server/main.ts',
			cwd: repoRoot,
			env: tesseraEnv(dataDir),
			readyPattern: /Tessera is running at (http:\/\/\S+)/,
			timeoutMs: 120_000
		});
		const url = child.ready[1] ?? '';
		const cookie = await signIn(url, ownerEmail);
		return {
			url,
			socketUrl: url.replace(/^http/, 'ws'),
			headers: { cookie, origin: url },
			child,
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Signs in through `POST /api/auth/login`, as the browser does, and returns "name=value". */
async function signIn(url: string, email: string): Promise<string> {
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password: benchPassword })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0] ?? '')
		.find((pair) => pair.startsWith(`${sessionCookieName}=`));
	if (!response.ok || !cookie)
		throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
	return cookie;
}
