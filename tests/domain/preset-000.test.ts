/**
 * Seed 000 (license groups FAQ), walked question by question with the `license-groups` preset.
 */

import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { setFirstExpiry } from '../../src/lib/domain/operator-actions.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import {
	at,
	bought,
	failure,
	groupWithSeats,
	intent,
	newGroup,
	operator,
	owner,
	preset,
	unwrap,
	withMember
} from './fixtures.ts';

const policy = preset('license-groups');

describe('preset 000 — license groups', () => {
	it('G2 I3 the billable administrator receives every purchase and yearly renewal e-mail', () => {
		const created = unwrap(
			createGroup(
				policy,
				{
					groupId: 'g',
					owner: { id: 'owner-1', email: 'boss@dealer.example', name: 'Boss' },
					billable: { id: 'acct', email: 'accounting@dealer.example', name: 'Accounting' }
				},
				at('2026-01-01')
			)
		);
		const order = bought(policy, created.state, 'designer', 2, '2026-01-02');
		const renewal = unwrap(advanceClock(order.state, policy, at('2027-01-02')));
		const billing = [...order.emails, ...renewal.emails].filter(
			(e) => !['invoice.reminder', 'group.locked'].includes(e.kind)
		);
		expect(billing.map((e) => e.kind)).toEqual([
			'purchase.confirmation',
			'license-key.delivered',
			'invoice.issued',
			'renewal.completed',
			'invoice.issued'
		]);
		expect(new Set(billing.map((e) => e.to.memberId))).toEqual(new Set(['acct']));
	});

	it('P5 invoices lower than USD 7,800 are paid by credit card, larger ones by check or wire transfer', () => {
		const three = unwrap(
			quote(
				newGroup(policy),
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 3 },
				at('2026-01-02')
			)
		);
		const four = unwrap(
			quote(
				newGroup(policy),
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 4 },
				at('2026-01-02')
			)
		);
		expect([three.total, three.paymentMethods]).toEqual([720_000, ['card']]);
		expect([four.total, four.paymentMethods]).toEqual([960_000, ['check', 'wire']]);
	});

	it('P7 support sets a specific expiration date on the first purchase; the next purchase matches it', () => {
		const set = unwrap(
			setFirstExpiry(
				newGroup(policy, '2026-04-01'),
				policy,
				'2026-09-30',
				operator,
				at('2026-04-01')
			)
		);
		const first = bought(policy, set.state, 'designer', 1, '2026-04-01');
		expect(first.state.subscription.expiry).toBe('2026-09-30');
		// 1 × 2,400.00 × 182/365 = 1,196.71.
		expect(first.quote).toMatchObject({ proration: { remaining: 182, of: 365 }, total: 119_671 });
		const next = unwrap(
			placeOrder(
				first.state,
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 2 },
				owner,
				at('2026-07-01')
			)
		);
		expect(next.quote.expiry).toBe('2026-09-30');
		expect(next.state.subscription.expiry).toBe('2026-09-30');
	});

	it('U2 an employee left without a replacement: recall the license, it waits in the unallocated licenses', () => {
		const state = withMember(groupWithSeats(policy, 2), { id: 'leaver', licenses: ['designer'] });
		const recalled = decideIntent(
			state,
			intent({ kind: 'recall-license', memberId: 'leaver', product: 'designer' }),
			policy,
			at('2026-03-01')
		);
		expect(
			unwrap(groupView(recalled.state, [], policy, at('2026-03-01'))).products[0]?.pools[0]
		).toMatchObject({ size: 2, used: 0, free: 2 });
	});

	it('U1 a user who has not registered shows as "Awaiting user registration"', () => {
		const given = decideIntent(
			groupWithSeats(policy, 2),
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'pat@dealer.example', name: 'Pat' }
			}),
			policy,
			at('2026-03-01')
		);
		const pat = Object.values(given.state.members).find((m) => m.email === 'pat@dealer.example');
		expect(pat?.status).toBe('awaiting-registration');
		expect(
			unwrap(groupView(given.state, [], policy, at('2026-03-01'))).members.awaitingRegistration
		).toBe(1);
	});

	it('G1 several license administrators reach the discount levels on their collective purchases and can list each other', () => {
		let state = withMember(newGroup(policy), { id: 'owner-2', roles: ['owner'] });
		state = bought(policy, state, 'designer', 7, '2026-01-02').state;
		const other = { userId: 'owner-2', roles: ['owner' as const], passwordConfirmed: true };
		const order = unwrap(
			placeOrder(
				state,
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 12 },
				other,
				at('2026-01-02')
			)
		);
		expect(order.quote.tier).toMatchObject({
			from: 10,
			volumeBefore: 7,
			volumeAfter: 12,
			unitPrice: 216_000
		});
		expect(
			unwrap(groupView(order.state, [], policy, at('2026-01-03')))
				.admins.map((a) => a.id)
				.sort()
		).toEqual(['owner-1', 'owner-2']);
	});

	it('P4 discounts are not retroactive; buying the extra licenses in advance can reach the next level', () => {
		const eight = bought(policy, newGroup(policy), 'designer', 8, '2026-01-02');
		// Hiring one person later costs the 1–9 tier; buying two now reaches the 10-seat tier.
		const one = unwrap(
			quote(
				eight.state,
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 9 },
				at('2026-01-02')
			)
		);
		const two = unwrap(
			quote(
				eight.state,
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 10 },
				at('2026-01-02')
			)
		);
		expect([one.tier?.unitPrice, two.tier?.unitPrice]).toEqual([240_000, 216_000]);
		expect(two.nextTier).toEqual({ from: 25, unitPrice: 192_000, seatsToReach: 15 });
		const bought10 = unwrap(
			placeOrder(
				eight.state,
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 10 },
				owner,
				at('2026-01-02')
			)
		);
		expect(bought10.state.orders.map((o) => o.lines[0]?.unitPrice)).toEqual([240_000, 216_000]);
	});

	it('I2 users are locked out 14 days past the original due date and unlocked once the invoice is paid', () => {
		const order = bought(policy, newGroup(policy), 'designer', 2, '2026-01-02');
		const locked = unwrap(advanceClock(order.state, policy, at('2026-02-15')));
		expect(unwrap(groupView(locked.state, [], policy, at('2026-02-15'))).lock.locked).toBe(true);
		const told = decideIntent(
			locked.state,
			intent({ kind: 'report-payment-in-progress', invoiceId: 'invoice-1' }),
			policy,
			at('2026-02-15')
		);
		expect(told.decision.outcome).toBe('accepted');
		const paid = unwrap(
			recordPayment(
				told.state,
				policy,
				{ invoiceId: 'invoice-1', amount: 480_000, method: 'card' },
				owner,
				at('2026-02-16')
			)
		);
		expect(unwrap(groupView(paid.state, [], policy, at('2026-02-16'))).lock.locked).toBe(false);
	});

	it('U1 a user from a free trial is recognised by e-mail and the giver becomes their license administrator', () => {
		const state = withMember(groupWithSeats(policy, 2), { id: 'la', roles: ['admin'] });
		const given = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'trial@dealer.example', name: 'Tri' },
				author: 'la'
			}),
			policy,
			at('2026-03-01'),
			{ accounts: { 'trial@dealer.example': 'acct-trial' } }
		);
		expect(given.state.members['acct-trial']).toMatchObject({
			status: 'active',
			licenseAdmin: 'la'
		});
	});

	it('U5 after a name change the user updates it on their account page', () => {
		const state = withMember(groupWithSeats(policy, 2), { id: 'kim', name: 'Kim Lee' });
		const batch = decideIntents(
			state,
			[
				intent({ kind: 'update-profile', memberId: 'kim', name: 'Kim Park' }),
				intent({ kind: 'update-profile', memberId: 'kim', name: 'Kim Park', author: 'kim' })
			],
			policy,
			at('2026-03-01')
		);
		expect(batch.decisions.map((d) => d.outcome)).toEqual(['rejected', 'accepted']);
		expect(batch.state.members['kim']?.name).toBe('Kim Park');
	});

	it('G4 personal addresses such as Gmail or Hotmail are not recommended: accepted with a warning', () => {
		const given = decideIntent(
			groupWithSeats(policy, 2),
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'kim@hotmail.com', name: 'Kim' }
			}),
			policy,
			at('2026-03-01')
		);
		expect(given.decision).toMatchObject({
			outcome: 'accepted',
			warnings: [{ code: 'address.free-mail' }]
		});
	});

	it('P6 a monthly subscription does not need the CLA', () => {
		const monthly = unwrap(
			placeOrder(
				newGroup(policy),
				policy,
				{ kind: 'set-seats', product: 'designer', newTotal: 1, term: 'monthly' },
				owner,
				at('2026-01-02')
			)
		);
		expect(monthly.state.subscription.term).toBe('monthly');
		expect(
			failure(
				placeOrder(
					newGroup(policy),
					policy,
					{ kind: 'set-seats', product: 'designer', newTotal: 1, term: 'annual' },
					owner,
					at('2026-01-02')
				)
			).code
		).toBe('order.cla-required');
	});
});
