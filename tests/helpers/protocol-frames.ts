import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageNotice, messageSync, type SyncNotice } from '../../src/lib/sync/protocol.ts';

/** A y-websocket "sync update" frame carrying a Yjs update. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** The notice a frame carries, or undefined for any other frame. */
export function decodeNotice(frame: Uint8Array): SyncNotice | undefined {
	const decoder = decoding.createDecoder(frame);
	if (decoding.readVarUint(decoder) !== messageNotice) return undefined;
	return JSON.parse(decoding.readVarString(decoder)) as SyncNotice;
}
