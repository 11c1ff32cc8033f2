import * as prng from 'lib0/prng';

/** How hostile the network is, per step and per message. */
export interface Faults {
	/** Largest delay of a message, in steps (0: next step). */
	maxDelay: number;
	drop: number;
	duplicate: number;
	/** Chance per client per step that its connection breaks. */
	disconnect: number;
}

export const hostile: Faults = { maxDelay: 4, drop: 0.02, duplicate: 0.02, disconnect: 0.02 };
export const reliable: Faults = { maxDelay: 0, drop: 0, duplicate: 0, disconnect: 0 };

interface InFlight {
	link: number;
	toServer: boolean;
	bytes: Uint8Array;
	dueAt: number;
	order: number;
}

/**
 * Messages between simulated clients and the server, on numbered links (one per connection).
 * Each step delivers the messages that are due, in a random order; sending may drop or
 * duplicate a message. Closing a link discards what is still in flight on it, as a broken TCP
 * connection does. Everything comes from one seeded generator, so a run is replayable.
 */
export class SimNetwork {
	readonly random: prng.PRNG;
	faults: Faults = hostile;
	#now = 0;
	#order = 0;
	#inFlight: InFlight[] = [];
	readonly #open = new Set<number>();
	#nextLink = 1;

	constructor(seed: number) {
		this.random = prng.create(seed);
	}

	openLink(): number {
		const link = this.#nextLink++;
		this.#open.add(link);
		return link;
	}

	closeLink(link: number): void {
		this.#open.delete(link);
		this.#inFlight = this.#inFlight.filter((message) => message.link !== link);
	}

	isOpen(link: number): boolean {
		return this.#open.has(link);
	}

	send(link: number, toServer: boolean, bytes: Uint8Array): void {
		if (!this.#open.has(link)) return;
		if (prng.real53(this.random) < this.faults.drop) return;
		const copies = prng.real53(this.random) < this.faults.duplicate ? 2 : 1;
		for (let i = 0; i < copies; i++) {
			const delay =
				this.faults.maxDelay === 0 ? 0 : prng.int31(this.random, 0, this.faults.maxDelay);
			this.#inFlight.push({
				link,
				toServer,
				bytes,
				dueAt: this.#now + delay,
				order: this.#order++
			});
		}
	}

	/** Advances one step and returns the messages to deliver now, shuffled. */
	due(): InFlight[] {
		this.#now++;
		const due = this.#inFlight.filter((message) => message.dueAt < this.#now);
		this.#inFlight = this.#inFlight.filter((message) => message.dueAt >= this.#now);
		if (this.faults.maxDelay === 0) return due.sort((a, b) => a.order - b.order);
		for (let i = due.length - 1; i > 0; i--) {
			const j = prng.int31(this.random, 0, i);
			[due[i], due[j]] = [due[j] as InFlight, due[i] as InFlight];
		}
		return due;
	}

	get idle(): boolean {
		return this.#inFlight.length === 0;
	}
}
