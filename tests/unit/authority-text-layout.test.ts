import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createGroup, presets, type GroupState, type Member } from '../../src/lib/domain/index.ts';
import {
	authorityMaps,
	readDecisions,
	readHistory,
	readMembers,
	readState,
	writeOutcome,
	writeStateChange,
	type DecisionRecord
} from '../../src/lib/sync/authority-doc.ts';
import { AuthorityProjection } from '../../src/lib/sync/authority-projection.ts';

/**
 * The authority document keeps each member, device, invoice, decision and history entry as one
 * JSON text (one decode instead of one per string: half the load time of a large group), and
 * still reads documents written before, whose values are plain JSON.
 */

const policy = presets['named-rights-groups'];
if (!policy) throw new Error('no named-rights-groups preset');

const created = createGroup(
	policy,
	{ groupId: 'g-text', owner: { id: 'owner-1', name: 'Olivia', email: 'olivia@acme.example' } },
	Date.UTC(2026, 0, 5)
);
if (!created.ok) throw new Error(created.error.code);
const { history } = created.value;

function group(): GroupState {
	if (!created.ok) throw new Error(created.error.code);
	return created.value.state;
}

const member = (id: string): Member => ({
	id,
	name: `Person ${id}`,
	email: `${id}@acme.example`,
	status: 'active',
	roles: [],
	licenseAdmin: null,
	licenses: [],
	rightsGroup: 'guest',
	modules: [],
	permissions: [],
	createdAt: 0
});

const decision: DecisionRecord = {
	decision: { intentId: 'i-1', outcome: 'accepted', warnings: [] },
	author: 'owner-1',
	decidedAt: 1
};

describe('the authority document as JSON text', () => {
	it('H1 writes members, decisions and history as text and reads back exactly what was written', () => {
		const doc = new Y.Doc();
		const state = group();
		const next = { ...state, members: { ...state.members, m1: member('m1') } };
		writeStateChange(doc, undefined, next);
		writeOutcome(doc, {
			decisions: [decision],
			history
		});
		expect(typeof authorityMaps.members(doc).get('m1')).toBe('string');
		expect(typeof authorityMaps.decisions(doc).get('i-1')).toBe('string');
		expect(typeof authorityMaps.history(doc).get(0)).toBe('string');
		expect(readState(doc)).toEqual({ state: next, invalid: [] });
		expect(readDecisions(doc).get('i-1')).toEqual(decision);
		expect(readHistory(doc)).toHaveLength(1);
		const projection = new AuthorityProjection(doc);
		expect(projection.state).toEqual(next);
		expect(projection.decisions.get('i-1')).toEqual(decision);
		expect(projection.history).toEqual(readHistory(doc));
	});

	it('reads plain values of documents written before, and reports text that does not parse', () => {
		const doc = new Y.Doc();
		writeStateChange(doc, undefined, group());
		const projection = new AuthorityProjection(doc);
		doc.transact(() => {
			authorityMaps.members(doc).set('legacy', member('legacy'));
			authorityMaps.members(doc).set('garbled', '{"id": "garbled", ');
			authorityMaps.decisions(doc).set('i-1', decision);
		});
		expect(projection.state?.members['legacy']).toEqual(member('legacy'));
		expect(projection.state?.members['garbled']).toBeUndefined();
		expect(projection.invalid.has('members.garbled')).toBe(true);
		expect(projection.decisions.get('i-1')).toEqual(decision);
		expect(readMembers(doc)).toMatchObject({ invalid: 1 });
		expect(readState(doc).invalid).toEqual(['members.garbled']);
		// Deleting an invalid entry clears its report: absent is not invalid.
		authorityMaps.members(doc).delete('garbled');
		expect(projection.invalid.has('members.garbled')).toBe(false);
	});

	it('a touched entry whose text did not change is not written again', () => {
		const doc = new Y.Doc();
		const state = group();
		const next = { ...state, members: { ...state.members, m1: member('m1') } };
		writeStateChange(doc, undefined, next);
		let updates = 0;
		doc.on('update', () => updates++);
		// After an in-place decision "before" and "after" are one record: the document decides.
		writeStateChange(doc, next, next, { members: ['m1'] });
		expect(updates).toBe(0);
		const renamed = { ...next.members, m1: { ...member('m1'), name: 'Renamed' } };
		writeStateChange(doc, next, { ...next, members: renamed }, { members: ['m1'] });
		expect(updates).toBe(1);
		expect(readMembers(doc).members.find((m) => m.id === 'm1')?.name).toBe('Renamed');
	});

	it('H1 follows an appended history entry by entry, and anything but an append by reading it all', () => {
		const doc = new Y.Doc();
		writeStateChange(doc, undefined, group());
		const projection = new AuthorityProjection(doc);
		const entry = (at: number) => ({ ...history[0], at }) as (typeof history)[number];
		for (let at = 1; at <= 5; at++) writeOutcome(doc, { history: [entry(at), entry(at + 100)] });
		expect(projection.history).toEqual(readHistory(doc));
		expect(projection.history.map((h) => h.at)).toEqual([1, 101, 2, 102, 3, 103, 4, 104, 5, 105]);
		// Only a local, never-synced change can do this: the server refuses client writes here.
		authorityMaps.history(doc).insert(0, [JSON.stringify(entry(0))]);
		expect(projection.history).toEqual(readHistory(doc));
		authorityMaps.history(doc).delete(3, 4);
		expect(projection.history).toEqual(readHistory(doc));
		writeOutcome(doc, { history: [entry(9)] });
		expect(projection.history).toEqual(readHistory(doc));
		expect(projection.history.at(-1)?.at).toBe(9);
	});
});
