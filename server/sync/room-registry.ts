import * as Y from 'yjs';
import { documentName, type DocumentKind } from '../../src/lib/sync/protocol.ts';
import type { AuthorityCommit, DocumentStore } from '../storage/types.ts';
import { Room } from './room.ts';
import type { UpdateWriter } from './update-writer.ts';

export interface RoomRegistryOptions {
	store: DocumentStore;
	writer: UpdateWriter;
	/** The authority's atomic commit (ledger events + document update). */
	commit: (commit: AuthorityCommit) => Promise<void>;
	/** A room with no peers and no pins is unloaded after this long. */
	idleUnloadMs: number;
	/** Stored updates of one document beyond which it is compacted into a snapshot. */
	compactAfterUpdates: number;
	/** Fresh Yjs client ids one user may start writing with per hour (see `Room.claim`). */
	newClientIdsPerHour?: number;
	onError: (error: unknown) => void;
}

/**
 * The loaded rooms. Concurrent opens of one document share a single load, so a document is
 * never loaded twice; idle rooms are unloaded only after their writes are stored.
 */
export class RoomRegistry {
	readonly #options: RoomRegistryOptions;
	readonly #rooms = new Map<string, Room>();
	readonly #loading = new Map<string, Promise<Room>>();
	readonly #unloadTimers = new Map<string, NodeJS.Timeout>();
	readonly #loadListeners = new Set<(room: Room) => void>();

	constructor(options: RoomRegistryOptions) {
		this.#options = options;
		options.writer.onFlushed = (names) => {
			for (const name of names) this.#compactIfLarge(name);
		};
	}

	/** The room of a group's document, loading it from storage when needed. */
	open(groupId: string, kind: DocumentKind): Promise<Room> {
		const name = documentName(groupId, kind);
		this.#cancelUnload(name);
		const loaded = this.#rooms.get(name);
		if (loaded) return Promise.resolve(loaded);
		const pending = this.#loading.get(name);
		if (pending) return pending;
		const { store, writer, commit } = this.#options;
		const load = Promise.all([store.loadDocument(name), store.clientOwners(name)]).then(
			([stored, owners]) => {
				const room = new Room({
					name,
					groupId,
					kind,
					stored,
					owners,
					writer,
					commit,
					...(this.#options.newClientIdsPerHour === undefined
						? {}
						: { newClientIdsPerHour: this.#options.newClientIdsPerHour }),
					onBroken: (broken) => {
						this.#options.onError(
							new Error(`${broken.name}: a malformed update broke Yjs' clean-up; reloading`)
						);
						this.evict(broken);
					}
				});
				this.#rooms.set(name, room);
				this.#loading.delete(name);
				for (const listener of this.#loadListeners) listener(room);
				return room;
			},
			(error: unknown) => {
				this.#loading.delete(name);
				throw error;
			}
		);
		this.#loading.set(name, load);
		return load;
	}

	/** Calls `listener` for every room loaded from now on (the authority watches workspaces). */
	onLoad(listener: (room: Room) => void): () => void {
		this.#loadListeners.add(listener);
		return () => this.#loadListeners.delete(listener);
	}

	/**
	 * Drops a room whose memory may be ahead of storage (a failed authority commit): its peers
	 * are disconnected and resync from what is stored when they come back.
	 */
	evict(room: Room): void {
		if (this.#rooms.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		this.#cancelUnload(room.name);
		for (const peer of room.peers) peer.close(1011, 'document reloaded');
		room.destroy();
	}

	/** A loaded room, if any (for tests and metrics). */
	get(groupId: string, kind: DocumentKind): Room | undefined {
		return this.#rooms.get(documentName(groupId, kind));
	}

	get size(): number {
		return this.#rooms.size;
	}

	/** Every loaded room (for closing a user's sockets, metrics, shutdown). */
	rooms(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	/** Called when a peer leaves or a pin is released: schedules the unload of an idle room. */
	release(room: Room): void {
		if (room.peers.size > 0 || room.pins > 0 || this.#unloadTimers.has(room.name)) return;
		const timer = setTimeout(() => {
			this.#unloadTimers.delete(room.name);
			void this.#unload(room);
		}, this.#options.idleUnloadMs);
		timer.unref();
		this.#unloadTimers.set(room.name, timer);
	}

	/** Stores everything pending and unloads every room (shutdown). */
	async closeAll(): Promise<void> {
		for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
		this.#unloadTimers.clear();
		await this.#options.writer.drain();
		for (const room of this.#rooms.values()) room.destroy();
		this.#rooms.clear();
	}

	async #unload(room: Room): Promise<void> {
		// Its updates must be stored before the in-memory copy goes, or a reload would miss them.
		await this.#options.writer.drain();
		if (room.peers.size > 0 || room.pins > 0 || this.#rooms.get(room.name) !== room) return;
		this.#rooms.delete(room.name);
		room.destroy();
	}

	#cancelUnload(name: string): void {
		const timer = this.#unloadTimers.get(name);
		if (timer) clearTimeout(timer);
		this.#unloadTimers.delete(name);
	}

	#compactIfLarge(name: string): void {
		const room = this.#rooms.get(name);
		if (!room || room.storedUpdates <= this.#options.compactAfterUpdates) return;
		const snapshot = Y.encodeStateAsUpdate(room.doc);
		const [updatesBefore, bytesBefore] = [room.storedUpdates, room.storedBytes];
		this.#options.store.compactDocument(name, snapshot).then(
			() => {
				// Updates queued while compacting are stored after the snapshot: keep counting them.
				room.storedUpdates = 1 + room.storedUpdates - updatesBefore;
				room.storedBytes = snapshot.byteLength + room.storedBytes - bytesBefore;
			},
			(error: unknown) => {
				this.#options.onError(error);
			}
		);
	}
}
