import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents, parseIntent } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import { setFirstExpiry } from '../../src/lib/domain/operator-actions.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import type { Policy } from '../../src/lib/domain/policy-schema.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import {
	markDraft,
	openDraft,
	putMember,
	rollbackDraft
} from '../../src/lib/domain/state-draft.ts';
import { parseGroupState } from '../../src/lib/domain/state-parse.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import {
	at,
	failure,
	groupWithSeats,
	intent,
	newGroup,
	operator,
	owner,
	preset,
	withMember
} from './fixtures.ts';

const groups = preset('license-groups');

describe('bad input: typed errors, never exceptions, never partial results', () => {
	it('an invalid policy is refused by every function with the path of the field', () => {
		const broken = { ...groups, graceDays: -1 } as Policy;
		const state = newGroup(groups);
		expect(
			failure(
				quote(
					state,
					broken,
					{ kind: 'set-seats', product: 'designer', newTotal: 1 },
					at('2026-01-02')
				)
			)
		).toMatchObject({ code: 'policy.invalid', path: 'graceDays' });
		expect(failure(advanceClock(state, broken, at('2026-01-02'))).code).toBe('policy.invalid');
		expect(failure(groupView(state, [], broken, at('2026-01-02'))).code).toBe('policy.invalid');
		const decided = decideIntent(
			state,
			intent({ kind: 'set-auto-renew', on: false }),
			broken,
			at('2026-01-02')
		);
		expect(decided.decision).toMatchObject({
			outcome: 'rejected',
			code: 'policy.invalid',
			path: 'graceDays'
		});
		expect(decided.state).toBe(state);
	});

	it('an unknown product or pack is a typed error', () => {
		const state = groupWithSeats(groups, 1);
		expect(
			failure(
				quote(
					state,
					groups,
					{ kind: 'set-seats', product: 'teleporter', newTotal: 1 },
					at('2026-02-01')
				)
			)
		).toEqual({ code: 'product.unknown', params: { product: 'teleporter' } });
		expect(
			failure(
				quote(state, groups, { kind: 'add-pack', pack: 'unicorns', count: 1 }, at('2026-02-01'))
			).code
		).toBe('pack.unknown');
	});

	it('a negative or fractional quantity is a typed error naming the field', () => {
		const state = groupWithSeats(groups, 1);
		expect(
			failure(
				quote(
					state,
					groups,
					{ kind: 'set-seats', product: 'designer', newTotal: -1 },
					at('2026-02-01')
				)
			)
		).toMatchObject({ code: 'quantity.out-of-range', path: 'newTotal' });
		expect(
			failure(
				quote(
					state,
					groups,
					{ kind: 'set-seats', product: 'designer', newTotal: 2.5 },
					at('2026-02-01')
				)
			)
		).toMatchObject({ code: 'quantity.not-a-whole-number', path: 'newTotal' });
		const fractional = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'designer',
				newTotal: 1.5,
				term: null,
				support: null,
				passwordConfirmed: true
			}),
			groups,
			at('2026-02-01')
		);
		expect(fractional.decision).toMatchObject({
			outcome: 'rejected',
			code: 'quantity.not-a-whole-number',
			path: 'newTotal'
		});
	});

	it('a date out of range (2026-02-30, year 10000, NaN) is a typed error', () => {
		const state = newGroup(groups);
		expect(
			failure(setFirstExpiry(state, groups, '2026-02-30', operator, at('2026-01-02'))).code
		).toBe('date.out-of-range');
		expect(
			failure(setFirstExpiry(state, groups, '10000-01-01', operator, at('2026-01-02'))).code
		).toBe('date.out-of-range');
		expect(
			failure(
				placeOrder(
					state,
					groups,
					{ kind: 'set-seats', product: 'designer', newTotal: 1 },
					owner,
					Number.NaN
				)
			).code
		).toBe('date.out-of-range');
		expect(failure(advanceClock(state, groups, 253_402_300_800_000)).code).toBe(
			'date.out-of-range'
		);
		const future = parseIntent({
			id: 'i',
			kind: 'set-auto-renew',
			on: true,
			author: 'owner-1',
			createdAt: 1e20
		});
		expect(failure(future)).toMatchObject({ code: 'date.out-of-range', path: 'createdAt' });
		const badState = JSON.parse(JSON.stringify(state)) as GroupState;
		badState.subscription.expiry = '2026-02-30';
		expect(failure(parseGroupState(badState))).toMatchObject({
			code: 'date.out-of-range',
			path: 'subscription.expiry'
		});
	});

	it('an intent for an unknown member is rejected and leaves the state as it was', () => {
		const state = groupWithSeats(groups, 2);
		const ghost = decideIntent(
			state,
			intent({ kind: 'recall-license', memberId: 'ghost', product: 'designer' }),
			groups,
			at('2026-02-01')
		);
		expect(ghost.decision).toMatchObject({
			outcome: 'rejected',
			code: 'member.unknown',
			params: { memberId: 'ghost' }
		});
		expect(ghost.state).toBe(state);
		expect([ghost.history, ghost.events, ghost.emails]).toEqual([[], [], []]);
		const stranger = decideIntent(
			state,
			intent({ kind: 'set-auto-renew', on: false, author: 'stranger' }),
			groups,
			at('2026-02-01')
		);
		expect(stranger.decision).toMatchObject({ outcome: 'rejected', code: 'author.unknown' });
	});

	it('malformed intents are rejected with intent.invalid and a path, in a batch that goes on', () => {
		const state = withMember(groupWithSeats(groups, 1), { id: 'dana' });
		const batch = decideIntents(
			state,
			[
				null,
				42,
				{ id: 'x', kind: 'teleport' },
				{ id: 'y', kind: 'assign-license' },
				intent({
					kind: 'assign-license',
					product: 'designer',
					target: { by: 'member', memberId: 'dana' }
				})
			],
			groups,
			at('2026-02-01')
		);
		expect(
			batch.decisions.map((d) =>
				d.outcome === 'rejected' ? [d.intentId, d.code, d.path] : [d.intentId, 'accepted']
			)
		).toEqual([
			['', 'intent.invalid', ''],
			['', 'intent.invalid', ''],
			['x', 'intent.invalid', 'kind'],
			['y', 'intent.invalid', 'author'],
			[expect.any(String), 'accepted']
		]);
		expect(batch.changes.members).toEqual(['dana']);
	});

	it('garbage where a state should be gives internal.unexpected, not an exception', () => {
		const garbage = null as unknown as GroupState;
		expect(failure(groupView(garbage, [], groups, at('2026-02-01'))).code).toBe(
			'internal.unexpected'
		);
		expect(
			failure(
				recordPayment(
					garbage,
					groups,
					{ invoiceId: 'i', amount: 1, method: 'card' },
					owner,
					at('2026-02-01')
				)
			).code
		).toBe('internal.unexpected');
		expect(
			decideIntent(garbage, intent({ kind: 'set-auto-renew', on: false }), groups, at('2026-02-01'))
				.decision
		).toMatchObject({ outcome: 'rejected', code: 'internal.unexpected' });
		expect(
			failure(
				createGroup(
					groups,
					{ groupId: '', owner: { id: 'o', email: 'not-an-address', name: 'O' } },
					at('2026-02-01')
				)
			).code
		).toBe('request.invalid');
		expect(
			failure(
				createGroup(
					groups,
					{ groupId: 'g', owner: { id: 'o', email: 'not-an-address', name: 'O' } },
					at('2026-02-01')
				)
			)
		).toMatchObject({ code: 'email.invalid', path: 'owner.email' });
		expect(
			decideIntent(newGroup(groups), 'nope' as unknown as Intent, groups, at('2026-02-01')).decision
				.outcome
		).toBe('rejected');
	});

	it('a change that fails half-way is rolled back entirely', () => {
		const state = withMember(withMember(newGroup(groups), { id: 'a' }), { id: 'b' });
		const draft = openDraft(state);
		putMember(draft, { ...(state.members['a'] ?? never()), name: 'kept' });
		const mark = markDraft(draft);
		putMember(draft, { ...(state.members['b'] ?? never()), name: 'undone' });
		putMember(draft, { ...(state.members['a'] ?? never()), name: 'undone too' });
		rollbackDraft(draft, mark);
		expect([draft.state.members['a']?.name, draft.state.members['b']?.name]).toEqual(['kept', 'b']);
		expect(state.members['a']?.name).toBe('a');
	});
});

/** Fails a test set-up that should not happen. */
function never(): never {
	throw new Error('missing fixture');
}
