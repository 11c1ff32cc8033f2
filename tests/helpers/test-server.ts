import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as NodeWebSocket } from 'ws';
import { startServer, type TesseraServer } from '../../server/app.ts';
import { configFromEnv, type ServerConfig } from '../../server/config.ts';
import { seedDemoAccounts, seedDemoGroups } from '../../server/demo/seed.ts';
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import type { Storage } from '../../server/storage/types.ts';
import type { WebSocketClass } from '../../src/lib/sync/ack-tracker.ts';

/** Demo password used by every test server. */
export const demoPassword = 'test-password';

/**
 * Cheaper scrypt for test servers only, so a suite can sign in dozens of times; the production
 * default (N=2^17) is asserted in its own test.
 */
const testCost = { logN: 12, r: 8, p: 1 };

export interface TestServer {
	server: TesseraServer;
	storage: Storage;
	dataDir: string;
	url: string;
	wsUrl: string;
	/** Restarts the process's server on the same data directory (and port 0 → a new port). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/** A real Tessera on port 0 with demo data in a fresh temporary directory. */
export async function startTestServer(
	overrides: Partial<ServerConfig> = {},
	options: { expectedError?: (error: unknown) => boolean } = {}
): Promise<TestServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
	const defaults = configFromEnv({});
	const config: ServerConfig = {
		...defaults,
		port: 0,
		dataDir,
		testMode: true,
		passwordCost: testCost,
		// Suites sign in dozens of times from one address; the limits get their own tests.
		loginLimits: {
			...defaults.loginLimits,
			perAddress: { limit: 100_000, windowMs: 60_000 },
			perAccount: { limit: 100_000, windowMs: 60_000 }
		},
		...overrides
	};
	// Server errors surface in the test output instead of vanishing.
	const report = (error: unknown) => {
		if (!options.expectedError?.(error)) console.error('[tessera server]', error);
	};
	let storage = createSqliteStorage(dataDir);
	await seedDemoAccounts(storage, { password: demoPassword, cost: testCost, now: Date.now() });
	let server = await startServer(config, storage, report);
	await seedDemoGroups(server, storage);
	const handle: TestServer = {
		get server() {
			return server;
		},
		get storage() {
			return storage;
		},
		dataDir,
		get url() {
			return server.url;
		},
		get wsUrl() {
			return server.url.replace('http', 'ws');
		},
		async restart() {
			await server.close();
			storage.close();
			storage = createSqliteStorage(dataDir);
			server = await startServer({ ...config, port: server.port }, storage, report);
		},
		async stop() {
			await server.close();
			storage.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return handle;
}

/** Signs in through the real API and returns the session cookie ("name=value"). */
export async function signIn(url: string, email: string, password = demoPassword): Promise<string> {
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password })
	});
	if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status}`);
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('no session cookie');
	return cookie;
}

/** A `ws` WebSocket class that presents a session cookie and an Origin, as a browser would. */
export function browserLikeWebSocket(cookie: string | undefined, origin: string): WebSocketClass {
	return class extends NodeWebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {}, origin });
		}
	} as unknown as WebSocketClass;
}
