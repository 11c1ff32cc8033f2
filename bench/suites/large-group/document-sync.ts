import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { failureOf, frameBytes, openSocket } from '../../clients/socket.ts';

/** y-websocket's message type of sync messages (awareness, acks and notices are ignored). */
const messageSync = 0;

/** What one fresh client's first sync of a document cost. */
export interface FirstSync {
	/** From asking for the socket to the server's sync step 2 applied here. */
	ms: number;
	/** The document as the server sent it (`Y.encodeStateAsUpdate` of the synced copy). */
	bytes: number;
	/** Of the largest message received (the step 2 holds the whole document). */
	largestMessageBytes: number;
}

/**
 * Syncs an empty Y.Doc with one of the server's documents over y-websocket's protocol, as a
 * browser without an IndexedDB copy does, and closes the socket.
 */
export async function firstSync(url: string, headers: Record<string, string>): Promise<FirstSync> {
	const doc = new Y.Doc();
	const started = performance.now();
	const socket = openSocket(url, headers);
	let largest = 0;
	try {
		const synced = new Promise<number>((resolve) => {
			socket.on('message', (data) => {
				const bytes = frameBytes(data);
				largest = Math.max(largest, bytes.byteLength);
				const decoder = decoding.createDecoder(bytes);
				if (decoding.readVarUint(decoder) !== messageSync) return;
				const reply = encoding.createEncoder();
				encoding.writeVarUint(reply, messageSync);
				const type = syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
				if (type === syncProtocol.messageYjsSyncStep2) resolve(performance.now());
			});
		});
		socket.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeSyncStep1(encoder, doc);
			socket.send(encoding.toUint8Array(encoder));
		});
		const syncedAt = await Promise.race([synced, failureOf(socket)]);
		return {
			ms: syncedAt - started,
			bytes: Y.encodeStateAsUpdate(doc).byteLength,
			largestMessageBytes: largest
		};
	} finally {
		socket.terminate();
		doc.destroy();
	}
}
