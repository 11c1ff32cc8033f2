import type { Member } from '$lib/domain/index.ts';
import { fold } from './member-index.ts';

/** A member with the folded text a picker matches against (name and e-mail). */
export interface SearchableMember {
	member: Member;
	key: string;
}

/** Folds every member once, so that each keystroke only compares strings. */
export function searchableMembers(members: readonly Member[]): SearchableMember[] {
	return members.map((member) => ({
		member,
		key: `${fold(member.name)}\u0001${member.email.toLowerCase()}`
	}));
}

/**
 * The first `limit` members whose name or e-mail contains every word of `text` (accents and
 * case ignored), in the given order. It stops at `limit`, so a common letter in a group of
 * 100,000 costs a few entries, and only a rare one walks the whole list.
 */
export function firstMatches(
	entries: readonly SearchableMember[],
	text: string,
	limit: number
): Member[] {
	const words = fold(text).split(/\s+/).filter(Boolean);
	const found: Member[] = [];
	for (const entry of entries) {
		if (words.every((word) => entry.key.includes(word))) {
			found.push(entry.member);
			if (found.length === limit) break;
		}
	}
	return found;
}
