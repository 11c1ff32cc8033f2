import type { Member } from '$lib/domain/index.ts';

/**
 * Search and filters over a group's members, fast enough for 100,000 of them: the search key
 * and the sort key of each member are computed once per member object (the engine replaces a
 * member's object when it changes, so a decision recomputes only the members it touched), the
 * list is sorted once per state change, and a keystroke only scans — never sorts.
 */

/** A member with its precomputed keys. */
export interface MemberEntry {
	readonly member: Member;
	/** Name and e-mail, lower-cased, accents removed: what the search box matches. */
	readonly search: string;
	/** Name then e-mail in the same folded form: what the list is ordered by. */
	readonly sort: string;
}

/** Every member of a members record, sorted by name, with its keys. */
export interface MemberIndex {
	readonly source: Readonly<Record<string, Member>>;
	readonly entries: readonly MemberEntry[];
}

/** Which members to show. Empty strings mean "any". */
export interface MemberFilter {
	text: string;
	status: StatusFilter;
	rightsGroup: string;
	product: string;
}

/** The status filter: any, one of the member statuses, or touched by my pending intents. */
export type StatusFilter = '' | 'active' | 'awaiting-registration' | 'pending';

/** What a query needs besides the index and the filter. */
export interface QueryContext {
	/** Whether the member holds a seat of the product (per license model). */
	holds: (member: Member, product: string) => boolean;
	/** Members my pending intents touch (shown as pending). */
	touched: ReadonlySet<string>;
}

/** Lower-cases and removes accents, so that "zoe" finds "Zoé" and "muller" finds "Müller". */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim();
}

const entryCache = new WeakMap<Member, MemberEntry>();

function entryOf(member: Member): MemberEntry {
	let entry = entryCache.get(member);
	if (entry === undefined) {
		const name = fold(member.name);
		const email = member.email.toLowerCase();
		entry = { member, search: `${name}\u0001${email}`, sort: `${name}\u0000${email}` };
		entryCache.set(member, entry);
	}
	return entry;
}

const byKey = (a: MemberEntry, b: MemberEntry) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0);

/**
 * The index of a members record: entries come from a per-member cache and are ordered by plain
 * comparison of the folded keys (a locale collator is several times slower at 100,000 members).
 * Given the previous index, a state that changed a few members is merged in one linear pass
 * instead of sorting everything again.
 */
export function buildMemberIndex(
	members: Readonly<Record<string, Member>>,
	previous?: MemberIndex
): MemberIndex {
	if (previous !== undefined) {
		if (previous.source === members) return previous;
		const merged = mergeChanges(previous, members);
		if (merged !== undefined) return merged;
	}
	const entries: MemberEntry[] = [];
	for (const id in members) {
		const member = members[id];
		if (member !== undefined) entries.push(entryOf(member));
	}
	entries.sort(byKey);
	return { source: members, entries };
}

/** Beyond this many changed members a full sort is as quick as merging. */
const mergeLimit = 2_000;

/** The previous index with the changed, added and removed members merged in; or `undefined`. */
function mergeChanges(
	previous: MemberIndex,
	members: Readonly<Record<string, Member>>
): MemberIndex | undefined {
	const added: MemberEntry[] = [];
	const stale = new Set<Member>();
	let count = 0;
	for (const id in members) {
		const member = members[id];
		if (member === undefined) continue;
		count++;
		const before = previous.source[id];
		if (before === member) continue;
		if (before !== undefined) stale.add(before);
		added.push(entryOf(member));
		if (added.length > mergeLimit) return undefined;
	}
	if (count - added.length !== previous.entries.length - stale.size) {
		for (const id in previous.source) {
			const before = previous.source[id];
			if (before !== undefined && members[id] === undefined) stale.add(before);
		}
	}
	const kept = previous.entries.filter((entry) => !stale.has(entry.member));
	added.sort(byKey);
	const entries: MemberEntry[] = [];
	let k = 0;
	for (const entry of added) {
		for (let next = kept[k]; next !== undefined && byKey(next, entry) <= 0; next = kept[++k]) {
			entries.push(next);
		}
		entries.push(entry);
	}
	return { source: members, entries: entries.concat(kept.slice(k)) };
}

/** An empty filter (everyone). */
export const everyone: MemberFilter = { text: '', status: '', rightsGroup: '', product: '' };

function matches(
	entry: MemberEntry,
	text: string,
	filter: MemberFilter,
	context: QueryContext
): boolean {
	const member = entry.member;
	if (text !== '' && !entry.search.includes(text)) return false;
	if (filter.status === 'pending') {
		if (!context.touched.has(member.id)) return false;
	} else if (filter.status !== '' && member.status !== filter.status) return false;
	if (filter.rightsGroup !== '' && member.rightsGroup !== filter.rightsGroup) return false;
	return filter.product === '' || context.holds(member, filter.product);
}

/**
 * Runs filters over an index and remembers the last run: when only the search text grew (the
 * admin typed one more letter), it scans the previous result instead of the whole group.
 */
export class MemberQuery {
	#last:
		| {
				index: MemberIndex;
				filter: MemberFilter;
				context: QueryContext;
				text: string;
				result: readonly MemberEntry[];
		  }
		| undefined;

	/** The members of `index` that pass `filter`, in name order. */
	run(index: MemberIndex, filter: MemberFilter, context: QueryContext): readonly MemberEntry[] {
		const text = fold(filter.text);
		if (text === '' && filter.status === '' && filter.rightsGroup === '' && !filter.product) {
			this.#last = undefined;
			return index.entries;
		}
		const last = this.#last;
		const narrowing =
			last !== undefined &&
			last.index === index &&
			last.context === context &&
			last.filter.status === filter.status &&
			last.filter.rightsGroup === filter.rightsGroup &&
			last.filter.product === filter.product &&
			text.includes(last.text);
		const source = narrowing ? last.result : index.entries;
		const result: MemberEntry[] = [];
		for (const entry of source) {
			if (matches(entry, text, filter, context)) result.push(entry);
		}
		this.#last = { index, filter: { ...filter }, context, text, result };
		return result;
	}
}
