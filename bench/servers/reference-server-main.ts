/**
 * The reference server: y-websocket 2.x's own server (`bin/server.cjs`), reproduced line for line
 * with the same `ws` it ships with and its `setupWSConnection`, except that it listens on the port
 * given in PORT (0: any free port, printed once listening) on every interface, as Tessera does.
 * Persistence stays off (YPERSISTENCE unset), which is its default.
 *
 * Run by the benchmark in its own process: `node bench/servers/reference-server-main.ts`.
 */

import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** The parts of ws 6's server that y-websocket's `bin/server.cjs` uses. */
interface WebSocketServerLike {
	handleUpgrade(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		callback: (ws: unknown) => void
	): void;
	on(event: 'connection', listener: (ws: unknown, request: IncomingMessage) => void): void;
	emit(event: 'connection', ws: unknown, request: IncomingMessage): boolean;
}

// Its persistence is chosen when utils.cjs is loaded: make sure it stays off.
delete process.env.YPERSISTENCE;

// Resolve from inside the installed package, so that `ws` is the one y-websocket itself uses.
const requireFromReference = createRequire(
	createRequire(import.meta.url).resolve('y-websocket-ref/bin/utils')
);
const { Server } = requireFromReference('ws') as {
	Server: new (options: { noServer: true }) => WebSocketServerLike;
};
const { setupWSConnection } = requireFromReference('./utils.cjs') as {
	setupWSConnection: (ws: unknown, request: IncomingMessage) => void;
};

const wss = new Server({ noServer: true });
const server = createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/plain' });
	response.end('okay');
});

wss.on('connection', setupWSConnection);

server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		wss.emit('connection', ws, request);
	});
});

server.listen(Number(process.env.PORT ?? 0), () => {
	console.log(
		`reference y-websocket server listening on port ${(server.address() as AddressInfo).port}`
	);
});

process.once('SIGTERM', () => process.exit(0));
