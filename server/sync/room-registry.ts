import * as Y from 'yjs';
import { documentName, type DocumentKind } from '../../src/lib/sync/protocol.ts';
import type { DocumentStore } from '../storage/types.ts';
import { Room } from './room.ts';
import type { UpdateWriter } from './update-writer.ts';

export interface RoomRegistryOptions {
	store: DocumentStore;
	writer: UpdateWriter;
	/** A room with no peers and no pins is unloaded after this long. */
	idleUnloadMs: number;
	/** Stored updates of one document beyond which it is compacted into a snapshot. */
	compactAfterUpdates: number;
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
		const load = this.#options.store.loadDocument(name).then(
			(stored) => {
				const room = new Room({ name, groupId, kind, stored, writer: this.#options.writer });
				this.#rooms.set(name, room);
				this.#loading.delete(name);
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
