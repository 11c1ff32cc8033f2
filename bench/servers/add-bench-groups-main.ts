/**
 * Adds the benchmark groups to a seeded, stopped Tessera data directory through the storage API:
 * `node bench/servers/add-bench-groups-main.ts <data dir> <groups>`. It runs in its own process,
 * like the server, so that both load the server code as it is on disk at that moment (a long
 * benchmark must not open a database with an older copy of the migrations than the server's).
 */

import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import { benchGroupId } from './sync-server-kind.ts';
import { benchWriters } from './tessera-data.ts';

/** A demo group whose vendor and policy the benchmark groups share. */
const demoGroupId = 'demo-license-groups';

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

const [dir, groups] = process.argv.slice(2);
if (!dir || !Number.isInteger(Number(groups))) {
	console.error('usage: add-bench-groups-main.ts <data dir> <groups>');
	process.exit(2);
}
await addBenchGroups(dir, Number(groups));
