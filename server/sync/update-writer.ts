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
	#inFlight: Promise<void> | undefined;
	#retryDelayMs = 0;
	/** Called after each successful flush with the names of the documents it touched. */
	onFlushed: (names: ReadonlySet<string>) => void = () => {};

	constructor(store: DocumentStore, onError: (error: unknown) => void) {
		this.#store = store;
		this.#onError = onError;
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
		if (this.#scheduled || this.#inFlight) return;
		this.#scheduled = true;
		const run = () => {
			this.#scheduled = false;
			void this.#flush();
		};
		if (this.#retryDelayMs > 0) setTimeout(run, this.#retryDelayMs).unref();
		else setImmediate(run);
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
