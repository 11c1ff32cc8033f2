import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import type { GroupRole } from '../../server/storage/types.ts';
import { spawnServer } from './child-server.ts';
import { benchGroupId } from './sync-server-kind.ts';

/** The password of every demo account in a benchmark data directory. */
export const benchPassword = 'bench-password';

/** A demo group whose vendor the benchmark groups share. */
const demoGroupId = 'demo-license-groups';

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
		TESSERA_TEST_MODE: '1'
	};
}

/**
 * Creates a data directory with the demo data and `groups` benchmark groups in which every bench
 * writer may write. Tessera seeds the demo data itself (one start and stop of `server/main.ts`,
 * so the bench follows whatever the seeding becomes); the groups and roles are then added through
 * the storage API while no server runs. Each run copies the result, so that the slow part
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
		await addBenchGroups(dir, groups);
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return dir;
}

async function addBenchGroups(dir: string, groups: number): Promise<void> {
	const storage = createSqliteStorage(dir);
	try {
		const { accounts } = storage;
		const demoGroup = await accounts.findGroup(demoGroupId);
		if (!demoGroup) throw new Error(`the demo data has no group ${demoGroupId}`);
		const writers = await Promise.all(
			benchWriters.map(async ({ email, role }) => {
				const user = await accounts.findUserByEmail(email);
				if (!user) throw new Error(`the demo data has no ${email}`);
				return { id: user.id, role };
			})
		);
		const now = Date.now();
		for (let index = 0; index < groups; index++) {
			const id = benchGroupId(index);
			await accounts.createGroup({
				id,
				name: `Benchmark group ${index}`,
				vendorId: demoGroup.vendorId,
				policyId: demoGroup.policyId,
				createdAt: now
			});
			for (const writer of writers) await accounts.grantRole(id, writer.id, writer.role);
		}
	} finally {
		// Closing checkpoints the WAL into tessera.db, so a plain copy of the directory is complete.
		storage.close();
	}
}
