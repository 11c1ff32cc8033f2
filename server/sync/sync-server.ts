import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeCodes, parseSyncPath } from '../../src/lib/sync/protocol.ts';
import { groupAccess, sessionFromCookies } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import { isAllowedOrigin } from '../http/origin.ts';
import type { AccountStore } from '../storage/types.ts';
import { colorFor } from './awareness-identity.ts';
import { SyncConnection, type ConnectionLimits } from './connection.ts';
import type { RoomRegistry } from './room-registry.ts';

export interface SyncServerOptions {
	accounts: AccountStore;
	registry: RoomRegistry;
	clock: Clock;
	allowedOrigins: readonly string[];
	/** Larger messages close the connection (1009) before they are read. */
	maxMessageBytes: number;
	/** How often sockets are pinged; one that missed the previous ping is dropped. */
	heartbeatMs?: number;
	limits: ConnectionLimits;
	onError: (error: unknown) => void;
}

/**
 * The websocket endpoints `/sync/:groupId` and `/sync/:groupId/authority`. Every check happens
 * during the HTTP upgrade — path, Origin, session, role — so a refused client never receives a
 * byte of any document.
 */
export class SyncServer {
	readonly #options: SyncServerOptions;
	readonly #wss: WebSocketServer;
	readonly #writerWss: WebSocketServer;
	readonly #connections = new Set<SyncConnection>();
	/** When each connection's session ends, checked against the (settable) clock. */
	readonly #sessionEnds = new Map<SyncConnection, number>();
	readonly #sweep: NodeJS.Timeout;
	readonly #heartbeat: NodeJS.Timeout;
	/** Sockets pinged that have not answered yet. */
	readonly #silent = new WeakSet<WebSocket>();

	constructor(options: SyncServerOptions) {
		this.#options = options;
		// A socket lives no longer than the session that opened it; a sweep every few seconds
		// keeps that true for the test clock too, which a timer per socket would not.
		this.#sweep = setInterval(() => {
			const now = options.clock.now();
			for (const [connection, endsAt] of this.#sessionEnds) {
				if (endsAt <= now) connection.close(closeCodes.sessionEnded, 'session ended');
			}
		}, 2000);
		this.#sweep.unref();
		// A socket whose peer vanished (a laptop lid closed, a NAT dropped it) never says goodbye:
		// ping every 30 s and drop what did not answer the previous ping.
		this.#heartbeat = setInterval(() => {
			for (const ws of [...this.#wss.clients, ...this.#writerWss.clients]) {
				if (this.#silent.has(ws)) {
					ws.terminate();
					continue;
				}
				this.#silent.add(ws);
				ws.ping();
			}
		}, options.heartbeatMs ?? 30_000);
		this.#heartbeat.unref();
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: options.maxMessageBytes,
			perMessageDeflate: false
		});
		// An admin back from a long time offline sends every change in one sync message, which
		// can exceed the message cap; refusing it would strand those changes in the browser for
		// good. The document cap bounds what a writer can usefully send, so writers of a
		// workspace get that as their message cap; everyone else keeps the smaller one.
		this.#writerWss = new WebSocketServer({
			noServer: true,
			maxPayload: Math.max(options.maxMessageBytes, options.limits.maxDocumentBytes),
			perMessageDeflate: false
		});
	}

	/** The `upgrade` handler of the HTTP server. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => socket.destroy());
		this.#authorize(request).then(
			(verdict) => {
				if ('status' in verdict) {
					refuse(socket, verdict.status, verdict.code);
					return;
				}
				if (socket.destroyed) {
					this.#options.registry.release(verdict.room);
					return;
				}
				const writer = verdict.access === 'write' && verdict.room.kind === 'workspace';
				const wss = writer ? this.#writerWss : this.#wss;
				wss.handleUpgrade(request, socket, head, (ws) => {
					this.#accept(ws, verdict);
				});
			},
			(error: unknown) => {
				this.#options.onError(error);
				refuse(socket, 500, 'server.internal');
			}
		);
	}

	/** Closes every live socket of a user (in one group, or everywhere), e.g. after a role change. */
	disconnectUser(
		userId: string,
		groupId?: string,
		code: number = closeCodes.accessRevoked
	): number {
		let closed = 0;
		for (const connection of this.#connections) {
			if (connection.userId !== userId) continue;
			if (groupId !== undefined && connection.room.groupId !== groupId) continue;
			connection.close(code, 'access changed');
			closed++;
		}
		return closed;
	}

	/** Live connections (for metrics and for re-checking sessions). */
	connections(): ReadonlySet<SyncConnection> {
		return this.#connections;
	}

	/** Closes every socket; rooms are closed by their registry. */
	close(): void {
		clearInterval(this.#sweep);
		clearInterval(this.#heartbeat);
		for (const wss of [this.#wss, this.#writerWss]) {
			for (const client of wss.clients) client.terminate();
			wss.close();
		}
	}

	async #authorize(request: IncomingMessage): Promise<Verdict> {
		const { accounts, clock, registry, allowedOrigins } = this.#options;
		const url = new URL(request.url ?? '/', 'http://localhost');
		const target = parseSyncPath(url.pathname);
		if (!target) return { status: 404, code: 'sync.unknown-path' };
		if (!isAllowedOrigin(request.headers.origin, request.headers.host, allowedOrigins)) {
			return { status: 403, code: 'request.foreign-origin' };
		}
		const session = await sessionFromCookies(accounts, request.headers.cookie, clock.now());
		if (!session) return { status: 401, code: 'auth.required' };
		const { user } = session;
		const access = await groupAccess(accounts, target.groupId, user.id);
		// Unknown and foreign groups look the same, so group ids cannot be probed.
		if (!access) return { status: 404, code: 'group.not-found' };
		const room = await registry.open(target.groupId, target.kind);
		return {
			room,
			userId: user.id,
			identity: { id: user.id, name: user.name, color: colorFor(user.id) },
			sessionEndsIn: session.expiresAt - clock.now(),
			access: access.canWrite ? 'write' : 'read'
		};
	}

	#accept(ws: WebSocket, grant: Grant): void {
		const connection = new SyncConnection({ ws, ...grant, limits: this.#options.limits });
		this.#connections.add(connection);
		grant.room.peers.add(connection);
		ws.on('message', (data, isBinary) => {
			if (!isBinary) return;
			connection.receive(toBytes(data));
		});
		ws.on('error', () => ws.terminate());
		ws.on('pong', () => this.#silent.delete(ws));
		ws.on('close', () => {
			this.#connections.delete(connection);
			this.#sessionEnds.delete(connection);
			grant.room.peers.delete(connection);
			connection.detach();
			this.#options.registry.release(grant.room);
		});
		this.#sessionEnds.set(connection, this.#options.clock.now() + grant.sessionEndsIn);
		connection.start();
	}
}

type Grant = Pick<SyncConnection, 'room' | 'userId' | 'access'> & {
	identity: { id: string; name: string; color: string };
	sessionEndsIn: number;
};
type Verdict = Grant | { status: number; code: string };

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	return data instanceof ArrayBuffer
		? new Uint8Array(data)
		: new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const reasons: Record<number, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error'
};

/** Answers a refused upgrade with a plain HTTP response and closes the socket. */
function refuse(socket: Duplex, status: number, code: string): void {
	if (socket.destroyed) return;
	const body = JSON.stringify({ error: { code } });
	socket.end(
		`HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
}
