import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GroupRole } from '../../server/storage/types.ts';
import { spawnServer } from './child-server.ts';

/** The password of every demo account in a benchmark data directory. */
export const benchPassword = 'bench-password';

/**
 * The demo accounts that write in every benchmark group. Clients take turns over them, so that
 * sockets belong to several users, as they would in a real customer.
 */
export const benchWriters: readonly { email: string; role: GroupRole }[] = [
	{ email: 'olivia.owner@acme.example', role: 'owner' },
	{ email: 'alex.admin@acme.example', role: 'admin' },
	{ email: 'camille.martin@acme.example', role: 'admin' },
	{ email: 'jonas.weber@acme.example', role: 'admin' }
];

/** The environment of a Tessera child process on a data directory. */
export function tesseraEnv(dataDir: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		PORT: '0',
		HOST: '',
		DATA_DIR: dataDir,
		DEMO_PASSWORD: benchPassword,
		TESSERA_TEST_MODE: '1',
		// A run signs in a few times per process from one address; the sign-in throttle must never
		// be what a benchmark measures (or trips over), so its limits are lifted.
		LOGIN_LIMIT_PER_ADDRESS: '1000000',
		LOGIN_LIMIT_PER_ACCOUNT_ADDRESS: '1000000',
		LOGIN_LIMIT_PER_ACCOUNT: '1000000'
	};
}

/**
 * Creates a data directory with the demo data and `groups` benchmark groups in which every bench
 * writer may write. Tessera seeds the demo data itself (one start and stop of `server/main.ts`,
 * so the bench follows whatever the seeding becomes); the groups and roles are then added through
 * the storage API while no server runs (`add-bench-groups-main.ts`). Each run copies the result, so that the slow part
 * (passwords hashed at the production scrypt cost) happens once.
 */
export async function prepareTesseraTemplate(repoRoot: string, groups: number): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-template-'));
	try {
		const seeding = await spawnServer({
			script: 'server/main.ts',
			cwd: repoRoot,
			env: { ...tesseraEnv(dir), SEED_DEMO: '1' },
			readyPattern: /Tessera is running at/,
			timeoutMs: 120_000
		});
		await seeding.stop();
		await runScript(repoRoot, ['bench/servers/add-bench-groups-main.ts', dir, String(groups)]);
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return dir;
}

/** Runs a script to completion on this Node, failing with its output when it fails. */
async function runScript(cwd: string, args: string[]): Promise<void> {
	try {
		await promisify(execFile)(process.execPath, args, { cwd });
	} catch (error) {
		const output = error as { stderr?: string; stdout?: string; message?: string };
		throw new Error(`${args[0] ?? 'script'} failed: ${output.stderr || output.message || ''}`, {
			cause: error
		});
	}
}
