import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	messageAck,
	messageAwareness,
	messageNotice,
	messageQueryAwareness,
	messageSync,
	type SyncNoticeCode
} from '../../src/lib/sync/protocol.ts';
import { rewriteAwareness, type PresenceIdentity } from './awareness-identity.ts';
import type { Applying, Room, RoomOrigin, RoomPeer } from './room.ts';

/**
 * The part of a websocket the sync core uses (Hocuspocus' WebSocketLike): the server hands it
 * a `ws` socket; the reliability simulation hands it an in-memory one.
 */
export interface SocketLike {
	readonly readyState: number;
	readonly OPEN: number;
	readonly bufferedAmount: number;
	send(data: Uint8Array): void;
	close(code?: number, reason?: string): void;
}

/** What a connection may do with its document, decided at the upgrade. */
export type Access = 'write' | 'read';

export interface ConnectionLimits {
	maxDocumentBytes: number;
	/** A peer that lets this much outgoing data pile up is disconnected (it will resync). */
	maxBufferedBytes: number;
}

/**
 * The Yjs client ids whose structs in `update` are new to `doc`. A client relays other people's
 * structs the server already has — a sync reply computed against an older state vector carries
 * them, and so does one that echoes structs the server holds pending (Yjs sends pending structs
 * along in its own sync replies) — and those say nothing about who wrote what now.
 */
function writersOf(update: Uint8Array, doc: Y.Doc): number[] {
	const pendingUpdate = doc.store.pendingStructs?.update;
	const pending = pendingUpdate ? Y.parseUpdateMeta(pendingUpdate).to : undefined;
	const known = (client: number) =>
		Math.max(Y.getState(doc.store, client), pending?.get(client) ?? 0);
	const { to } = Y.parseUpdateMeta(update);
	return [...to].filter(([client, clock]) => clock > known(client)).map(([client]) => client);
}

/** The update minus every struct of the given clients (its deletions are kept). */
function withoutClients(update: Uint8Array, clients: readonly number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, clients.length);
	for (const client of clients) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, Number.MAX_SAFE_INTEGER);
	}
	return Y.diffUpdate(update, encoding.toUint8Array(encoder));
}

/** An update with no structs and no deletions: what a client sends when it has nothing new. */
const isEmptyUpdate = (update: Uint8Array) =>
	update.byteLength <= 2 && update.every((b) => b === 0);

/**
 * One client's websocket on one room. It speaks y-websocket's protocol, refuses writes the
 * access does not allow (never applied, relayed or stored), stamps presence with the session's
 * identity, and acknowledges sync messages once what they wrote is durable.
 */
export class SyncConnection implements RoomPeer {
	readonly userId: string;
	readonly room: Room;
	readonly access: Access;
	readonly #ws: SocketLike;
	readonly #identity: PresenceIdentity;
	readonly #limits: ConnectionLimits;
	readonly #origin: RoomOrigin;
	readonly #awarenessClients = new Set<number>();
	/** Sync messages received so far; the n-th message has index n. */
	#received = 0;
	/** Indices of messages whose writes are queued but not yet stored, oldest first. */
	readonly #pendingWrites: number[] = [];
	/** The first message whose write was refused: acks never pass it, the client keeps it. */
	#refusedIndex = Infinity;
	#acked = 0;
	/** The largest message sent so far (the first sync of a big document): see `send`. */
	#largestSent = 0;
	/** Read by the room while an update of ours is applied (see {@link Applying}). */
	applying: Applying = { index: 0, newClients: [] };

	constructor(options: {
		ws: SocketLike;
		room: Room;
		userId: string;
		identity: PresenceIdentity;
		access: Access;
		limits: ConnectionLimits;
	}) {
		this.#ws = options.ws;
		this.room = options.room;
		this.userId = options.userId;
		this.#identity = options.identity;
		this.access = options.access;
		this.#limits = options.limits;
		this.#origin = { kind: 'peer', peer: this };
	}

	/** Greets the client: ask for what it has that we lack (writers only), and show who is here. */
	start(): void {
		if (this.access === 'write' && this.room.kind === 'workspace') {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeSyncStep1(encoder, this.room.doc);
			this.send(encoding.toUint8Array(encoder));
		}
		this.#sendAwarenessStates();
	}

	/** Handles one binary message; malformed input is reported to the client and ignored. */
	receive(data: Uint8Array): void {
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			if (type === messageSync) this.#onSync(decoder);
			else if (type === messageAwareness) this.#onAwareness(decoding.readVarUint8Array(decoder));
			else if (type === messageQueryAwareness) this.#sendAwarenessStates();
			// Anything else (auth, unknown types) carries nothing a client may ask of us.
		} catch {
			this.notify('sync.malformed-message');
		}
	}

	send(message: Uint8Array): void {
		if (this.#ws.readyState !== this.#ws.OPEN) return;
		// A peer this far behind is better served by a fresh sync than by an ever-growing queue.
		// The allowance includes the largest message it was sent: the whole of a large document,
		// still flushing to a slow link, is not a peer falling behind (a 100,000-member group's
		// authority document is larger than the cap by itself).
		if (this.#ws.bufferedAmount > this.#limits.maxBufferedBytes + this.#largestSent) {
			this.#ws.close(1013, 'too far behind');
			return;
		}
		this.#largestSent = Math.max(this.#largestSent, message.byteLength);
		this.#ws.send(message);
	}

	notify(code: SyncNoticeCode): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageNotice);
		encoding.writeVarString(encoder, JSON.stringify({ code }));
		this.send(encoding.toUint8Array(encoder));
	}

	writesDurableThrough(index: number): void {
		while (this.#pendingWrites.length > 0 && (this.#pendingWrites[0] ?? Infinity) <= index) {
			this.#pendingWrites.shift();
		}
		this.#acknowledge();
	}

	/** Forgets this connection's presence when it closes. */
	detach(): void {
		if (this.room.awareness && this.#awarenessClients.size > 0) {
			awarenessProtocol.removeAwarenessStates(
				this.room.awareness,
				[...this.#awarenessClients],
				this.#origin
			);
		}
	}

	close(code: number, reason: string): void {
		this.#ws.close(code, reason);
	}

	#onSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		const index = ++this.#received;
		if (syncType === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
			encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.room.doc, stateVector));
			this.send(encoding.toUint8Array(encoder));
		} else if (
			syncType === syncProtocol.messageYjsSyncStep2 ||
			syncType === syncProtocol.messageYjsUpdate
		) {
			this.#onUpdate(decoding.readVarUint8Array(decoder), index);
		} else {
			this.notify('sync.malformed-message');
		}
		this.#acknowledge();
	}

	#onUpdate(update: Uint8Array, index: number): void {
		if (isEmptyUpdate(update)) return;
		if (this.access === 'read' || this.room.kind === 'authority') {
			this.#refuse(
				index,
				this.room.kind === 'authority' ? 'sync.read-only-document' : 'sync.read-only-role'
			);
			return;
		}
		if (this.room.storedBytes + update.byteLength > this.#limits.maxDocumentBytes) {
			this.#refuse(index, 'sync.document-too-large');
			return;
		}
		let claim: ReturnType<Room['claim']>;
		try {
			claim = this.room.claim(writersOf(update, this.room.doc), this.userId, Date.now());
		} catch {
			this.notify('sync.malformed-message');
			return;
		}
		// Structs under another user's client id are dropped: a forgery never lands, and a relay
		// of someone else's unsent work reaches the server from its author instead.
		const dropped = [...claim.foreign, ...claim.overBudget];
		const accepted = dropped.length > 0 ? withoutClients(update, dropped) : update;
		if (claim.foreign.length > 0) this.notify('sync.foreign-client-id');
		if (claim.overBudget.length > 0) this.notify('sync.too-many-clients');
		this.applying = { index, newClients: claim.newClients };
		const queuedBefore = this.room.storedUpdates;
		try {
			Y.applyUpdate(this.room.doc, accepted, this.#origin);
		} catch {
			this.notify('sync.malformed-message');
		} finally {
			this.applying = { index: 0, newClients: [] };
		}
		this.room.checkHealth();
		// Only a message that actually changed the document waits for storage before its ack.
		if (this.room.storedUpdates !== queuedBefore) this.#pendingWrites.push(index);
	}

	#refuse(index: number, code: SyncNoticeCode): void {
		this.#refusedIndex = Math.min(this.#refusedIndex, index);
		this.notify(code);
	}

	#acknowledge(): void {
		const firstPending = this.#pendingWrites[0] ?? Infinity;
		const through = Math.min(this.#received, firstPending - 1, this.#refusedIndex - 1);
		if (through <= this.#acked) return;
		this.#acked = through;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageAck);
		encoding.writeVarUint(encoder, through);
		this.send(encoding.toUint8Array(encoder));
	}

	#onAwareness(update: Uint8Array): void {
		const awareness = this.room.awareness;
		if (!awareness) return;
		const rewritten = rewriteAwareness(update, this.#identity, (clientId) =>
			this.#ownedByOther(clientId)
		);
		if (!rewritten) {
			this.notify('sync.malformed-message');
			return;
		}
		for (const clientId of rewritten.clientIds) this.#awarenessClients.add(clientId);
		awarenessProtocol.applyAwarenessUpdate(awareness, rewritten.update, this.#origin);
	}

	#ownedByOther(clientId: number): boolean {
		for (const peer of this.room.peers) {
			if (peer !== this && peer instanceof SyncConnection && peer.#awarenessClients.has(clientId)) {
				return true;
			}
		}
		return false;
	}

	#sendAwarenessStates(): void {
		const awareness = this.room.awareness;
		if (!awareness || awareness.getStates().size === 0) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageAwareness);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()])
		);
		this.send(encoding.toUint8Array(encoder));
	}
}
