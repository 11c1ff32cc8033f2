import { PortInUseError, startServer } from './app.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { demoAdmins } from './demo/demo-people.ts';
import { seedDemoAccounts, seedDemoGroups } from './demo/seed.ts';
import { DataDirectoryError, createSqliteStorage } from './storage/sqlite/index.ts';

/** Starts Tessera from the command line: configuration from the environment, SQLite storage. */
async function main(): Promise<void> {
	const config = configFromEnv();
	const storage = createSqliteStorage(config.dataDir);
	let seeded = false;
	if (config.seedDemo && (await storage.accounts.isEmpty())) {
		await seedDemoAccounts(storage, {
			password: config.demoPassword,
			cost: config.passwordCost,
			now: Date.now()
		});
		seeded = true;
	}
	let server;
	try {
		server = await startServer(config, storage);
	} catch (error) {
		storage.close();
		throw error;
	}
	if (seeded) await seedDemoGroups(server, storage);
	const stop = (signal: string) => {
		console.log(`\n${signal}: storing pending changes and stopping…`);
		void server.close().then(() => {
			storage.close();
			process.exit(0);
		});
	};
	process.once('SIGINT', () => {
		stop('SIGINT');
	});
	process.once('SIGTERM', () => {
		stop('SIGTERM');
	});
	printWelcome(server.url, config.dataDir, seeded, config.demoPassword, config.testMode);
	if (server.payments?.testMode) {
		console.log(
			`Card payments: the ${server.payments.name} provider (test cards such as 4242 4242 4242 4242; no money moves). PAYMENT_PROVIDER=none turns it off.\n`
		);
	}
}

function printWelcome(
	url: string,
	dataDir: string,
	seeded: boolean,
	password: string,
	testMode: boolean
) {
	console.log(`\nTessera is running at ${url}${testMode ? ' (test mode)' : ''}`);
	console.log(`Data directory: ${dataDir}${seeded ? ' (demo data created)' : ''}\n`);
	console.log('Demo accounts:');
	for (const admin of demoAdmins) {
		const roles = admin.vendorRole ?? [...new Set(Object.values(admin.roles).flat())].join(', ');
		console.log(`  ${admin.email.padEnd(30)} ${roles}`);
	}
	console.log(
		`Password: ${seeded || process.env.DEMO_PASSWORD ? password : 'the DEMO_PASSWORD in effect when the data directory was created (default tessera-demo)'}\n`
	);
}

main().catch((error: unknown) => {
	if (
		error instanceof DataDirectoryError ||
		error instanceof PortInUseError ||
		error instanceof ConfigError
	) {
		console.error(`\nTessera cannot start: ${error.message}\n`);
	} else {
		console.error('\nTessera stopped on an unexpected error:', error);
	}
	process.exit(1);
});
