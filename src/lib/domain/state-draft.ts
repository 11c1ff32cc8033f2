/**
 * A draft of the next state while intents are decided. A group may hold 100,000 members, and
 * copying that record costs tens of milliseconds, so the draft copies the members (or devices)
 * record at most ONCE per batch, on the first write, and then writes into its own copy. It also
 * remembers which entries it touched, so seat usage is the cached usage of the original state
 * corrected by those few entries instead of a new full pass.
 *
 * The input state is never mutated: the browser preview ("authority state + my pending intents")
 * and the server verdict can both run on a state someone else still holds. The one exception is
 * an in-place draft (`openDraft(state, policy)`): the server owns its state and adopts every
 * outcome, so paying even the one copy per batch (~35 ms at 100,000 members, on the event loop
 * every group shares) buys nothing there. Such a draft writes into the state's own records, keeps
 * the journal to undo them (`revertDraft`), and re-keys the caches those records index.
 */

import type { MemberScan } from './group-view-scan.ts';
import { cachedScan, carryScan, rescanInPlace, restoreScan } from './group-view-scan.ts';
import type { EmailIndex } from './member-lookup.ts';
import {
	carryEmailIndex,
	emailIndexOf,
	reindexInPlace,
	restoreEmailIndex
} from './member-lookup.ts';
import type { Policy } from './policy-schema.ts';
import type { Usage } from './seat-usage.ts';
import {
	cloneUsage,
	countDevice,
	countMember,
	forgetUsage,
	markMutable,
	rememberUsage,
	usageOf
} from './seat-usage.ts';
import type { Device, GroupState, Member } from './state-schema.ts';

/** The draft of a state. Only the functions of this module write to it. */
export interface Draft {
	/** The current state; its top-level object belongs to the draft. */
	state: GroupState;
	readonly base: GroupState;
	ownsMembers: boolean;
	ownsDevices: boolean;
	/** Original values (`undefined`: did not exist) of the entries written so far. */
	readonly touchedMembers: Map<string, Member | undefined>;
	readonly touchedDevices: Map<string, Device | undefined>;
	/** Previous values of every write, newest last, to roll back a failed intent. */
	readonly journal: JournalEntry[];
	/** Set when the draft writes into the base's own records (see the module comment). */
	readonly inPlace: InPlaceBase | undefined;
}

/**
 * What the caches knew of an in-place draft's base before its first write: the seat usage, the
 * group view's scan (if one was made) and the e-mail index. The writes make the cached entries,
 * keyed by the records' identity, stale; these are carried forward instead, or put back.
 */
interface InPlaceBase {
	policy: Policy;
	usage: Usage;
	scan: MemberScan | undefined;
	emails: EmailIndex;
}

/** One write: which record, which key, and the value before it. */
interface JournalEntry {
	record: 'members' | 'devices';
	key: string;
	previous: Member | Device | undefined;
}

/** A point to roll back to. */
export interface DraftMark {
	state: GroupState;
	journalLength: number;
}

/**
 * A shallow copy of a big record. Reading the keys once and assigning them in a loop builds the
 * copy about twice as fast as a spread for 100,000 entries (V8 copies a dictionary-mode object
 * entry by entry either way), and it is the one copy a batch of decisions pays.
 */
function copyRecord<T>(record: Record<string, T>): Record<string, T> {
	const copy: Record<string, T> = {};
	const keys = Object.keys(record);
	for (let i = 0; i < keys.length; i += 1) {
		const key = keys[i] as string;
		// An id is any string: "__proto__" must stay an own entry, as a spread keeps it.
		if (key === '__proto__') {
			Object.defineProperty(copy, key, {
				value: record[key],
				enumerable: true,
				writable: true,
				configurable: true
			});
		} else copy[key] = record[key] as T;
	}
	return copy;
}

/**
 * Opens a draft on a state. With `inPlaceFor` (the policy the batch is decided under), the
 * draft writes into the state's members and devices records themselves: only for a caller that
 * owns them and adopts the outcome, or undoes it with `revertDraft`.
 */
export function openDraft(state: GroupState, inPlaceFor?: Policy): Draft {
	let inPlace: InPlaceBase | undefined;
	if (inPlaceFor !== undefined) {
		inPlace = {
			policy: inPlaceFor,
			usage: usageOf(state, inPlaceFor),
			scan: cachedScan(state, inPlaceFor),
			emails: emailIndexOf(state.members)
		};
		markMutable(state.members, true);
		markMutable(state.devices, true);
	}
	return {
		state: { ...state },
		base: state,
		ownsMembers: inPlace !== undefined,
		ownsDevices: inPlace !== undefined,
		touchedMembers: new Map(),
		touchedDevices: new Map(),
		journal: [],
		inPlace
	};
}

/** Writes a member (copying the record on the first write). */
export function putMember(draft: Draft, member: Member): void {
	if (!draft.ownsMembers) {
		draft.state = { ...draft.state, members: copyRecord(draft.state.members) };
		draft.ownsMembers = true;
		markMutable(draft.state.members, true);
	}
	if (!draft.touchedMembers.has(member.id))
		draft.touchedMembers.set(member.id, draft.base.members[member.id]);
	draft.journal.push({
		record: 'members',
		key: member.id,
		previous: draft.state.members[member.id]
	});
	draft.state.members[member.id] = member;
}

/** Writes a device (copying the record on the first write). */
export function putDevice(draft: Draft, device: Device): void {
	if (!draft.ownsDevices) {
		draft.state = { ...draft.state, devices: copyRecord(draft.state.devices) };
		draft.ownsDevices = true;
		markMutable(draft.state.devices, true);
	}
	if (!draft.touchedDevices.has(device.code))
		draft.touchedDevices.set(device.code, draft.base.devices[device.code]);
	draft.journal.push({
		record: 'devices',
		key: device.code,
		previous: draft.state.devices[device.code]
	});
	draft.state.devices[device.code] = device;
}

/** Replaces top-level fields other than members and devices (holdings, subscription …). */
export function patchState(draft: Draft, next: GroupState): void {
	draft.state = { ...next, members: draft.state.members, devices: draft.state.devices };
}

/** Marks the draft before applying an intent. */
export function markDraft(draft: Draft): DraftMark {
	return { state: draft.state, journalLength: draft.journal.length };
}

/**
 * Undoes every write since `mark`. Used only when applying an intent threw (a bug): the intent is
 * rejected as `internal.unexpected` and leaves no trace, never a half-applied change.
 */
export function rollbackDraft(draft: Draft, mark: DraftMark): void {
	while (draft.journal.length > mark.journalLength) {
		const entry = draft.journal.pop();
		if (entry === undefined) break;
		const record: Record<string, Member | Device> = draft.state[entry.record];
		if (entry.previous === undefined) Reflect.deleteProperty(record, entry.key);
		else record[entry.key] = entry.previous;
	}
	draft.state = { ...mark.state, members: draft.state.members, devices: draft.state.devices };
}

/** Seat usage of the draft: the base usage corrected by the touched entries. */
export function draftUsage(draft: Draft, policy: Policy): Usage {
	const base = draft.inPlace?.policy === policy ? draft.inPlace.usage : usageOf(draft.base, policy);
	if (draft.touchedMembers.size === 0 && draft.touchedDevices.size === 0) return base;
	const usage = cloneUsage(base);
	for (const [id, before] of draft.touchedMembers) {
		if (before !== undefined) countMember(usage, before, policy, -1);
		const after = draft.state.members[id];
		if (after !== undefined) countMember(usage, after, policy, 1);
	}
	for (const [code, before] of draft.touchedDevices) {
		if (before !== undefined) countDevice(usage, before, -1);
		const after = draft.state.devices[code];
		if (after !== undefined) countDevice(usage, after, 1);
	}
	return usage;
}

/** Closes the draft: the final state, with its usage cached for the next decision. */
export function closeDraft(draft: Draft, policy: Policy): GroupState {
	if (draft.inPlace !== undefined) return closeInPlace(draft, draft.inPlace);
	if (
		draft.touchedMembers.size === 0 &&
		draft.touchedDevices.size === 0 &&
		draft.state.members === draft.base.members
	) {
		const unchanged = Object.keys(draft.state).every(
			(key) => draft.state[key as keyof GroupState] === draft.base[key as keyof GroupState]
		);
		if (unchanged) return draft.base;
	}
	markMutable(draft.state.members, false);
	markMutable(draft.state.devices, false);
	rememberUsage(draft.state, policy, draftUsage(draft, policy));
	carryScan(draft.base, draft.state, policy, draft.touchedMembers, draft.touchedDevices);
	carryEmailIndex(draft.base.members, draft.state.members, draft.touchedMembers);
	return draft.state;
}

/** Closes an in-place draft: its records are final again, their caches carried forward. */
function closeInPlace(draft: Draft, base: InPlaceBase): GroupState {
	const { members, devices } = draft.state;
	markMutable(members, false);
	markMutable(devices, false);
	if (draft.touchedMembers.size === 0 && draft.touchedDevices.size === 0) return draft.state;
	forgetUsage(members);
	rememberUsage(draft.state, base.policy, draftUsage(draft, base.policy));
	rescanInPlace(draft.state, base.policy, base.scan, draft.touchedMembers, draft.touchedDevices);
	reindexInPlace(members, base.emails, draft.touchedMembers);
	return draft.state;
}

/**
 * Undoes every write of a closed in-place draft (the server could not commit its outcome): the
 * records hold their values from before, and the caches what they knew of them then.
 */
export function revertDraft(draft: Draft): void {
	const base = draft.inPlace;
	rollbackDraft(draft, { state: draft.base, journalLength: 0 });
	if (base === undefined) return;
	const { members, devices } = draft.base;
	markMutable(members, false);
	markMutable(devices, false);
	forgetUsage(members);
	rememberUsage(draft.base, base.policy, base.usage);
	restoreScan(draft.base, base.policy, base.scan);
	restoreEmailIndex(members, base.emails);
}
