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

const indexCache = new WeakMap<object, Map<string, string>>();

/** Address → member id for a members record (cached). */
function emailIndex(members: Record<string, Member>): Map<string, string> {
	let index = indexCache.get(members);
	if (index === undefined) {
		index = new Map();
		for (const id in members) {
			const member = members[id];
			if (member !== undefined) index.set(normalizeEmail(member.email), id);
		}
		indexCache.set(members, index);
	}
	return index;
}

/** The member of the draft with this address, if any. */
export function findMemberByEmail(draft: Draft, email: string): Member | undefined {
	const key = normalizeEmail(email);
	for (const id of draft.touchedMembers.keys()) {
		const member = draft.state.members[id];
		if (member !== undefined && normalizeEmail(member.email) === key) return member;
	}
	const id = emailIndex(draft.base.members).get(key);
	const member = id === undefined ? undefined : draft.state.members[id];
	return member !== undefined && normalizeEmail(member.email) === key ? member : undefined;
}
