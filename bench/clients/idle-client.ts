import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { failureOf, frameBytes, openSocket } from './socket.ts';

const messageSync = 0;

/** The two handshake messages of a client whose document is empty, encoded once for all. */
const [emptyStep1, emptyStep2] = (() => {
	const doc = new Y.Doc();
	const step1 = encoding.createEncoder();
	encoding.writeVarUint(step1, messageSync);
	syncProtocol.writeSyncStep1(step1, doc);
	const step2 = encoding.createEncoder();
	encoding.writeVarUint(step2, messageSync);
	syncProtocol.writeSyncStep2(step2, doc);
	doc.destroy();
	return [encoding.toUint8Array(step1), encoding.toUint8Array(step2)];
})();

/**
 * An idle client: it completes y-websocket's handshake as a client with an empty document would
 * (its step 1, and its step 2 in answer to the server's step 1), then only keeps the socket
 * open. It holds no Y.Doc, so that ten thousand of them measure the server, not this process.
 */
export function openIdleSocket(
	url: string,
	headers: Record<string, string>
): { socket: WebSocket; synced: Promise<void> } {
	const socket = openSocket(url, headers);
	const synced = new Promise<void>((resolve) => {
		socket.on('message', (data) => {
			const bytes = frameBytes(data);
			if (bytes[0] !== messageSync) return;
			if (bytes[1] === syncProtocol.messageYjsSyncStep1) socket.send(emptyStep2);
			else if (bytes[1] === syncProtocol.messageYjsSyncStep2) resolve();
		});
	});
	socket.once('open', () => {
		socket.send(emptyStep1);
	});
	socket.on('error', () => {});
	return { socket, synced: Promise.race([synced, failureOf(socket)]) };
}
