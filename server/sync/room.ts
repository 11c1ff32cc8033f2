import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageAwareness, messageSync, type DocumentKind } from '../../src/lib/sync/protocol.ts';
import type {
	AuthorityCommit,
	IdempotencyRecord,
	OutboxRecord,
	StoredLedgerEvent
} from '../storage/types.ts';
import type { UpdateWriter, WriteOwner } from './update-writer.ts';

/** What a peer is applying right now: its message index (for the ack) and new client ids. */
export interface Applying {
	index: number;
	newClients: { clientId: number; userId: string }[];
}

/** One peer of a room: what a room needs from a connection. */
export interface RoomPeer extends WriteOwner {
	readonly userId: string;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
	readonly applying: Applying;
}

/**
 * Where a change to a room's document came from (STYLE.md: origins as a discriminated union),
 * so that persistence and fan-out can tell a client's write from the server's own.
 */
export type RoomOrigin = { kind: 'peer'; peer: RoomPeer } | { kind: 'server'; reason: string };

export interface RoomOptions {
	name: string;
	groupId: string;
	kind: DocumentKind;
	stored: readonly Uint8Array[];
	/** Yjs client id → the user who writes with it (workspace authorship). */
	owners: Map<number, string>;
	writer: UpdateWriter;
	/** Stores the authority's changes with their ledger events, atomically. */
	commit: (commit: AuthorityCommit) => Promise<void>;
	/** New Yjs client ids one user may start writing with per hour (see `claim`). */
	newClientIdsPerHour?: number;
	/** The room can no longer store or relay anything and must be reloaded (see `checkHealth`). */
	onBroken?: (room: Room) => void;
}

const hourMs = 60 * 60 * 1000;

/**
 * A loaded document with its connected peers.
 *
 * Workspace changes from peers are broadcast at once and stored in the next batch: the peer that
 * sent them keeps them (and shows them pending) until the ack, so a crash loses nothing anyone
 * holds. The authority's own changes are the opposite: stored first, with their ledger events,
 * and only then shown to anyone — a client must never see a decision the server could forget.
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
	readonly #owners: Map<number, string>;
	/**
	 * A person opens a new Yjs client id per page load, a few an hour. Thousands of fresh ids are
	 * an attack on Yjs' concurrent-insert resolution (each new concurrent sibling scans the
	 * others), so fresh ids are budgeted per user and hour.
	 */
	readonly #newClientIdsPerHour: number;
	readonly #claims = new Map<string, number[]>();
	readonly #writer: UpdateWriter;
	readonly #commit: (commit: AuthorityCommit) => Promise<void>;
	/** While the authority commits, the updates its transaction produced. */
	#captured: Uint8Array[] | undefined;
	readonly #onBroken: ((room: Room) => void) | undefined;

	constructor(options: RoomOptions) {
		this.name = options.name;
		this.groupId = options.groupId;
		this.kind = options.kind;
		this.#owners = options.owners;
		this.#newClientIdsPerHour = options.newClientIdsPerHour ?? 120;
		this.#writer = options.writer;
		this.#commit = options.commit;
		this.#onBroken = options.onBroken;
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

	/**
	 * Called after a peer's update was applied. A malformed update can make Yjs throw inside its
	 * clean-up after part of it was integrated; Yjs then never cleans up again, so no later
	 * change emits an update (nothing would be stored or relayed) and every later transaction
	 * stays in memory (found by the long C4 sweep: +2.4 KB per message, for good). Such a room
	 * is reloaded from storage: what the broken update integrated was never stored, and the
	 * peers resync.
	 */
	checkHealth(): void {
		const broken = this.doc._transaction === null && this.doc._transactionCleanups.length > 0;
		if (broken) this.#onBroken?.(this);
	}

	/** The user who writes with a Yjs client id, if any has yet. */
	ownerOf(clientId: number): string | undefined {
		return this.#owners.get(clientId);
	}

	/**
	 * Claims the unowned client ids for a user before applying their update, and names the ones
	 * that belong to someone else: a client may not write in someone else's name.
	 */
	claim(
		clientIds: Iterable<number>,
		userId: string,
		now: number
	): { newClients: Applying['newClients']; foreign: number[]; overBudget: number[] } {
		const newClients: Applying['newClients'] = [];
		const foreign: number[] = [];
		const overBudget: number[] = [];
		const recent = (this.#claims.get(userId) ?? []).filter((at) => at > now - hourMs);
		for (const clientId of clientIds) {
			const owner = this.#owners.get(clientId);
			if (owner !== undefined) {
				if (owner !== userId) foreign.push(clientId);
			} else if (recent.length >= this.#newClientIdsPerHour) {
				overBudget.push(clientId);
			} else {
				recent.push(now);
				newClients.push({ clientId, userId });
			}
		}
		this.#claims.set(userId, recent);
		for (const entry of newClients) this.#owners.set(entry.clientId, entry.userId);
		return { newClients, foreign, overBudget };
	}

	/**
	 * The authority changes its document: the change and its ledger events are committed
	 * durably and atomically, and only then sent to the peers. Rejects when the commit fails;
	 * the room must then be discarded, since memory is ahead of storage.
	 */
	async commitAsServer(
		reason: string,
		change: (doc: Y.Doc) => void,
		ledger: readonly StoredLedgerEvent[] = [],
		emails: readonly OutboxRecord[] = [],
		idempotency?: IdempotencyRecord
	): Promise<void> {
		const captured: Uint8Array[] = [];
		this.#captured = captured;
		try {
			this.doc.transact(
				() => {
					change(this.doc);
				},
				{ kind: 'server', reason } satisfies RoomOrigin
			);
		} finally {
			this.#captured = undefined;
		}
		const empty = captured.length === 0 && ledger.length === 0 && emails.length === 0;
		if (empty && !idempotency) return;
		const update = captured.length === 1 ? (captured[0] as Uint8Array) : Y.mergeUpdates(captured);
		await this.#commit({
			ledger,
			documents: captured.length > 0 ? [{ name: this.name, update }] : [],
			emails,
			...(idempotency ? { idempotency } : {})
		});
		if (captured.length === 0) return;
		this.storedBytes += update.byteLength;
		this.storedUpdates += 1;
		this.broadcast(syncUpdateMessage(update));
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
		if (this.#captured) {
			this.#captured.push(update);
			return;
		}
		const peer = isPeerOrigin(origin) ? origin.peer : undefined;
		this.storedBytes += update.byteLength;
		this.storedUpdates += 1;
		const applying = peer?.applying;
		this.#writer.enqueue(
			{ name: this.name, update, newClients: applying?.newClients ?? [] },
			peer,
			applying?.index ?? 0
		);
		this.broadcast(syncUpdateMessage(update), peer);
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

function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

function isPeerOrigin(origin: unknown): origin is { kind: 'peer'; peer: RoomPeer } {
	return (
		typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'peer'
	);
}
