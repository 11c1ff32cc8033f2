/**
 * Finding members by e-mail (U1: "give license" to an address; D3: unique e-mails). Addresses are
 * compared trimmed and lower-cased. The index over 100,000 members is built once per members
 * record and cached by object identity, like seat usage; entries a draft touched are checked
 * directly, so a batch sees its own new members.
 */

import type { Draft } from './state-draft.ts';
import type { Member } from './state-schema.ts';

/** The comparable form of an address. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/**
 * Address → member id. A decision adds an address or two to the index of the record it came
 * from, so an index is a small layer of additions over its parent's; lookups walk at most
 * `maxDepth` layers before the chain is flattened into one map again.
 */
export interface EmailIndex {
	own: Map<string, string>;
	parent: EmailIndex | undefined;
	depth: number;
}

const maxDepth = 16;
const indexCache = new WeakMap<object, EmailIndex>();

/** The member id of an address in an index (the nearest layer that has it). */
function lookup(index: EmailIndex, key: string): string | undefined {
	for (let layer: EmailIndex | undefined = index; layer; layer = layer.parent) {
		const id = layer.own.get(key);
		if (id !== undefined) return id;
	}
	return undefined;
}

/** Address → member id for a members record (cached). */
export function emailIndexOf(members: Record<string, Member>): EmailIndex {
	let index = indexCache.get(members);
	if (index === undefined) {
		const own = new Map<string, string>();
		for (const id in members) {
			const member = members[id];
			if (member !== undefined) own.set(normalizeEmail(member.email), id);
		}
		index = { own, parent: undefined, depth: 0 };
		indexCache.set(members, index);
	}
	return index;
}

/** One map with every layer's entries (the nearest layer wins, as in `lookup`). */
function flatten(index: EmailIndex): EmailIndex {
	const layers: EmailIndex[] = [];
	for (let layer: EmailIndex | undefined = index; layer; layer = layer.parent) layers.push(layer);
	const own = new Map<string, string>();
	for (let i = layers.length - 1; i >= 0; i -= 1) {
		for (const [key, id] of layers[i]?.own ?? []) own.set(key, id);
	}
	return { own, parent: undefined, depth: 0 };
}

/** The member of the draft with this address, if any. */
export function findMemberByEmail(draft: Draft, email: string): Member | undefined {
	const key = normalizeEmail(email);
	for (const id of draft.touchedMembers.keys()) {
		const member = draft.state.members[id];
		if (member !== undefined && normalizeEmail(member.email) === key) return member;
	}
	const id = lookup(draft.inPlace?.emails ?? emailIndexOf(draft.base.members), key);
	const member = id === undefined ? undefined : draft.state.members[id];
	return member !== undefined && normalizeEmail(member.email) === key ? member : undefined;
}

/**
 * Carries the cached index of a members record to the record a draft made from it, corrected
 * by the entries the draft touched, so that the next decision does not rebuild it from 100,000
 * addresses. Where a correction would depend on which of two members sharing an address comes
 * last (the rebuilt index keeps the last), nothing is carried and the next lookup rebuilds.
 */
export function carryEmailIndex(
	base: Record<string, Member>,
	next: Record<string, Member>,
	touched: ReadonlyMap<string, Member | undefined>
): void {
	const baseIndex = indexCache.get(base);
	if (base === next || baseIndex === undefined || indexCache.has(next)) return;
	const index = layered(baseIndex, next, touched);
	if (index !== undefined) indexCache.set(next, index);
}

/**
 * The same after an in-place draft wrote into `members` itself: the index made before the
 * writes, corrected, replaces the stale one; when it cannot be corrected, the next lookup
 * rebuilds it.
 */
export function reindexInPlace(
	members: Record<string, Member>,
	before: EmailIndex,
	touched: ReadonlyMap<string, Member | undefined>
): void {
	const index = layered(before, members, touched);
	if (index === undefined) indexCache.delete(members);
	else indexCache.set(members, index);
}

/** Puts back the index a record had before an in-place draft's writes were undone. */
export function restoreEmailIndex(members: Record<string, Member>, index: EmailIndex): void {
	indexCache.set(members, index);
}

/** `baseIndex` with a layer for the touched entries, or undefined when that is ambiguous. */
function layered(
	baseIndex: EmailIndex,
	next: Record<string, Member>,
	touched: ReadonlyMap<string, Member | undefined>
): EmailIndex | undefined {
	const added = new Map<string, string>();
	for (const [id, before] of touched) {
		const after = next[id];
		const previousKey = before === undefined ? undefined : normalizeEmail(before.email);
		const nextKey = after === undefined ? undefined : normalizeEmail(after.email);
		if (previousKey === nextKey) continue;
		// Another member with the old address may be the one a rebuild finds: unknown here.
		if (previousKey !== undefined && lookup(baseIndex, previousKey) === id) return undefined;
		if (nextKey !== undefined) {
			if (added.has(nextKey) || lookup(baseIndex, nextKey) !== undefined) return undefined;
			added.set(nextKey, id);
		}
	}
	// No address changed (a license given, a rights group moved): the index stays right as it is.
	if (added.size === 0) return baseIndex;
	const index = { own: added, parent: baseIndex, depth: baseIndex.depth + 1 };
	return index.depth > maxDepth ? flatten(index) : index;
}
