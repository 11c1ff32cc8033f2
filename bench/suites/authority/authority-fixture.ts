import { startServer, type TesseraServer } from '../../../server/app.ts';
import {
	applyOperation,
	initializeGroup,
	placeOrderAsAuthority,
	type Person
} from '../../../server/authority/group-setup.ts';
import { configFromEnv } from '../../../server/config.ts';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.ts';
import type { Storage } from '../../../server/storage/types.ts';
import type { Member } from '../../../src/lib/domain/index.ts';

/** Every benchmark group uses the first preset (named licenses, monthly terms, product `designer`). */
export const benchPolicyId = 'license-groups';
export const benchProduct = 'designer';

/** A Tessera started in this process on a data directory: the real engine, SQLite and signer. */
export interface InProcessTessera {
	server: TesseraServer;
	storage: Storage;
	/** Errors the server reported (a benchmark that saw some says so). */
	errors: unknown[];
	stop(): Promise<void>;
}

/** Starts the server code in this process on `dataDir` (port 0, no demo seeding, system clock). */
export async function startInProcess(dataDir: string): Promise<InProcessTessera> {
	const storage = createSqliteStorage(dataDir);
	const errors: unknown[] = [];
	const config = { ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir, seedDemo: false };
	let server: TesseraServer;
	try {
		server = await startServer(config, storage, (error) => errors.push(error));
	} catch (error) {
		storage.close();
		throw error;
	}
	return {
		server,
		storage,
		errors,
		stop: async () => {
			await server.close();
			storage.close();
		}
	};
}

/**
 * Creates initialised groups owned by `owner` (with `admins` as license administrators) through
 * the real authority, each with `seats` seats of the product bought on a monthly term.
 */
export async function createGroups(
	tessera: InProcessTessera,
	options: {
		ids: readonly string[];
		vendorId: string;
		owner: Person;
		admins: Person[];
		seats: number;
	}
): Promise<void> {
	const { accounts } = tessera.storage;
	const { engine } = tessera.server;
	for (const id of options.ids) {
		await accounts.createGroup({
			id,
			name: `Authority bench ${id}`,
			vendorId: options.vendorId,
			policyId: benchPolicyId,
			createdAt: Date.now()
		});
		await accounts.grantRole(id, options.owner.id, 'owner');
		for (const admin of options.admins) await accounts.grantRole(id, admin.id, 'admin');
		await initializeGroup(engine, id, {
			owner: options.owner,
			admins: options.admins.map((person) => ({ person, roles: ['admin'] }))
		});
		if (options.seats > 0) {
			await placeOrderAsAuthority(
				engine,
				id,
				{ userId: options.owner.id, passwordConfirmed: true },
				{ kind: 'set-seats', product: benchProduct, newTotal: options.seats, term: 'monthly' }
			);
		}
	}
}

/**
 * Adds `count` license holders to a group in one authority commit (nine in ten hold the
 * product's license), as a big customer's group would have after years of use. Built directly
 * rather than by 100,000 intents, which would also queue 100,000 invitation e-mails.
 */
export async function addMembers(tessera: InProcessTessera, groupId: string, count: number) {
	const at = Date.now();
	const members: Record<string, Member> = {};
	for (let i = 0; i < count; i++) {
		const id = `bench-member-${i}`;
		members[id] = {
			id,
			email: `holder${i}@bench.example`,
			name: `Holder ${i}`,
			status: 'active',
			roles: [],
			licenseAdmin: null,
			licenses: i % 10 === 9 ? [] : [benchProduct],
			rightsGroup: null,
			modules: [],
			permissions: [],
			createdAt: at
		};
	}
	// The ids are passed as touched: none has an account, so no role is mirrored into SQL.
	await applyOperation(
		tessera.server.engine,
		groupId,
		'bench.members',
		(state) => ({
			ok: true,
			value: {
				state: { ...state, members: { ...state.members, ...members } },
				events: [],
				history: [],
				emails: []
			}
		}),
		['bench-member-0']
	);
}
