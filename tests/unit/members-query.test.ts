import { describe, expect, it } from 'vitest';
import { presets, type GroupState, type Member, type Policy } from '../../src/lib/domain/index.ts';
import { holderTest, recallDraft } from '../../src/lib/state/license-actions.ts';
import {
	buildMemberIndex,
	everyone,
	fold,
	MemberQuery,
	type MemberFilter,
	type QueryContext
} from '../../src/lib/state/member-index.ts';

const first = ['Amélie', 'Lukas', 'Zoé', 'Noah', 'Chloé', 'Jürgen', 'Ines', 'Théo', 'Lou', 'Ben'];
const last = ['Dubois', 'Müller', 'Bernard', 'Schmidt', 'Lefèvre', 'Keller', 'Smith', 'Roux'];

/** 100,000 members with a deterministic mix of names, statuses, rights groups and licenses. */
function bigGroup(count = 100_000): Record<string, Member> {
	const members: Record<string, Member> = {};
	for (let i = 0; i < count; i++) {
		const id = `m${String(i).padStart(6, '0')}`;
		const name = `${first[i % first.length] ?? ''} ${last[(i * 7) % last.length] ?? ''} ${i}`;
		members[id] = {
			id,
			email: `user${i}@example${i % 3}.com`,
			name,
			status: i % 5 === 0 ? 'awaiting-registration' : 'active',
			roles: [],
			licenseAdmin: null,
			licenses: i % 2 === 0 ? ['designer'] : [],
			rightsGroup: ['employee', 'guest', 'admin'][i % 3] ?? null,
			modules: [],
			permissions: [],
			createdAt: 0
		};
	}
	return members;
}

const members = bigGroup();
/** A member of the big group, by id. */
function memberAt(id: string): Member {
	const found = members[id];
	if (!found) throw new Error(`no member ${id}`);
	return found;
}
const index = buildMemberIndex(members);
const all = Object.values(members);
const named: QueryContext = {
	holds: (m: Member, p: string) => m.licenses.includes(p),
	touched: new Set<string>()
};

/** The obvious, slow answer to compare against. */
function naive(filter: MemberFilter, context: QueryContext): string[] {
	const text = fold(filter.text);
	return all
		.filter(
			(m) =>
				(text === '' || fold(m.name).includes(text) || m.email.toLowerCase().includes(text)) &&
				(filter.status === '' ||
					(filter.status === 'pending' ? context.touched.has(m.id) : m.status === filter.status)) &&
				(filter.rightsGroup === '' || m.rightsGroup === filter.rightsGroup) &&
				(filter.product === '' || context.holds(m, filter.product))
		)
		.map((m) => m.id)
		.sort();
}

const ids = (entries: readonly { member: Member }[]) => entries.map((e) => e.member.id).sort();

describe('members query at 100,000 members (correctness; timing is a benchmark)', () => {
	it('indexes every member once, sorted by folded name', () => {
		expect(index.entries).toHaveLength(100_000);
		for (let i = 1; i < index.entries.length; i++) {
			const before = index.entries[i - 1]?.sort ?? '';
			expect(before <= (index.entries[i]?.sort ?? '')).toBe(true);
		}
		expect(fold(index.entries[0]?.member.name ?? '')).toMatch(/^amelie/);
	});

	it('finds names without their accents and e-mails in any case', () => {
		const query = new MemberQuery();
		const lukas = query.run(index, { ...everyone, text: 'LUKAS mull' }, named);
		expect(ids(lukas)).toEqual(naive({ ...everyone, text: 'lukas mull' }, named));
		expect(lukas.length).toBe(2_500);
		expect(lukas.every((e) => e.member.name.startsWith('Lukas Müller'))).toBe(true);
		const chloe = query.run(index, { ...everyone, text: 'chloe lefevre' }, named);
		expect(chloe.every((e) => e.member.name.startsWith('Chloé Lefèvre'))).toBe(true);
		expect(chloe.length).toBe(2_500);
		const mail = query.run(index, { ...everyone, text: 'USER4242@' }, named);
		expect(mail.map((e) => e.member.email)).toEqual(['user4242@example0.com']);
	});

	it('narrows the previous result as the admin types, with the same answer as a full scan', () => {
		const query = new MemberQuery();
		let text = '';
		for (const letter of 'jurgen keller 1') {
			text += letter;
			const typed = query.run(index, { ...everyone, text }, named);
			expect(ids(typed)).toEqual(naive({ ...everyone, text }, named));
		}
		// Deleting letters widens again.
		const wider = query.run(index, { ...everyone, text: 'jurgen' }, named);
		expect(ids(wider)).toEqual(naive({ ...everyone, text: 'jurgen' }, named));
	});

	it('keeps name order in every result', () => {
		const result = new MemberQuery().run(index, { ...everyone, text: 'lou' }, named);
		const sorted = [...result].sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
		expect(result).toEqual(sorted);
	});

	it('filters by status, rights group and product holders, combined with the text', () => {
		const query = new MemberQuery();
		const filters: MemberFilter[] = [
			{ ...everyone, status: 'awaiting-registration' },
			{ ...everyone, rightsGroup: 'guest' },
			{ ...everyone, product: 'designer' },
			{ text: 'smith', status: 'active', rightsGroup: 'employee', product: 'designer' }
		];
		for (const filter of filters) {
			expect(ids(query.run(index, filter, named))).toEqual(naive(filter, named));
		}
	});

	it('shows only the members my pending intents touch under the "pending" status', () => {
		const touched = { ...named, touched: new Set(['m000007', 'm099999']) };
		const result = new MemberQuery().run(index, { ...everyone, status: 'pending' }, touched);
		expect(ids(result)).toEqual(['m000007', 'm099999']);
	});

	it('merges a decision that renamed, added and removed members into the previous index', () => {
		const { m000005: _removed, ...rest } = members;
		const changed: Record<string, Member> = {
			...rest,
			m000003: { ...memberAt('m000003'), name: 'Zzz Last' },
			n1: { ...memberAt('m000001'), id: 'n1', name: 'Aaa First', email: 'aaa@example.com' }
		};
		const merged = buildMemberIndex(changed, index);
		const fresh = buildMemberIndex({ ...changed });
		expect(merged.entries.map((e) => e.member.id)).toEqual(fresh.entries.map((e) => e.member.id));
		expect(merged.entries).toHaveLength(100_000);
		expect(merged.entries[0]?.member.id).toBe('n1');
		expect(merged.entries.at(-1)?.member.id).toBe('m000003');
		// Unchanged members keep their entry object: their keys are not computed again.
		const same = merged.entries.find((e) => e.member.id === 'm000004');
		expect(same).toBe(index.entries.find((e) => e.member.id === 'm000004'));
	});
});

describe('license models: who holds a seat, and what recalling it means', () => {
	const member = memberAt('m000000');
	const state = { devices: {} } as unknown as GroupState;
	const policy = (id: string): Policy => {
		const found = presets[id];
		if (!found) throw new Error(`no preset ${id}`);
		return found;
	};

	it('U2 recalls a named license; U3 moves to a rights group that uses no seat', () => {
		const namedPolicy = policy('license-groups');
		expect(holderTest(namedPolicy, state)(member, 'designer')).toBe(true);
		expect(recallDraft(namedPolicy, member, 'designer')).toEqual({
			kind: 'recall-license',
			memberId: 'm000000',
			product: 'designer'
		});
		const rights = policy('named-rights-groups');
		expect(holderTest(rights, state)({ ...member, rightsGroup: 'guest' }, 'workspace')).toBe(false);
		expect(holderTest(rights, state)(member, 'workspace')).toBe(true);
		expect(recallDraft(rights, member, 'workspace')).toMatchObject({ rightsGroup: 'guest' });
	});

	it('P12 takes module access away; D2 device licenses are released elsewhere', () => {
		const modules = policy('modules-packs');
		expect(recallDraft(modules, member, 'crm')).toMatchObject({ module: 'crm', access: false });
		expect(recallDraft(policy('enterprise-devices'), member, 'counter')).toBeUndefined();
	});
});
