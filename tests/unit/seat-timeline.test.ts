import { describe, expect, it } from 'vitest';
import { decideIntents, type HistoryEntry, type Intent } from '../../src/lib/domain/index.ts';
import { seatTimeline } from '../../src/lib/state/seat-timeline.ts';
import { at, bought, newGroup, ownerId, preset } from '../domain/fixtures.ts';

const day = 24 * 60 * 60 * 1000;

describe('license use over time (dashboard chart)', () => {
	it('U1/U2 steps up with each license given, down with each recalled, under the purchases', () => {
		const policy = preset('license-groups');
		const order = bought(policy, newGroup(policy, '2026-01-01'), 'designer', 3, '2026-01-02');
		const give = (email: string, createdAt: number): Intent => ({
			id: `give-${email}`,
			author: ownerId,
			createdAt,
			kind: 'assign-license',
			product: 'designer',
			target: { by: 'email', email, name: email }
		});
		const first = decideIntents(
			order.state,
			[give('a@acme.example', 0), give('b@acme.example', 0)],
			policy,
			at('2026-01-10')
		);
		const recalled = decideIntents(
			first.state,
			[
				{
					id: 'recall-a',
					author: ownerId,
					createdAt: 0,
					kind: 'recall-license',
					memberId: 'invite-give-a@acme.example',
					product: 'designer'
				}
			],
			policy,
			at('2026-01-20')
		);
		const history: HistoryEntry[] = [...order.history, ...first.history, ...recalled.history];
		const points = seatTimeline({
			state: recalled.state,
			history,
			ledger: order.events,
			policy,
			product: 'designer',
			assignedNow: 1,
			now: at('2026-02-01')
		});
		expect(
			points.map((p) => [new Date(p.at).toISOString().slice(0, 10), p.purchased, p.assigned])
		).toEqual([
			['2026-01-02', 3, 0],
			['2026-01-10', 3, 2],
			['2026-01-20', 3, 1],
			['2026-02-01', 3, 1]
		]);
	});

	it('U3 counts only rights groups that use a seat, and shows at least two weeks', () => {
		const policy = preset('named-rights-groups');
		const order = bought(policy, newGroup(policy, '2026-03-01'), 'workspace', 5, '2026-03-01');
		const now = at('2026-03-02');
		const added = decideIntents(
			order.state,
			['employee', 'guest'].map((rightsGroup) => ({
				id: `add-${rightsGroup}`,
				author: ownerId,
				createdAt: 0,
				kind: 'add-member',
				email: `${rightsGroup}@acme.example`,
				name: rightsGroup,
				rightsGroup,
				permissions: []
			})),
			policy,
			now
		);
		const points = seatTimeline({
			state: added.state,
			history: [...order.history, ...added.history],
			ledger: order.events,
			policy,
			product: 'workspace',
			assignedNow: 1,
			now
		});
		expect(points[0]).toEqual({ at: now - 14 * day, purchased: 0, assigned: 0 });
		expect(points.at(-1)).toMatchObject({ purchased: 5, assigned: 1 });
		expect(points.map((p) => p.assigned)).toEqual([0, 0, 1, 1]);
	});

	it('has nothing to draw before the first purchase or assignment', () => {
		const policy = preset('license-groups');
		const state = newGroup(policy);
		const points = seatTimeline({
			state,
			history: [],
			ledger: [],
			policy,
			product: 'designer',
			assignedNow: 0,
			now: at('2026-01-05')
		});
		expect(points).toEqual([]);
	});
});
