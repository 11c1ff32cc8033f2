/**
 * The one pass over members and devices the group view needs: seat usage (the same counting as
 * the decisions), member counts by status, and the administrators (G1: admins can list them).
 * Written as plain loops because it runs on 100,000 members on every render (< 50 ms).
 */

import type { Role } from './common-schema.ts';
import type { Policy } from './policy-schema.ts';
import type { Usage } from './seat-usage.ts';
import { countDevice, countMember } from './seat-usage.ts';
import type { GroupState } from './state-schema.ts';

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
	admins: AdminEntry[];
	billable: AdminEntry | null;
	devices: number;
}

/** Counts everything the view needs in one pass. */
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
	for (const id in members) {
		const member = members[id];
		if (member === undefined) continue;
		scan.total += 1;
		if (member.status === 'active') scan.active += 1;
		else scan.awaitingRegistration += 1;
		countMember(scan.usage, member, policy, 1);
		if (member.roles.length === 0) continue;
		const entry = { id, name: member.name, email: member.email, roles: member.roles };
		if (member.roles.includes('billable')) scan.billable = entry;
		if (member.roles.includes('owner') || member.roles.includes('admin')) scan.admins.push(entry);
	}
	for (const code in devices) {
		const device = devices[code];
		if (device === undefined) continue;
		scan.devices += 1;
		countDevice(scan.usage, device, 1);
	}
	return scan;
}
