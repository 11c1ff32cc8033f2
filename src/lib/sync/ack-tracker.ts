import { messageSync } from './protocol.ts';

/**
 * Knows whether this client holds changes the server has not stored yet.
 *
 * Every local change bumps a counter; every sync message sent over the current connection
 * records the counter's value at sending time; the server acknowledges "your first n sync
 * messages are stored" (protocol.ts, `messageAck`). So an ack for message n proves every local
 * change made before message n was sent is durable — deletions included, which a comparison of
 * state vectors would miss.
 */
export class AckTracker {
	#localChanges = 0;
	#storedChanges = 0;
	/** `#sentAt[i]` is the change counter when sync message `#base + i + 1` was sent. */
	#sentAt: number[] = [];
	#base = 0;
	#listeners = new Set<() => void>();

	/** A change made here (an edit, or one restored from IndexedDB that may never have reached the server). */
	localChange(): void {
		this.#localChanges++;
		this.#emit();
	}

	/** A message left on the current connection. */
	sent(message: Uint8Array): void {
		if (message[0] === messageSync) this.#sentAt.push(this.#localChanges);
	}

	/** The server stored everything through its n-th sync message received on this connection. */
	acknowledged(n: number): void {
		const index = n - this.#base - 1;
		const stored = this.#sentAt[index];
		if (stored === undefined) return;
		this.#sentAt = this.#sentAt.slice(index + 1);
		this.#base = n;
		if (stored > this.#storedChanges) {
			this.#storedChanges = stored;
			this.#emit();
		}
	}

	/** A new connection starts counting messages from one again. */
	connectionReset(): void {
		this.#sentAt = [];
		this.#base = 0;
	}

	get pending(): boolean {
		return this.#localChanges > this.#storedChanges;
	}

	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#emit(): void {
		for (const listener of this.#listeners) listener();
	}
}

/** A WebSocket constructor, browser or `ws`, as y-websocket expects it. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * Wraps a WebSocket class so that every outgoing message is reported to the tracker before it
 * leaves. y-websocket accepts such a class as `WebSocketPolyfill`.
 */
export function trackingWebSocket(Base: WebSocketClass, tracker: AckTracker): WebSocketClass {
	return class TrackingWebSocket extends Base {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			tracker.connectionReset();
		}

		override send(data: Parameters<WebSocket['send']>[0]): void {
			if (data instanceof Uint8Array) tracker.sent(data);
			else if (data instanceof ArrayBuffer) tracker.sent(new Uint8Array(data));
			super.send(data);
		}
	};
}
