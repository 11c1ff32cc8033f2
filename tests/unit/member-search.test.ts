import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/lib/domain/index.ts';
import { firstMatches, searchableMembers } from '../../src/lib/state/member-search.ts';

const member = (id: string, name: string, email: string): Member => ({
	id,
	email,
	name,
	status: 'active',
	roles: [],
	licenseAdmin: null,
	licenses: [],
	rightsGroup: null,
	modules: [],
	permissions: [],
	createdAt: 0
});

const people = searchableMembers([
	member('a', 'Zoé Müller', 'zoe@acme.example'),
	member('b', 'Lukas Weber', 'l.weber@acme.example'),
	member('c', 'Amélie Dubois', 'amelie@studio.example'),
	member('d', 'Zoe Martin', 'zmartin@acme.example')
]);
const ids = (found: Member[]) => found.map((m) => m.id);

describe('the member picker’s search', () => {
	it('ignores accents and case, in name and e-mail', () => {
		expect(ids(firstMatches(people, 'ZOE', 10))).toEqual(['a', 'd']);
		expect(ids(firstMatches(people, 'muller', 10))).toEqual(['a']);
		expect(ids(firstMatches(people, 'studio', 10))).toEqual(['c']);
	});

	it('needs every word, in any order', () => {
		expect(ids(firstMatches(people, 'martin zoe', 10))).toEqual(['d']);
		expect(ids(firstMatches(people, 'zoe weber', 10))).toEqual([]);
	});

	it('keeps the given order, stops at the limit, and lists everyone for an empty query', () => {
		expect(ids(firstMatches(people, 'acme', 2))).toEqual(['a', 'b']);
		expect(ids(firstMatches(people, '  ', 3))).toEqual(['a', 'b', 'c']);
	});
});
