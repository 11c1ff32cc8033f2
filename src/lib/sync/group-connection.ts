import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { WebSocketClass } from './ack-tracker.ts';
import { DocChannel } from './doc-channel.ts';
import type { SyncNotice } from './protocol.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** What the sync indicator shows (DESIGN: "the UI always shows what is still pending"). */
export interface SyncStatus {
	connection: ConnectionState;
	/** Local changes the server has not stored yet. */
	pending: boolean;
	/** When the server last confirmed our state, in epoch ms. */
	lastSyncedAt: number | undefined;
}

export interface GroupConnectionOptions {
	/** The server's websocket base, e.g. `ws://localhost:3000` (no trailing slash). */
	serverUrl: string;
	groupId: string;
	/** Keeps each user's copy apart in a shared browser. */
	userId: string;
	/** Admins write the workspace; viewers only read it. */
	canWrite: boolean;
	/** Keep both documents in IndexedDB (default true). */
	persist?: boolean;
	WebSocket?: WebSocketClass;
}

/**
 * A license group's two documents, as this client holds them: the workspace it writes and the
 * authority document only the server writes (DESIGN.md, "The documents").
 */
export class GroupConnection {
	readonly groupId: string;
	readonly #workspace: DocChannel;
	readonly #authority: DocChannel;
	readonly #listeners = new Set<() => void>();
	readonly #noticeListeners = new Set<(notice: SyncNotice) => void>();

	constructor(options: GroupConnectionOptions) {
		this.groupId = options.groupId;
		const persist = options.persist ?? true;
		const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
		const base = `${options.serverUrl}/sync`;
		const storage = (kind: string) =>
			persist ? `tessera/${options.userId}/${options.groupId}/${kind}` : undefined;
		this.#workspace = new DocChannel({
			url: base,
			room: options.groupId,
			storageName: storage('workspace'),
			writable: options.canWrite,
			WebSocket: WebSocketImpl
		});
		this.#authority = new DocChannel({
			url: base,
			room: `${options.groupId}/authority`,
			storageName: storage('authority'),
			writable: false,
			WebSocket: WebSocketImpl
		});
		for (const channel of [this.#workspace, this.#authority]) {
			channel.onChange = () => {
				for (const listener of this.#listeners) listener();
			};
			channel.onNotice = (notice) => {
				for (const listener of this.#noticeListeners) listener(notice);
			};
		}
	}

	get workspace(): Y.Doc {
		return this.#workspace.doc;
	}

	get authority(): Y.Doc {
		return this.#authority.doc;
	}

	/** Presence of the admins working on this group (workspace awareness). */
	get awareness(): Awareness {
		return this.#workspace.awareness;
	}

	get status(): SyncStatus {
		const channels = [this.#workspace, this.#authority];
		const connected = channels.every((channel) => channel.connected && channel.synced);
		const connecting = channels.some((channel) => channel.connecting);
		const synced = channels.map((channel) => channel.lastSyncedAt ?? 0);
		return {
			connection: connected ? 'online' : connecting ? 'connecting' : 'offline',
			pending: this.#workspace.tracker.pending,
			lastSyncedAt: Math.min(...synced) || undefined
		};
	}

	/** Stops syncing (the documents stay usable and keep local changes), e.g. "work offline". */
	disconnect(): void {
		this.#workspace.disconnect();
		this.#authority.disconnect();
	}

	/** Resumes syncing; local changes made meanwhile are sent and acknowledged. */
	connect(): void {
		this.#workspace.connect();
		this.#authority.connect();
	}

	/** Resolves once both documents are loaded from IndexedDB (instant on a repeat visit). */
	async whenLoaded(): Promise<void> {
		await Promise.all([this.#workspace.whenLoaded(), this.#authority.whenLoaded()]);
	}

	/** Calls `listener` whenever the status may have changed; returns the unsubscribe. */
	onStatus(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	onNotice(listener: (notice: SyncNotice) => void): () => void {
		this.#noticeListeners.add(listener);
		return () => this.#noticeListeners.delete(listener);
	}

	destroy(): void {
		this.#workspace.destroy();
		this.#authority.destroy();
		this.#listeners.clear();
		this.#noticeListeners.clear();
	}
}
