import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { ServerConfig } from '../../server/config.ts';
import { connectClient, type TestClient } from './sync-clients.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** A test file's own Tessera and the clients its tests open (see `serverSuite`). */
export interface ServerSuite {
	/** The running server (after `beforeAll`). */
	readonly server: TestServer;
	/** Signs a demo admin in, opens a group's documents and waits until the connection is up. */
	readonly online: (email: string, groupId: string) => Promise<TestClient>;
}

/**
 * Starts a real Tessera before a file's tests and stops it after them, closing every client
 * `online` opened on the way.
 */
export function serverSuite(overrides: Partial<ServerConfig> = {}): ServerSuite {
	let started: TestServer | undefined;
	const clients: TestClient[] = [];
	beforeAll(async () => {
		started = await startTestServer(overrides);
	});
	afterAll(async () => {
		for (const client of clients) client.close();
		await started?.stop();
	});
	const suite: ServerSuite = {
		get server() {
			if (!started) throw new Error('the suite server starts in beforeAll');
			return started;
		},
		online: async (email, groupId) => {
			const client = await connectClient(suite.server, email, groupId);
			clients.push(client);
			await vi.waitFor(() => expect(client.connection.status.connection).toBe('online'));
			return client;
		}
	};
	return suite;
}

/** "Give a license by e-mail" as an admin's browser proposes it (the designer product). */
export function assignByEmail(id: string, author: string, email: string) {
	return {
		id,
		kind: 'assign-license',
		author,
		createdAt: Date.now(),
		product: 'designer',
		target: { by: 'email', email, name: email.split('@')[0] ?? email }
	};
}
