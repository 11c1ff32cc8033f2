import type { DocumentStore, DocumentWrite } from '../storage/types.ts';

/** Whoever wrote an update and wants to hear when it is durable (a sync connection). */
export interface WriteOwner {
	/** Every write this owner queued with `index` ≤ the given one is now stored. */
	writesDurableThrough(index: number): void;
}

interface QueuedUpdate extends DocumentWrite {
	owner: WriteOwner | undefined;
	index: number;
}

/**
 * Batches document updates into one storage transaction per event-loop turn, then tells each
 * writer how far its updates are durable. A failed write keeps the batch in memory and retries
 * with backoff instead of dropping it: nothing a client sent is lost while the process lives,
 * and nothing is acknowledged before it is stored.
 */
export class UpdateWriter {
	readonly #store: DocumentStore;
	readonly #onError: (error: unknown) => void;
	#queue: QueuedUpdate[] = [];
	#scheduled = false;
	#timer: NodeJS.Timeout | undefined;
	#inFlight: Promise<void> | undefined;
	#retryDelayMs = 0;
	/** Called after each successful flush with the names of the documents it touched. */
	onFlushed: (names: ReadonlySet<string>) => void = () => {};

	/**
	 * How long updates gather before one commit. Fan-out does not wait for it (peers get an
	 * update at once); only the durable-write ack does. A few milliseconds turn a commit per
	 * incoming message into a commit per window, which is what keeps SQLite off the hot path.
	 */
	readonly #batchMs: number;
	/** A backlog this long is written at once rather than at the end of the window. */
	readonly #batchLimit: number;

	constructor(
		store: DocumentStore,
		onError: (error: unknown) => void,
		options: { batchMs?: number; batchLimit?: number } = {}
	) {
		this.#store = store;
		this.#onError = onError;
		this.#batchMs = options.batchMs ?? 5;
		this.#batchLimit = options.batchLimit ?? 500;
	}

	/** Queues an update; `owner` and `index` identify the message it came from, for the ack. */
	enqueue(write: DocumentWrite, owner?: WriteOwner, index = 0): void {
		this.#queue.push({ ...write, owner, index });
		this.#schedule();
	}

	/** How many updates wait for storage (for metrics and tests). */
	get backlog(): number {
		return this.#queue.length;
	}

	/** Resolves once everything queued so far is stored (or the store keeps failing). */
	async drain(): Promise<void> {
		while (this.#queue.length > 0 || this.#inFlight) {
			await (this.#inFlight ?? this.#flush());
		}
	}

	#schedule(): void {
		if (this.#inFlight) return;
		if (this.#scheduled) {
			if (this.#queue.length >= this.#batchLimit && this.#retryDelayMs === 0) this.#runNow();
			return;
		}
		this.#scheduled = true;
		const delay = this.#retryDelayMs > 0 ? this.#retryDelayMs : this.#batchMs;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#scheduled = false;
			void this.#flush();
		}, delay);
		this.#timer.unref();
	}

	#runNow(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#scheduled = false;
		void this.#flush();
	}

	#flush(): Promise<void> {
		if (this.#inFlight) return this.#inFlight;
		const batch = this.#queue;
		if (batch.length === 0) return Promise.resolve();
		this.#queue = [];
		this.#inFlight = this.#store
			.appendUpdates(batch)
			.then(
				() => {
					this.#retryDelayMs = 0;
					this.#acknowledge(batch);
				},
				(error: unknown) => {
					// Put the batch back in front, in order, and try again later.
					this.#queue = batch.concat(this.#queue);
					this.#retryDelayMs = Math.min(5000, Math.max(100, this.#retryDelayMs * 2));
					this.#onError(error);
				}
			)
			.finally(() => {
				this.#inFlight = undefined;
				if (this.#queue.length > 0) this.#schedule();
			});
		return this.#inFlight;
	}

	#acknowledge(batch: readonly QueuedUpdate[]): void {
		const highest = new Map<WriteOwner, number>();
		const names = new Set<string>();
		for (const entry of batch) {
			names.add(entry.name);
			if (entry.owner)
				highest.set(entry.owner, Math.max(highest.get(entry.owner) ?? 0, entry.index));
		}
		for (const [owner, index] of highest) owner.writesDurableThrough(index);
		this.onFlushed(names);
	}
}
