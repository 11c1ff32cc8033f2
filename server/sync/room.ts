import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageAwareness, messageSync, type DocumentKind } from '../../src/lib/sync/protocol.ts';
import type { UpdateWriter, WriteOwner } from './update-writer.ts';

/** One peer of a room: what a room needs from a connection. */
export interface RoomPeer extends WriteOwner {
	send(message: Uint8Array): void;
	/** The sync-message index being applied right now, for the durable-write acknowledgement. */
	readonly applyingIndex: number;
}

/**
 * Where a change to a room's document came from (STYLE.md: origins as a discriminated union),
 * so that persistence and fan-out can tell a client's write from the server's own.
 */
export type RoomOrigin = { kind: 'peer'; peer: RoomPeer } | { kind: 'server'; reason: string };

/**
 * A loaded document with its connected peers. Every change, whoever made it, is queued for
 * storage and sent to every peer except the one it came from, encoded once.
 */
export class Room {
	readonly name: string;
	readonly groupId: string;
	readonly kind: DocumentKind;
	readonly doc = new Y.Doc({ gc: true });
	/** Presence lives on the workspace only; the authority document has no awareness. */
	readonly awareness: awarenessProtocol.Awareness | undefined;
	readonly peers = new Set<RoomPeer>();
	/** Bytes stored for this document since its last compaction, for the size cap. */
	storedBytes = 0;
	storedUpdates = 0;
	/** Reasons to keep the room loaded without peers (e.g. the authority is processing it). */
	pins = 0;
	readonly #writer: UpdateWriter;

	constructor(options: {
		name: string;
		groupId: string;
		kind: DocumentKind;
		stored: readonly Uint8Array[];
		writer: UpdateWriter;
	}) {
		this.name = options.name;
		this.groupId = options.groupId;
		this.kind = options.kind;
		this.#writer = options.writer;
		for (const update of options.stored) {
			Y.applyUpdate(this.doc, update, { kind: 'server', reason: 'load' } satisfies RoomOrigin);
			this.storedBytes += update.byteLength;
		}
		this.storedUpdates = options.stored.length;
		this.doc.on('update', this.#onUpdate);
		if (this.kind === 'workspace') {
			this.awareness = new awarenessProtocol.Awareness(this.doc);
			// The server is not a participant: without this it would appear as an empty avatar.
			this.awareness.setLocalState(null);
			this.awareness.on('update', this.#onAwarenessUpdate);
		}
	}

	/** Applies a change made by the server itself (the authority), persisted and fanned out. */
	transactAsServer(reason: string, change: (doc: Y.Doc) => void): void {
		this.doc.transact(
			() => {
				change(this.doc);
			},
			{ kind: 'server', reason } satisfies RoomOrigin
		);
	}

	/** Sends a message to every peer but one. */
	broadcast(message: Uint8Array, except?: RoomPeer): void {
		for (const peer of this.peers) if (peer !== except) peer.send(message);
	}

	destroy(): void {
		this.doc.off('update', this.#onUpdate);
		this.awareness?.destroy();
		this.doc.destroy();
	}

	readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
		const peer = isPeerOrigin(origin) ? origin.peer : undefined;
		this.storedBytes += update.byteLength;
		this.storedUpdates += 1;
		this.#writer.enqueue(this.name, update, peer, peer?.applyingIndex ?? 0);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.writeUpdate(encoder, update);
		this.broadcast(encoding.toUint8Array(encoder), peer);
	};

	readonly #onAwarenessUpdate = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		if (!this.awareness) return;
		const changed = change.added.concat(change.updated, change.removed);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageAwareness);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
		);
		this.broadcast(encoding.toUint8Array(encoder), isPeerOrigin(origin) ? origin.peer : undefined);
	};
}

function isPeerOrigin(origin: unknown): origin is { kind: 'peer'; peer: RoomPeer } {
	return (
		typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'peer'
	);
}
