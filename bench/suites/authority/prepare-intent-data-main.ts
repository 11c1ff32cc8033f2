/**
 * Prepares a data directory for the authority suite's server process:
 * `node prepare-intent-data-main.ts <data dir> <small groups> <big group members>`. The demo
 * accounts get the bench password at the production scrypt cost (the orders route checks it);
 * the groups are initialised, and given seats and members, through the real authority. It runs
 * in its own process, so it loads the server code as it is on disk, like the server it prepares.
 */

import { defaultScryptCost } from '../../../server/auth/passwords.ts';
import { seedDemoAccounts } from '../../../server/demo/seed.ts';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.ts';
import { benchPassword } from '../../servers/tessera-data.ts';
import { addMembers, createGroups, startInProcess } from './authority-fixture.ts';
import {
	adminEmail,
	bigGroupId,
	ownerEmail,
	smallGroupId,
	smallGroupSeats
} from './intent-groups.ts';

async function prepare(dir: string, groups: number, bigMembers: number): Promise<void> {
	const seeding = createSqliteStorage(dir);
	try {
		await seedDemoAccounts(seeding, {
			password: benchPassword,
			cost: defaultScryptCost,
			now: Date.now()
		});
	} finally {
		seeding.close();
	}
	const tessera = await startInProcess(dir);
	try {
		const person = async (email: string) => {
			const user = await tessera.storage.accounts.findUserByEmail(email);
			if (!user) throw new Error(`the demo data has no ${email}`);
			return { id: user.id, email: user.email, name: user.name };
		};
		const owner = await person(ownerEmail);
		const admins = [await person(adminEmail)];
		const vendorId = 'demo-vendor';
		const ids = Array.from({ length: groups }, (_, index) => smallGroupId(index));
		await createGroups(tessera, { ids, vendorId, owner, admins, seats: smallGroupSeats });
		if (bigMembers > 0) {
			const seats = bigMembers + smallGroupSeats;
			await createGroups(tessera, { ids: [bigGroupId], vendorId, owner, admins, seats });
			await addMembers(tessera, bigGroupId, bigMembers);
		}
		if (tessera.errors.length > 0) throw tessera.errors[0];
	} finally {
		// Closing checkpoints the WAL into tessera.db, so a plain copy of the directory is complete.
		await tessera.stop();
	}
}

const [dir, groups, bigMembers] = process.argv.slice(2);
if (!dir || !Number.isInteger(Number(groups)) || !Number.isInteger(Number(bigMembers))) {
	console.error('usage: prepare-intent-data-main.ts <data dir> <small groups> <big group members>');
	process.exit(2);
}
await prepare(dir, Number(groups), Number(bigMembers));
