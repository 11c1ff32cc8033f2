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

	constructor(options: DocChannelOptions) {
		this.writable = options.writable;
		// Registered before the provider's own handler, so that a change is counted before the
		// provider sends it (the ack of that message must cover the change).
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin !== this.provider && this.writable) this.tracker.localChange();
		});
		this.persistence = options.storageName
			? new IndexeddbPersistence(options.storageName, this.doc)
			: undefined;
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
			disableBc: true
		});
		if (!options.writable) {
			// A read-only copy never uploads: the server would refuse it anyway.
			this.doc.off('update', this.provider._updateHandler);
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
