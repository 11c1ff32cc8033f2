import { systemAuthor } from '$lib/domain/index.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';
import {
	authorsOf,
	dayRange,
	entryKey,
	groupOfKind,
	verifiedKeys,
	type HistoryRow,
	type KindGroup,
	type Verification
} from './history-rows.ts';

export { kindGroups, type HistoryRow, type KindGroup, type Verification } from './history-rows.ts';

/**
 * H1: the group's history, filtered by family of action, author and date range, newest first,
 * each ledger-backed line marked verified when its signed event is in the verified ledger.
 */
export class HistoryQuery {
	readonly #workspace: GroupWorkspace;
	#group = $state<KindGroup | ''>('');
	#author = $state('');
	#from = $state('');
	#to = $state('');

	readonly #verifiedKeys = $derived.by(() => verifiedKeys(this.#workspace.ledger.verified));

	readonly #all = $derived.by((): HistoryRow[] => {
		const keysKnown = this.#workspace.ledger.keysKnown;
		const verified = this.#verifiedKeys;
		return this.#workspace.history
			.map((entry, index) => {
				const key = entryKey(entry);
				const verification: Verification =
					key === undefined
						? null
						: !keysKnown
							? 'unknown'
							: verified.has(key)
								? 'verified'
								: 'unverified';
				return { index, entry, group: groupOfKind[entry.kind], verification };
			})
			.reverse();
	});

	readonly #rows = $derived.by((): HistoryRow[] => {
		const { from, to } = dayRange(this.#from, this.#to);
		return this.#all.filter(
			(row) =>
				(this.#group === '' || row.group === this.#group) &&
				(this.#author === '' || row.entry.author === this.#author) &&
				(from === undefined || row.entry.at >= from) &&
				(to === undefined || row.entry.at < to)
		);
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
	}

	get group(): KindGroup | '' {
		return this.#group;
	}
	set group(value: KindGroup | '') {
		this.#group = value;
	}

	/** An author's user id, `system` for the scheduler, or '' for everyone. */
	get author(): string {
		return this.#author;
	}
	set author(value: string) {
		this.#author = value;
	}

	/** First day shown, `YYYY-MM-DD` in the reader's time zone, or ''. */
	get from(): string {
		return this.#from;
	}
	set from(value: string) {
		this.#from = value;
	}

	/** Last day shown (included), or ''. */
	get to(): string {
		return this.#to;
	}
	set to(value: string) {
		this.#to = value;
	}

	/** True when both dates are set and the range is empty by construction. */
	get invalidRange(): boolean {
		return this.#from !== '' && this.#to !== '' && this.#from > this.#to;
	}

	/** The entries that pass the filters, newest first. */
	get rows(): HistoryRow[] {
		return this.#rows;
	}

	get total(): number {
		return this.#all.length;
	}

	/** Everyone who appears as an author, the scheduler included. */
	get authors(): string[] {
		return authorsOf(this.#workspace.history).sort((a, b) =>
			a === systemAuthor ? 1 : b === systemAuthor ? -1 : 0
		);
	}

	reset(): void {
		this.#group = '';
		this.#author = '';
		this.#from = '';
		this.#to = '';
	}
}
