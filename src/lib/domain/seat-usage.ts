/**
 * How many seats are in use, per product and pool, derived from members and devices:
 * - named (U1, U2): a member holding a product's license uses a standard seat of it;
 * - rights group (U3): a member in a group that consumes a seat uses one (login is irrelevant);
 * - device (D1, D2): a device holding a license uses a seat of its pool;
 * - module access (P12): a member with access to a module is one of its users; the owner (the
 *   administrator the subscription includes) is counted apart, every other user is an extra user.
 * Invited members (awaiting registration) hold their seat and are also counted as `pending`.
 *
 * Counting 100,000 members takes a full pass, so the result is cached per (members, devices,
 * policy) object identity. That is sound because the engine never mutates a state it was given:
 * every change produces new record objects, and the cache follows them.
 */

import type { Policy } from './policy-schema.ts';
import type { Device, GroupState, Member } from './state-schema.ts';

/** Seats in use for one product. */
export interface ProductUsage {
	standard: number;
	floating: number;
	/** Of `standard`: members awaiting registration (U1). */
	pending: number;
	/** P12, modules only: of `standard`, users holding the owner role (the included admin). */
	administrators: number;
}

/** Seats in use per product id. */
export type Usage = Record<string, ProductUsage>;

const consumingCache = new WeakMap<Policy, ReadonlySet<string>>();

/** U3: the rights groups that consume a seat. */
function consumingGroups(policy: Policy): ReadonlySet<string> {
	let groups = consumingCache.get(policy);
	if (groups === undefined) {
		const model = policy.licenseModel;
		const ids =
			model.kind === 'rights-group'
				? model.groups.filter((g) => g.consumesSeat).map((g) => g.id)
				: [];
		groups = new Set(ids);
		consumingCache.set(policy, groups);
	}
	return groups;
}

/** Whether a rights group consumes a seat under a policy (U3). */
export function rightsGroupConsumes(policy: Policy, group: string | null): boolean {
	return group !== null && consumingGroups(policy).has(group);
}

/** The usage entry of a product, created at zero. */
function entry(usage: Usage, product: string): ProductUsage {
	let found = usage[product];
	if (found === undefined) {
		found = { standard: 0, floating: 0, pending: 0, administrators: 0 };
		usage[product] = found;
	}
	return found;
}

/** What counting needs from a policy, looked up once per pass rather than once per member. */
export interface CountingRules {
	kind: Policy['licenseModel']['kind'];
	/** U3: the product rights groups consume, and the groups that consume it. */
	rightsProduct: string;
	consuming: ReadonlySet<string>;
}

const rulesCache = new WeakMap<Policy, CountingRules>();

/** The counting rules of a policy (cached per policy object). */
export function countingRules(policy: Policy): CountingRules {
	let rules = rulesCache.get(policy);
	if (rules === undefined) {
		const model = policy.licenseModel;
		rules = {
			kind: model.kind,
			rightsProduct: model.kind === 'rights-group' ? model.product : '',
			consuming: consumingGroups(policy)
		};
		rulesCache.set(policy, rules);
	}
	return rules;
}

/**
 * Adds (`sign` 1) or removes (`sign` −1) what one member uses. Plain indexed loops: this runs for
 * each of 100,000 members on every render of the group view.
 */
export function countMemberWith(
	usage: Usage,
	member: Member,
	rules: CountingRules,
	sign: number
): void {
	const pending = member.status === 'awaiting-registration' ? sign : 0;
	if (rules.kind === 'named') {
		const licenses = member.licenses;
		for (let i = 0; i < licenses.length; i += 1) {
			const e = entry(usage, licenses[i] ?? '');
			e.standard += sign;
			e.pending += pending;
		}
	} else if (rules.kind === 'rights-group') {
		if (member.rightsGroup !== null && rules.consuming.has(member.rightsGroup)) {
			const e = entry(usage, rules.rightsProduct);
			e.standard += sign;
			e.pending += pending;
		}
	} else if (rules.kind === 'module-access') {
		const modules = member.modules;
		const administrators = member.roles.includes('owner') ? sign : 0;
		for (let i = 0; i < modules.length; i += 1) {
			const e = entry(usage, modules[i] ?? '');
			e.standard += sign;
			e.administrators += administrators;
		}
	}
}

/** Adds (`sign` 1) or removes (`sign` −1) what one member uses. */
export function countMember(usage: Usage, member: Member, policy: Policy, sign: number): void {
	countMemberWith(usage, member, countingRules(policy), sign);
}

/** Adds or removes what one device uses (D1, D2). */
export function countDevice(usage: Usage, device: Device, sign: number): void {
	if (device.pool !== null) entry(usage, device.product)[device.pool] += sign;
}

/** Counts usage with a full pass over members and devices (no cache). */
export function scanUsage(state: GroupState, policy: Policy): Usage {
	const usage: Usage = {};
	const { members, devices } = state;
	const rules = countingRules(policy);
	for (const id in members) {
		const member = members[id];
		if (member !== undefined) countMemberWith(usage, member, rules, 1);
	}
	for (const code in devices) {
		const device = devices[code];
		if (device !== undefined) countDevice(usage, device, 1);
	}
	return usage;
}

/** Records a draft is still writing: never cached, since their content changes in place. */
const mutableRecords = new WeakSet<object>();

/** Marks a record as written in place (by a draft) or as final again. */
export function markMutable(record: object, mutable: boolean): void {
	if (mutable) mutableRecords.add(record);
	else mutableRecords.delete(record);
}

type UsageCache = WeakMap<object, WeakMap<object, WeakMap<Policy, Usage>>>;
const usageCache: UsageCache = new WeakMap();

/** Remembers the usage of a (members, devices, policy) triple. */
export function rememberUsage(state: GroupState, policy: Policy, usage: Usage): void {
	let byDevices = usageCache.get(state.members);
	if (byDevices === undefined) {
		byDevices = new WeakMap();
		usageCache.set(state.members, byDevices);
	}
	let byPolicy = byDevices.get(state.devices);
	if (byPolicy === undefined) {
		byPolicy = new WeakMap();
		byDevices.set(state.devices, byPolicy);
	}
	byPolicy.set(policy, usage);
}

/** Drops every cached usage of a members record (an in-place draft changed it). */
export function forgetUsage(members: object): void {
	usageCache.delete(members);
}

/** The usage of a state, from the cache or a full pass. Treat the result as read-only. */
export function usageOf(state: GroupState, policy: Policy): Usage {
	if (mutableRecords.has(state.members) || mutableRecords.has(state.devices))
		return scanUsage(state, policy);
	const cached = usageCache.get(state.members)?.get(state.devices)?.get(policy);
	if (cached !== undefined) return cached;
	const usage = scanUsage(state, policy);
	rememberUsage(state, policy, usage);
	return usage;
}

/** A deep copy of a usage, to update without touching a cached one. */
export function cloneUsage(usage: Usage): Usage {
	const copy: Usage = {};
	for (const [product, counts] of Object.entries(usage)) copy[product] = { ...counts };
	return copy;
}

/** The usage of a product, zero when nothing is used. */
export function productUsage(usage: Usage, product: string): ProductUsage {
	return usage[product] ?? { standard: 0, floating: 0, pending: 0, administrators: 0 };
}
