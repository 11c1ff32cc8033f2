import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageSync } from '../../../src/lib/sync/protocol.ts';
import { failureOf, frameBytes, openSocket } from '../../clients/socket.ts';

/** Transaction origin of what the server sent, to tell it from this client's own writes. */
const fromServer = Symbol('from-server');

/**
 * One document over y-websocket's sync protocol, as the app's provider speaks it: sync step 1
 * and 2, then updates both ways. Local changes go out at once; the server's changes are applied
 * with `fromServer` as origin. Awareness, acks and notices are ignored.
 */
export class DocClient {
	readonly doc = new Y.Doc();
	/** Resolves once the server's sync step 2 has been applied. */
	readonly synced: Promise<void>;
	readonly #socket: WebSocket;

	constructor(url: string, headers: Record<string, string>) {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === fromServer) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeUpdate(encoder, update);
			this.#send(encoding.toUint8Array(encoder));
		});
		const socket = openSocket(url, headers);
		this.#socket = socket;
		const synced = new Promise<void>((resolve) => {
			socket.on('message', (data) => {
				if (this.#receive(frameBytes(data)) === syncProtocol.messageYjsSyncStep2) resolve();
			});
		});
		socket.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeSyncStep1(encoder, this.doc);
			this.#send(encoding.toUint8Array(encoder));
		});
		socket.on('error', () => {});
		this.synced = Promise.race([synced, failureOf(socket)]);
	}

	close(): void {
		this.#socket.terminate();
		this.doc.destroy();
	}

	#send(message: Uint8Array): void {
		if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(message);
	}

	#receive(data: Uint8Array): number | undefined {
		const decoder = decoding.createDecoder(data);
		if (decoding.readVarUint(decoder) !== messageSync) return undefined;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		const type = syncProtocol.readSyncMessage(decoder, encoder, this.doc, fromServer);
		if (encoding.length(encoder) > 1) this.#send(encoding.toUint8Array(encoder));
		return type;
	}
}
