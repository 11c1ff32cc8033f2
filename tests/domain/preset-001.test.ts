/**
 * Seed 001 (purchasing FAQ of a sales-routing tool), walked with the `annual-seats` preset.
 */

import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import {
	at,
	bought,
	failure,
	intent,
	newGroup,
	owner,
	preset,
	unwrap,
	withMember
} from './fixtures.ts';

const policy = preset('annual-seats');

/** A group with 5 licences bought on 2026-01-01 (expiry 2027-01-01), maybe with premier support. */
function five(support: string | null = null) {
	return bought(policy, newGroup(policy, '2026-01-01'), 'router', 5, '2026-01-01', null, support);
}

describe('preset 001 — annual seats', () => {
	it('U4 reps, agents, admins and managers all need licences, configuring or receiving leads alike', () => {
		const people = ['rep@acme.example', 'agent@acme.example', 'manager@acme.example'];
		const batch = decideIntents(
			five().state,
			people.map((email) =>
				intent({
					kind: 'assign-license',
					product: 'router',
					target: { by: 'email', email, name: email }
				})
			),
			policy,
			at('2026-02-01')
		);
		expect(batch.decisions.every((d) => d.outcome === 'accepted')).toBe(true);
		expect(
			unwrap(groupView(batch.state, [], policy, at('2026-02-01'))).products[0]?.pools[0]
		).toMatchObject({ size: 5, used: 3, free: 2 });
	});

	it('U4 members of a team need a licence even if the app is hidden: the licence key caps how many users are added', () => {
		let state = five().state;
		for (const id of ['a', 'b', 'c', 'd', 'e'])
			state = withMember(state, { id, licenses: ['router'] });
		const sixth = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'router',
				target: { by: 'email', email: 'f@acme.example', name: 'F' }
			}),
			policy,
			at('2026-02-01')
		);
		expect(sixth.decision).toMatchObject({
			outcome: 'rejected',
			code: 'seat.none-free',
			fix: { kind: 'buy-seats', count: 1 }
		});
		const without = decideIntent(
			state,
			intent({
				kind: 'add-member',
				email: 'f@acme.example',
				name: 'F',
				rightsGroup: null,
				permissions: []
			}),
			policy,
			at('2026-02-01')
		);
		expect(without.decision).toMatchObject({
			outcome: 'rejected',
			code: 'member.license-required'
		});
	});

	it('P6 there are only annual billing plans: quarterly or monthly is refused', () => {
		expect(
			failure(
				quote(
					newGroup(policy),
					policy,
					{ kind: 'set-seats', product: 'router', newTotal: 5, term: 'monthly' },
					at('2026-01-01')
				)
			).code
		).toBe('order.term-not-offered');
	});

	it('P1 the minimum order is 5 licences', () => {
		expect(
			failure(
				quote(
					newGroup(policy),
					policy,
					{ kind: 'set-seats', product: 'router', newTotal: 4 },
					at('2026-01-01')
				)
			)
		).toMatchObject({ code: 'order.below-minimum', params: { minimum: 5, requested: 4 } });
		expect(five().quote.total).toBe(180_000);
	});

	it('P2 extra licences during the year are charged pro rata (6 months left: 6 months) and all renew in one agreement', () => {
		const extra = unwrap(
			placeOrder(
				five().state,
				policy,
				{ kind: 'set-seats', product: 'router', newTotal: 8 },
				owner,
				at('2026-07-01')
			)
		);
		expect(extra.quote).toMatchObject({
			proration: { basis: 'month', remaining: 6, of: 12 },
			total: 3 * 18_000
		});
		const renewed = unwrap(advanceClock(extra.state, policy, at('2027-01-01')));
		const agreements = renewed.events.filter((e) => e.type === 'subscription.renewed');
		expect(agreements).toMatchObject([
			{ seats: { router: 8 }, total: 8 * 36_000, from: '2027-01-01', to: '2028-01-01' }
		]);
	});

	it('P8 the new licence key comes within 1 business day of the request, then the invoice follows', () => {
		const extra = unwrap(
			placeOrder(
				five().state,
				policy,
				{ kind: 'set-seats', product: 'router', newTotal: 6 },
				owner,
				at('2026-03-06')
			)
		);
		const types = extra.events.map((e) => e.type);
		expect(types.indexOf('license-key.issued')).toBeLessThan(types.indexOf('invoice.issued'));
		expect(extra.events.find((e) => e.type === 'license-key.issued')).toMatchObject({
			seats: { router: 6 },
			promisedBy: '2026-03-09'
		});
	});

	it('P9 premier support is part of the annual package; it is upgraded or downgraded only at renewal', () => {
		const plain = five();
		const midYear = decideIntent(
			plain.state,
			intent({ kind: 'change-support', level: 'premier' }),
			policy,
			at('2026-06-01')
		);
		expect(midYear.decision).toMatchObject({
			outcome: 'rejected',
			code: 'support.change-only-at-renewal'
		});
		const atRenewal = decideIntent(
			plain.state,
			intent({ kind: 'change-support', level: 'premier' }),
			policy,
			at('2026-12-01')
		);
		const renewed = unwrap(advanceClock(atRenewal.state, policy, at('2027-01-01')));
		expect(renewed.state.subscription.support).toBe('premier');
		expect(renewed.state.invoices['invoice-2']?.lines.map((l) => [l.kind, l.amount])).toEqual([
			['seats', 180_000],
			['support', 36_000]
		]);
	});

	it('P9 support is a % of the total licence fee, not a per-user licence: there is no "1 support licence"', () => {
		const withSupport = five('premier');
		const support = withSupport.quote.lines.find((l) => l.kind === 'support');
		expect(support).toMatchObject({
			quantity: 1,
			base: 180_000,
			percentBasisPoints: 2_000,
			amount: 36_000
		});
		const larger = unwrap(
			quote(
				withSupport.state,
				policy,
				{ kind: 'set-seats', product: 'router', newTotal: 30 },
				at('2026-01-01')
			)
		);
		// 25 more seats reach the 25-seat tier (GBP 324.00): support follows the licence fee, 20 % of 8,100.00.
		expect(larger.lines.map((l) => [l.kind, l.amount])).toEqual([
			['seats', 810_000],
			['support', 162_000]
		]);
	});
});
