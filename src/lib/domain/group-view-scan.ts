/**
 * The one pass over members and devices the group view needs: seat usage (the same counting as
 * the decisions), member counts by status, and the administrators (G1: admins can list them).
 *
 * A cold pass over 100,000 members is bound by memory reads (tens of milliseconds), so its
 * result is cached per (members, devices, policy) object identity, and a draft of decisions
 * carries the cached pass forward by correcting it with the few entries it touched. The screen
 * that shows "authority state + my pending intents" thus pays the full pass once, not on every
 * keystroke. Sound because the engine never mutates a state it was given, except the server's
 * in-place drafts, which re-key the cached scan of the records they write (`rescanInPlace`).
 */

import type { Role } from './common-schema.ts';
import type { Policy } from './policy-schema.ts';
import type { Usage } from './seat-usage.ts';
import { cloneUsage, countDevice, countMemberWith, countingRules } from './seat-usage.ts';
import type { Device, GroupState, Member } from './state-schema.ts';

/** An administrator as the view lists them. */
export interface AdminEntry {
	id: string;
	name: string;
	email: string;
	roles: Role[];
}

/** What one pass over a group's members and devices gives. */
export interface MemberScan {
	usage: Usage;
	total: number;
	active: number;
	awaitingRegistration: number;
	/** Owners and license admins, sorted by id. */
	admins: AdminEntry[];
	billable: AdminEntry | null;
	devices: number;
}

/** The entry of a member holding any role. */
function adminEntry(member: Member): AdminEntry {
	return { id: member.id, name: member.name, email: member.email, roles: member.roles };
}

/** Whether a member administers the group (G1). */
function isAdmin(member: Member): boolean {
	return member.roles.includes('owner') || member.roles.includes('admin');
}

/** Adds (`sign` 1) or removes (`sign` −1) a member's status counts. */
function countStatus(scan: MemberScan, member: Member, sign: number): void {
	scan.total += sign;
	if (member.status === 'active') scan.active += sign;
	else scan.awaitingRegistration += sign;
}

/** Counts everything the view needs in one cold pass (no cache). */
export function scanGroup(state: GroupState, policy: Policy): MemberScan {
	const scan: MemberScan = {
		usage: {},
		total: 0,
		active: 0,
		awaitingRegistration: 0,
		admins: [],
		billable: null,
		devices: 0
	};
	const { members, devices } = state;
	const rules = countingRules(policy);
	for (const id in members) {
		const member = members[id];
		if (member === undefined) continue;
		countStatus(scan, member, 1);
		countMemberWith(scan.usage, member, rules, 1);
		if (member.roles.length === 0) continue;
		if (member.roles.includes('billable')) scan.billable = adminEntry(member);
		if (isAdmin(member)) scan.admins.push(adminEntry(member));
	}
	for (const code in devices) {
		const device = devices[code];
		if (device === undefined) continue;
		scan.devices += 1;
		countDevice(scan.usage, device, 1);
	}
	scan.admins.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return scan;
}

const scanCache = new WeakMap<object, WeakMap<object, WeakMap<Policy, MemberScan>>>();

/** The cached scan of a state's records, if any. */
export function cachedScan(state: GroupState, policy: Policy): MemberScan | undefined {
	return scanCache.get(state.members)?.get(state.devices)?.get(policy);
}

/** Remembers the scan of a state's records. */
function rememberScan(state: GroupState, policy: Policy, scan: MemberScan): void {
	let byDevices = scanCache.get(state.members);
	if (byDevices === undefined) {
		byDevices = new WeakMap();
		scanCache.set(state.members, byDevices);
	}
	let byPolicy = byDevices.get(state.devices);
	if (byPolicy === undefined) {
		byPolicy = new WeakMap();
		byDevices.set(state.devices, byPolicy);
	}
	byPolicy.set(policy, scan);
}

/** The scan of a state: cached, or a cold pass that is then cached. Treat it as read-only. */
export function scanOf(state: GroupState, policy: Policy): MemberScan {
	const cached = cachedScan(state, policy);
	if (cached !== undefined) return cached;
	const scan = scanGroup(state, policy);
	rememberScan(state, policy, scan);
	return scan;
}

/** The admins and billable admin after some members changed. */
function carryAdmins(
	base: MemberScan,
	next: GroupState,
	touched: ReadonlyMap<string, Member | undefined>
): Pick<MemberScan, 'admins' | 'billable'> {
	const admins = base.admins.filter((a) => !touched.has(a.id));
	let billable = base.billable !== null && !touched.has(base.billable.id) ? base.billable : null;
	for (const id of touched.keys()) {
		const member = next.members[id];
		if (member === undefined) continue;
		if (isAdmin(member)) admins.push(adminEntry(member));
		if (member.roles.includes('billable')) billable = adminEntry(member);
	}
	admins.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { admins, billable };
}

/**
 * Carries the cached scan of `base` over to `next`, which differs from it only in the touched
 * members and devices (given with their values in `base`). Does nothing when `base` was never
 * scanned: the first render of `next` will then do a cold pass.
 */
export function carryScan(
	base: GroupState,
	next: GroupState,
	policy: Policy,
	touchedMembers: ReadonlyMap<string, Member | undefined>,
	touchedDevices: ReadonlyMap<string, Device | undefined>
): void {
	const old = cachedScan(base, policy);
	if (old === undefined || (next.members === base.members && next.devices === base.devices)) return;
	rememberScan(next, policy, carried(old, next, policy, touchedMembers, touchedDevices));
}

/**
 * The same after an in-place draft wrote into `state`'s own records: the scan made before the
 * writes is carried forward, and without one nothing stale stays cached.
 */
export function rescanInPlace(
	state: GroupState,
	policy: Policy,
	old: MemberScan | undefined,
	touchedMembers: ReadonlyMap<string, Member | undefined>,
	touchedDevices: ReadonlyMap<string, Device | undefined>
): void {
	scanCache.delete(state.members);
	if (old !== undefined)
		rememberScan(state, policy, carried(old, state, policy, touchedMembers, touchedDevices));
}

/** Puts back the scan an in-place draft's base had (its writes were undone). */
export function restoreScan(state: GroupState, policy: Policy, old: MemberScan | undefined): void {
	scanCache.delete(state.members);
	if (old !== undefined) rememberScan(state, policy, old);
}

/** `old` corrected by the touched entries (given with their values before) to describe `next`. */
function carried(
	old: MemberScan,
	next: GroupState,
	policy: Policy,
	touchedMembers: ReadonlyMap<string, Member | undefined>,
	touchedDevices: ReadonlyMap<string, Device | undefined>
): MemberScan {
	const scan: MemberScan = {
		...old,
		usage: cloneUsage(old.usage),
		...carryAdmins(old, next, touchedMembers)
	};
	const rules = countingRules(policy);
	for (const [id, before] of touchedMembers) {
		if (before !== undefined) countStatus(scan, before, -1);
		if (before !== undefined) countMemberWith(scan.usage, before, rules, -1);
		const after = next.members[id];
		if (after !== undefined) countStatus(scan, after, 1);
		if (after !== undefined) countMemberWith(scan.usage, after, rules, 1);
	}
	for (const [code, before] of touchedDevices) {
		const after = next.devices[code];
		scan.devices += (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
		if (before !== undefined) countDevice(scan.usage, before, -1);
		if (after !== undefined) countDevice(scan.usage, after, 1);
	}
	return scan;
}
