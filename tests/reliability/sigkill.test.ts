import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { GroupConnection } from '../../src/lib/sync/group-connection.ts';
import { browserLikeWebSocket, signIn } from '../helpers/test-server.ts';
import { demoPassword, TesseraProcess } from '../e2e/tessera-process.ts';

/**
 * S-suite: the real server process killed with SIGKILL while three admins write. Nothing any
 * client still holds is lost: after the restart every client reconnects by itself, uploads
 * what the server missed, and all replicas — and a client that connects afresh — agree.
 */
const group = 'demo-license-groups';
const writers = [
	'alex.admin@acme.example',
	'camille.martin@acme.example',
	'jonas.weber@acme.example'
];
let server: TesseraProcess;
const clients: { name: string; connection: GroupConnection }[] = [];

beforeAll(async () => {
	server = new TesseraProcess();
	await server.start();
	for (const email of writers) {
		const cookie = await signIn(server.url, email, demoPassword);
		const connection = new GroupConnection({
			serverUrl: server.url.replace('http', 'ws'),
			groupId: group,
			userId: email,
			canWrite: true,
			persist: false,
			WebSocket: browserLikeWebSocket(cookie, server.url)
		});
		clients.push({ name: email.split('.')[0] ?? email, connection });
	}
	for (const { connection } of clients) {
		await vi.waitFor(() => expect(connection.status.connection).toBe('online'), {
			timeout: 15_000
		});
	}
}, 60_000);
afterAll(async () => {
	for (const { connection } of clients) connection.destroy();
	await server.dispose();
});

/** Each client appends numbers to its own list; the lists prove what reached everyone. */
function write(from: number, to: number): void {
	for (const { name, connection } of clients) {
		const log = connection.workspace.getArray<number>(`log:${name}`);
		for (let i = from; i < to; i++) log.push([i]);
	}
}

describe('S-suite: SIGKILL while clients write', () => {
	it(
		'loses nothing any client holds, and every client converges after the restart',
		{ timeout: 120_000 },
		async () => {
			write(0, 50);
			// Let part of it reach the server, then kill it in the middle of the stream.
			await new Promise((resolve) => setTimeout(resolve, 30));
			write(50, 100);
			await server.stop('SIGKILL');
			write(100, 150);
			await server.start();
			for (const { connection } of clients) {
				await vi.waitFor(
					() => {
						expect(connection.status.connection).toBe('online');
						expect(connection.status.pending).toBe(false);
					},
					{ timeout: 30_000, interval: 100 }
				);
			}
			const fresh = new GroupConnection({
				serverUrl: server.url.replace('http', 'ws'),
				groupId: group,
				userId: 'fresh',
				canWrite: false,
				persist: false,
				WebSocket: browserLikeWebSocket(
					await signIn(server.url, 'olivia.owner@acme.example', demoPassword),
					server.url
				)
			});
			try {
				await vi.waitFor(() => expect(fresh.status.connection).toBe('online'), { timeout: 15_000 });
				const expected = Array.from({ length: 150 }, (_, i) => i);
				await vi.waitFor(
					() => {
						for (const replica of [...clients.map((c) => c.connection), fresh]) {
							for (const { name } of clients) {
								expect(replica.workspace.getArray<number>(`log:${name}`).toArray()).toEqual(
									expected
								);
							}
						}
					},
					{ timeout: 15_000 }
				);
				const vector = Y.encodeStateVector(fresh.workspace);
				for (const { connection } of clients) {
					expect(
						Buffer.from(Y.encodeStateVector(connection.workspace)).equals(Buffer.from(vector))
					).toBe(true);
				}
			} finally {
				fresh.destroy();
			}
		}
	);
});
