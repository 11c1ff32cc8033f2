import { summarize, type LatencySummary } from '../../lib/stats.ts';

interface Edit {
	sentAt: number;
	/** Receivers that have not seen it yet. */
	remaining: number;
	recorded: boolean;
}

/** What a tracker saw over its recording window. */
export interface DeliveryReport {
	/** Edit → visible at one other client of the group, every (edit, receiver) pair. */
	delivery: LatencySummary;
	/** Edit → visible at every other client of the group (the slowest receiver), per edit. */
	complete: LatencySummary;
	edits: number;
	expectedDeliveries: number;
	deliveries: number;
	/** Recorded edits that some receiver never saw. */
	lostEdits: number;
}

/**
 * Matches what receivers see against what writers sent. Each edit is a record
 * `writer:seq:sentAt;` appended to a note of the group's document; the time it was written travels inside the
 * edit, and since one process drives every client, one clock serves both ends.
 */
export class DeliveryTracker {
	/** Only edits written while this is on count (warm-up edits are delivered but not counted). */
	recording = false;
	readonly #edits = new Map<string, Edit>();
	readonly #latencies: number[] = [];
	readonly #completeLatencies: number[] = [];
	#recordedEdits = 0;
	#expectedDeliveries = 0;
	#deliveries = 0;

	/** Registers an edit before it is sent and returns the record to append. */
	sent(writer: number, seq: number, receivers: number, sentAt: number): string {
		const key = `${writer}:${seq}`;
		this.#edits.set(key, { sentAt, remaining: receivers, recorded: this.recording });
		if (this.recording) {
			this.#recordedEdits++;
			this.#expectedDeliveries += receivers;
		}
		return `${key}:${sentAt.toFixed(3)};`;
	}

	/** Called with each string a receiver saw inserted, and when it became visible there. */
	received(inserted: string, visibleAt: number): void {
		let start = 0;
		for (let end = inserted.indexOf(';'); end !== -1; end = inserted.indexOf(';', start)) {
			const record = inserted.slice(start, end);
			start = end + 1;
			const key = record.slice(0, record.lastIndexOf(':'));
			const edit = this.#edits.get(key);
			if (!edit) continue;
			const sentAt = Number(record.slice(key.length + 1));
			edit.remaining--;
			if (edit.remaining === 0) this.#edits.delete(key);
			if (!edit.recorded) continue;
			this.#deliveries++;
			this.#latencies.push(visibleAt - sentAt);
			if (edit.remaining === 0) this.#completeLatencies.push(visibleAt - sentAt);
		}
	}

	/** Edits, recorded or not, that some receiver has not seen yet. */
	get outstanding(): number {
		return this.#edits.size;
	}

	/** Recorded edits some receiver has not seen yet. */
	get #lostEdits(): number {
		let count = 0;
		for (const edit of this.#edits.values()) if (edit.recorded) count++;
		return count;
	}

	report(): DeliveryReport {
		return {
			delivery: summarize(this.#latencies),
			complete: summarize(this.#completeLatencies),
			edits: this.#recordedEdits,
			expectedDeliveries: this.#expectedDeliveries,
			deliveries: this.#deliveries,
			lostEdits: this.#lostEdits
		};
	}
}
