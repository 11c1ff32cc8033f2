import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AckTracker, trackingWebSocket, type WebSocketClass } from './ack-tracker.ts';
import { messageAck, messageNotice, type SyncNotice } from './protocol.ts';
import { watchPersistence } from './storage-health.ts';

/** How one document travels: kept in IndexedDB, synced over one websocket. */
export interface DocChannelOptions {
	/** e.g. `ws://localhost:3000/sync/demo-license-groups` without the document suffix */
	url: string;
	room: string;
	/** IndexedDB database name; undefined keeps the document in memory only. */
	storageName: string | undefined;
	/** False for the authority document and for viewers: this client never uploads. */
	writable: boolean;
	WebSocket: WebSocketClass;
}

/**
 * One Y.Doc with its IndexedDB persistence and its y-websocket provider, extended with
 * Tessera's two messages: the durable-write ack (for an honest "pending") and notices.
 */
export class DocChannel {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly persistence: IndexeddbPersistence | undefined;
	readonly tracker = new AckTracker();
	readonly writable: boolean;
	lastSyncedAt: number | undefined;
	onNotice: (notice: SyncNotice) => void = () => {};
	onChange: () => void = () => {};
	readonly #stopWatchingStorage: () => void;
	/** Whether the IndexedDB copy is loaded (or there is none), so the socket may open. */
	#loaded: boolean;
	/** Whether the app wants this document synced (false after `disconnect`, e.g. offline). */
	#wanted = true;
	#destroyed = false;

	constructor(options: DocChannelOptions) {
		this.writable = options.writable;
		this.persistence = options.storageName
			? new IndexeddbPersistence(options.storageName, this.doc)
			: undefined;
		this.#loaded = this.persistence === undefined;
		// A full disk must be reported, not swallowed (y-indexeddb ignores failed writes).
		this.#stopWatchingStorage =
			this.persistence && options.storageName
				? watchPersistence(options.storageName, this.persistence, () =>
						Y.encodeStateAsUpdate(this.doc)
					)
				: () => {};
		this.provider = new WebsocketProvider(options.url, options.room, this.doc, {
			WebSocketPolyfill: trackingWebSocket(options.WebSocket, this.tracker) as typeof WebSocket,
			maxBackoffTime: 5000,
			disableBc: true,
			connect: this.persistence === undefined
		});
		// The counter comes before the provider's handler, so that a change is counted before the
		// provider sends it (the ack of that message must cover the change). A read-only copy never
		// uploads: the server would refuse it anyway.
		const listeners = [
			(_update: Uint8Array, origin: unknown) => {
				if (origin !== this.provider && this.writable) this.tracker.localChange();
			},
			...(this.writable ? [this.provider._updateHandler] : []),
			...(this.persistence ? [this.persistence._storeUpdate] : [])
		];
		this.doc.off('update', this.provider._updateHandler);
		if (this.persistence) {
			this.doc.off('update', this.persistence._storeUpdate);
			this.#startOnceLoaded(this.persistence, listeners);
		} else {
			for (const listener of listeners) this.doc.on('update', listener);
		}
		this.provider.messageHandlers[messageAck] = (_encoder, decoder) => {
			this.tracker.acknowledged(decoding.readVarUint(decoder));
			this.lastSyncedAt = Date.now();
			this.onChange();
		};
		this.provider.messageHandlers[messageNotice] = (_encoder, decoder) => {
			const notice = parseNotice(decoding.readVarString(decoder));
			if (notice) this.onNotice(notice);
		};
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.lastSyncedAt = Date.now();
			this.onChange();
		});
		this.provider.on('status', () => {
			this.onChange();
		});
		this.tracker.onChange(() => {
			this.onChange();
		});
	}

	/**
	 * Listens for updates and connects only once the IndexedDB copy is in the document. Yjs
	 * encodes a transaction as an update whenever anyone listens for updates: loading the copy
	 * with listeners would encode the whole document once more, only for y-indexeddb to skip its
	 * own load and the socket to drop it. And a socket opened before the copy is loaded sends an
	 * empty state vector, so the server answers with the whole document — at 100,000 members
	 * tens of megabytes sent, decoded a second time and stored again on every reload. A database
	 * that cannot be opened holds nothing back.
	 */
	#startOnceLoaded(
		persistence: IndexeddbPersistence,
		listeners: ((update: Uint8Array, origin: unknown) => void)[]
	): void {
		const unusable = persistence._db.then(
			() => new Promise<never>(() => {}),
			() => undefined
		);
		void Promise.race([persistence.whenSynced, unusable]).then(() => {
			if (this.#destroyed) return;
			for (const listener of listeners) this.doc.on('update', listener);
			// The copy may hold changes made offline that the server never stored: pending until
			// the first acknowledged sync, as any local change.
			if (this.writable && this.doc.store.clients.size > 0) this.tracker.localChange();
			this.#loaded = true;
			if (this.#wanted) this.provider.connect();
		});
	}

	/** Whether a connection is being made (or waits for the IndexedDB copy to load first). */
	get connecting(): boolean {
		return this.provider.wsconnecting || (this.#wanted && !this.#loaded);
	}

	/** Starts syncing (at once, or as soon as the IndexedDB copy is loaded). */
	connect(): void {
		this.#wanted = true;
		if (this.#loaded) this.provider.connect();
	}

	/** Stops syncing; the document stays usable and keeps local changes. */
	disconnect(): void {
		this.#wanted = false;
		this.provider.disconnect();
	}

	get awareness(): Awareness {
		return this.provider.awareness;
	}

	get connected(): boolean {
		return this.provider.wsconnected;
	}

	get synced(): boolean {
		return this.provider.synced;
	}

	/** Resolves when the IndexedDB copy (if any) has been loaded into the document. */
	async whenLoaded(): Promise<void> {
		if (this.persistence) await this.persistence.whenSynced;
	}

	destroy(): void {
		this.#destroyed = true;
		this.#stopWatchingStorage();
		this.provider.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}
}

function parseNotice(text: string): SyncNotice | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		if (
			typeof value === 'object' &&
			value !== null &&
			typeof (value as SyncNotice).code === 'string'
		) {
			return value as SyncNotice;
		}
	} catch {
		// A notice we cannot read is not worth interrupting the user for.
	}
	return undefined;
}
