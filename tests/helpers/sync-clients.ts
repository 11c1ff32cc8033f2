import { GroupConnection } from '../../src/lib/sync/group-connection.ts';
import type { SyncNotice } from '../../src/lib/sync/protocol.ts';
import { browserLikeWebSocket, signIn, type TestServer } from './test-server.ts';

/** A Node client of a group, signed in as a demo admin, with the notices it received. */
export interface TestClient {
	connection: GroupConnection;
	notices: SyncNotice[];
	close(): void;
}

/** Signs a demo user in and opens a group's two documents over real websockets. */
export async function connectClient(
	test: TestServer,
	email: string,
	groupId: string,
	options: { canWrite?: boolean; cookie?: string } = {}
): Promise<TestClient> {
	const cookie = options.cookie ?? (await signIn(test.url, email));
	const connection = new GroupConnection({
		serverUrl: test.wsUrl,
		groupId,
		userId: email,
		canWrite: options.canWrite ?? true,
		persist: false,
		WebSocket: browserLikeWebSocket(cookie, test.url)
	});
	const notices: SyncNotice[] = [];
	connection.onNotice((notice) => notices.push(notice));
	return { connection, notices, close: () => connection.destroy() };
}

/** Opens a raw websocket and reports how the upgrade ended: an HTTP status or "open". */
export function tryUpgrade(
	url: string,
	headers: Record<string, string>
): Promise<{ status: number | 'open'; body: string }> {
	return import('ws').then(
		({ WebSocket }) =>
			new Promise((resolve) => {
				const socket = new WebSocket(url, { headers });
				socket.on('open', () => {
					socket.close();
					resolve({ status: 'open', body: '' });
				});
				socket.on('unexpected-response', (_request, response) => {
					let body = '';
					response.on('data', (chunk: Buffer) => (body += chunk.toString()));
					response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
				});
				socket.on('error', () => {});
			})
	);
}

/**
 * A hand-driven protocol client: sends raw frames and records every frame it receives, for
 * tests that must behave like a forged or broken client.
 */
export async function rawClient(
	url: string,
	headers: Record<string, string>
): Promise<{
	received: Uint8Array[];
	send(bytes: Uint8Array): void;
	closed: Promise<number>;
	close(): void;
}> {
	const { WebSocket } = await import('ws');
	const socket = new WebSocket(url, { headers });
	const received: Uint8Array[] = [];
	socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return {
		received,
		send: (bytes) => socket.send(bytes),
		closed,
		close: () => socket.close()
	};
}
