import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent } from '../../src/lib/domain/intent-decide.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { setFirstExpiry } from '../../src/lib/domain/operator-actions.ts';
import { allowedPaymentMethods } from '../../src/lib/domain/payment-methods.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import {
	at,
	bought,
	failure,
	intent,
	newGroup,
	operator,
	owner,
	preset,
	unwrap,
	withMember
} from './fixtures.ts';

const groups = preset('license-groups');
const annual = preset('annual-seats');
const rights = preset('named-rights-groups');
const modules = preset('modules-packs');

describe('buying and pricing', () => {
	it('P1 a subscription of fewer than 5 licences is refused: 3 asks for 2 more; 5 then 6 are fine', () => {
		const state = newGroup(annual);
		const three = failure(
			quote(state, annual, { kind: 'set-seats', product: 'router', newTotal: 3 }, at('2026-01-02'))
		);
		expect(three).toMatchObject({
			code: 'order.below-minimum',
			params: { minimum: 5, requested: 3 },
			fix: { kind: 'buy-seats', product: 'router', count: 5 }
		});
		const five = bought(annual, state, 'router', 5, '2026-01-02');
		expect(five.quote.total).toBe(5 * 36_000);
		const six = unwrap(
			placeOrder(
				five.state,
				annual,
				{ kind: 'set-seats', product: 'router', newTotal: 6 },
				owner,
				at('2026-01-02')
			)
		);
		expect(six.state.holdings['router']?.seats).toBe(6);
		const reduce = quote(
			six.state,
			annual,
			{ kind: 'set-seats', product: 'router', newTotal: 4 },
			at('2026-02-01')
		);
		expect(failure(reduce)).toMatchObject({
			code: 'order.below-minimum',
			fix: { kind: 'set-total', product: 'router', total: 5 }
		});
	});

	it('P2 seats added mid-term are charged by whole months: 2 seats with 6 months left cost 6/12 (GBP 360.00), 6 months and a day cost 7/12', () => {
		const state = bought(annual, newGroup(annual), 'router', 5, '2026-01-01').state;
		const july = unwrap(
			quote(state, annual, { kind: 'set-seats', product: 'router', newTotal: 7 }, at('2026-07-01'))
		);
		expect(july.proration).toEqual({
			basis: 'month',
			from: '2026-07-01',
			to: '2027-01-01',
			remaining: 6,
			of: 12
		});
		expect(july.lines).toEqual([
			{
				kind: 'seats',
				ref: 'router',
				quantity: 2,
				unitPrice: 36_000,
				numerator: 6,
				denominator: 12,
				percentBasisPoints: null,
				base: null,
				amount: 36_000
			}
		]);
		expect(
			unwrap(
				quote(
					state,
					annual,
					{ kind: 'set-seats', product: 'router', newTotal: 7 },
					at('2026-06-30')
				)
			).total
		).toBe(42_000);
	});

	it('P2 or by days: one seat with 181 of 365 days left costs 13,200 × 181/365 = EUR 65.46', () => {
		const state = bought(rights, newGroup(rights), 'workspace', 2, '2026-03-01').state;
		const september = unwrap(
			quote(
				state,
				rights,
				{ kind: 'set-seats', product: 'workspace', newTotal: 3 },
				at('2026-09-01')
			)
		);
		expect(september.proration).toMatchObject({ basis: 'day', remaining: 181, of: 365 });
		expect(september.total).toBe(6_546);
	});

	it('P2 at renewal every licence renews in one agreement: 7 seats bought in two steps renew on one invoice of 7 × 360.00', () => {
		let state = bought(annual, newGroup(annual), 'router', 5, '2026-01-01').state;
		state = unwrap(
			placeOrder(
				state,
				annual,
				{ kind: 'set-seats', product: 'router', newTotal: 7 },
				owner,
				at('2026-07-01')
			)
		).state;
		const renewed = unwrap(advanceClock(state, annual, at('2027-01-01')));
		const invoice = Object.values(renewed.state.invoices).find((i) => i.reason === 'renewal');
		expect(invoice?.lines).toEqual([
			{
				kind: 'seats',
				ref: 'router',
				quantity: 7,
				unitPrice: 36_000,
				numerator: 1,
				denominator: 1,
				percentBasisPoints: null,
				base: null,
				amount: 252_000
			}
		]);
		expect(renewed.state.subscription.expiry).toBe('2028-01-01');
	});

	it('P3 the owner picks the new total, sees the change in price, and confirms with the password', () => {
		const state = bought(rights, newGroup(rights), 'workspace', 2, '2026-03-01').state;
		const preview = unwrap(
			quote(
				state,
				rights,
				{ kind: 'set-seats', product: 'workspace', newTotal: 5 },
				at('2026-03-01')
			)
		);
		expect(preview).toMatchObject({
			current: 2,
			requested: 5,
			delta: 3,
			total: 39_600,
			recurring: { before: 26_400, after: 66_000 }
		});
		const unconfirmed = placeOrder(
			state,
			rights,
			{ kind: 'set-seats', product: 'workspace', newTotal: 5 },
			{ ...owner, passwordConfirmed: false },
			at('2026-03-01')
		);
		expect(failure(unconfirmed).code).toBe('order.password-required');
		const confirmed = unwrap(
			placeOrder(
				state,
				rights,
				{ kind: 'set-seats', product: 'workspace', newTotal: 5 },
				owner,
				at('2026-03-01')
			)
		);
		expect(confirmed.quote).toEqual(preview);
		const lower = unwrap(
			quote(
				confirmed.state,
				rights,
				{ kind: 'set-seats', product: 'workspace', newTotal: 3 },
				at('2026-04-01')
			)
		);
		expect(lower).toMatchObject({
			total: 0,
			lines: [],
			effective: 'now',
			recurring: { before: 66_000, after: 39_600 }
		});
	});

	it('P4 tiers are not retroactive: 8 seats at USD 2,400 keep their price when 2 more reach the 10-seat tier at USD 2,160', () => {
		const first = bought(groups, newGroup(groups), 'designer', 8, '2026-01-02');
		expect(first.quote).toMatchObject({
			total: 1_920_000,
			nextTier: { from: 10, unitPrice: 216_000, seatsToReach: 2 }
		});
		const second = unwrap(
			placeOrder(
				first.state,
				groups,
				{ kind: 'set-seats', product: 'designer', newTotal: 10 },
				owner,
				at('2026-07-02')
			)
		);
		expect(second.quote.tier).toEqual({
			from: 10,
			to: 24,
			unitPrice: 216_000,
			volumeBefore: 8,
			volumeAfter: 10,
			reason: 'volume-after-purchase'
		});
		// 2 × 2,160.00 × 184/365 = 2,177.75 (rounded once).
		expect(second.quote.proration).toMatchObject({ remaining: 184, of: 365 });
		expect(second.quote.total).toBe(217_775);
		expect(second.state.orders[0]).toEqual(first.state.orders[0]);
		expect(second.state.orders[0]?.lines[0]?.unitPrice).toBe(240_000);
		expect(second.state.invoices['invoice-1']).toEqual(first.state.invoices['invoice-1']);
	});

	it('P5 invoices under USD 7,800 may be paid by card; at or over it by check or wire only', () => {
		expect(allowedPaymentMethods(groups, 779_999)).toEqual(['card']);
		expect(allowedPaymentMethods(groups, 780_000)).toEqual(['check', 'wire']);
		const state = newGroup(groups);
		expect(
			unwrap(
				quote(
					state,
					groups,
					{ kind: 'set-seats', product: 'designer', newTotal: 3 },
					at('2026-01-02')
				)
			).paymentMethods
		).toEqual(['card']);
		const four = bought(groups, state, 'designer', 4, '2026-01-02');
		expect(four.quote).toMatchObject({
			total: 960_000,
			paymentMethods: ['check', 'wire'],
			paymentThreshold: 780_000
		});
		const byCard = recordPayment(
			four.state,
			groups,
			{ invoiceId: 'invoice-1', amount: 960_000, method: 'card' },
			owner,
			at('2026-01-10')
		);
		expect(failure(byCard)).toMatchObject({
			code: 'payment.method-not-allowed',
			params: { allowed: 'check,wire' }
		});
		expect(
			recordPayment(
				four.state,
				groups,
				{ invoiceId: 'invoice-1', amount: 960_000, method: 'wire' },
				operator,
				at('2026-01-10')
			).ok
		).toBe(true);
	});

	it('P6 annual terms need the signed CLA, monthly ones do not; an annual-only policy refuses monthly', () => {
		const state = newGroup(groups);
		const yearly = placeOrder(
			state,
			groups,
			{ kind: 'set-seats', product: 'designer', newTotal: 2, term: 'annual' },
			owner,
			at('2026-01-02')
		);
		expect(failure(yearly)).toMatchObject({
			code: 'order.cla-required',
			fix: { kind: 'sign-cla' }
		});
		const monthly = unwrap(
			placeOrder(
				state,
				groups,
				{ kind: 'set-seats', product: 'designer', newTotal: 2, term: 'monthly' },
				owner,
				at('2026-01-02')
			)
		);
		expect(monthly.state.subscription).toMatchObject({ term: 'monthly', expiry: '2026-02-02' });
		expect(monthly.quote.total).toBe(2 * 22_000);
		const annualOnly = quote(
			newGroup(annual),
			annual,
			{ kind: 'set-seats', product: 'router', newTotal: 5, term: 'monthly' },
			at('2026-01-02')
		);
		expect(failure(annualOnly)).toMatchObject({
			code: 'order.term-not-offered',
			params: { term: 'monthly', offered: 'annual' }
		});
	});

	it('P7 the operator sets the first expiry; the first and every later purchase end on it (2 seats for 304 of 365 days)', () => {
		const state = newGroup(groups, '2026-03-01');
		expect(failure(setFirstExpiry(state, groups, '2026-12-31', owner, at('2026-03-01'))).code).toBe(
			'operator.only'
		);
		expect(
			failure(setFirstExpiry(state, groups, '2027-06-01', operator, at('2026-03-01'))).code
		).toBe('expiry.out-of-range');
		const set = unwrap(setFirstExpiry(state, groups, '2026-12-31', operator, at('2026-03-01')));
		const first = bought(groups, set.state, 'designer', 2, '2026-03-02');
		expect(first.quote).toMatchObject({
			expiry: '2026-12-31',
			proration: { remaining: 304, of: 365 },
			total: 399_781
		});
		const later = unwrap(
			quote(
				first.state,
				groups,
				{ kind: 'set-seats', product: 'designer', newTotal: 3 },
				at('2026-06-01')
			)
		);
		expect(later.expiry).toBe('2026-12-31');
		expect(
			failure(setFirstExpiry(first.state, groups, '2026-11-30', operator, at('2026-06-01'))).code
		).toBe('expiry.already-set');
	});

	it('P8 a purchase delivers its licence key (promised within 1 business day: Friday → Monday) and then the invoice', () => {
		const friday = bought(annual, newGroup(annual), 'router', 5, '2026-01-02');
		expect(friday.events.map((e) => e.type)).toEqual([
			'subscription.started',
			'order.placed',
			'license-key.issued',
			'invoice.issued'
		]);
		expect(friday.events[2]).toMatchObject({
			keyId: 'key-1',
			seats: { router: 5 },
			expiry: '2027-01-02',
			promisedBy: '2026-01-05'
		});
		expect(friday.emails.map((e) => e.kind)).toEqual([
			'purchase.confirmation',
			'license-key.delivered',
			'invoice.issued'
		]);
	});

	it('P9 premier support is 20 % of the licence fee, not per user, and changes only at renewal', () => {
		const start = bought(annual, newGroup(annual), 'router', 5, '2026-01-01', null, 'premier');
		expect(start.quote.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
			['seats', 5, 180_000],
			['support', 1, 36_000]
		]);
		expect(start.quote.lines[1]).toMatchObject({ percentBasisPoints: 2_000, base: 180_000 });
		const added = unwrap(
			quote(
				start.state,
				annual,
				{ kind: 'set-seats', product: 'router', newTotal: 7 },
				at('2026-07-01')
			)
		);
		expect(added.total).toBe(36_000 + 7_200);
		const early = decideIntent(
			start.state,
			intent({ kind: 'change-support', level: null }),
			annual,
			at('2026-05-01')
		);
		expect(early.decision).toMatchObject({
			outcome: 'rejected',
			code: 'support.change-only-at-renewal',
			params: { opensOn: '2026-11-02', renewsOn: '2027-01-01' },
			fix: { kind: 'wait-until', date: '2026-11-02' }
		});
		const inWindow = decideIntent(
			start.state,
			intent({ kind: 'change-support', level: null }),
			annual,
			at('2026-11-15')
		);
		expect(inWindow.state.subscription).toMatchObject({
			support: 'premier',
			pendingSupport: { level: null }
		});
		const renewed = unwrap(advanceClock(inWindow.state, annual, at('2027-01-01')));
		expect(renewed.state.subscription.support).toBe(null);
		expect(renewed.state.invoices['invoice-2']).toMatchObject({
			reason: 'renewal',
			amount: 180_000
		});
	});

	it('P10 auto-renewal is on by default and can be switched off at any time; off means the term simply ends', () => {
		const state = bought(modules, newGroup(modules), 'sales', 1, '2026-01-01').state;
		expect(state.subscription).toMatchObject({
			autoRenew: true,
			term: 'monthly',
			expiry: '2026-02-01'
		});
		const off = decideIntent(
			state,
			intent({ kind: 'set-auto-renew', on: false }),
			modules,
			at('2026-01-20')
		);
		expect(off.history.map((h) => [h.kind, h.params['on']])).toEqual([
			['auto-renew.changed', false]
		]);
		const ended = unwrap(advanceClock(off.state, modules, at('2026-02-01')));
		expect(ended.state.subscription.status).toBe('expired');
		expect(ended.events.filter((e) => e.type.startsWith('subscription'))).toMatchObject([
			{ type: 'subscription.expired', on: '2026-02-01' }
		]);
		expect(ended.events.filter((e) => e.type === 'invoice.issued')).toEqual([]);
		const renewed = unwrap(advanceClock(state, modules, at('2026-02-01')));
		expect(renewed.events.map((e) => e.type).filter((t) => t !== 'invoice.past-due')).toEqual([
			'subscription.renewed',
			'invoice.issued'
		]);
		expect(renewed.state.subscription).toMatchObject({ status: 'active', expiry: '2026-03-01' });
	});

	it('P11 packs hang off the subscription: 2 extra users with 21 of 31 days left cost 2 × 12.00 × 21/31 = EUR 16.26', () => {
		const empty = newGroup(modules);
		expect(
			failure(
				quote(
					empty,
					modules,
					{ kind: 'add-pack', pack: 'extra-users-sales', count: 1 },
					at('2026-01-01')
				)
			).code
		).toBe('pack.requires-subscription');
		const state = bought(modules, empty, 'sales', 1, '2026-01-01').state;
		expect(
			failure(
				quote(
					state,
					modules,
					{ kind: 'add-pack', pack: 'extra-users-crm', count: 1 },
					at('2026-01-11')
				)
			).code
		).toBe('pack.module-not-subscribed');
		const pack = unwrap(
			placeOrder(
				state,
				modules,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 2 },
				owner,
				at('2026-01-11')
			)
		);
		expect(pack.quote).toMatchObject({
			proration: { basis: 'day', remaining: 21, of: 31 },
			total: 1_626,
			recurring: { before: 0, after: 2_400 }
		});
		const training = unwrap(
			placeOrder(
				pack.state,
				modules,
				{ kind: 'add-pack', pack: 'training-session', count: 1 },
				owner,
				at('2026-01-11')
			)
		);
		expect(training.quote).toMatchObject({ proration: { basis: 'one-off' }, total: 29_000 });
		expect(training.emails.at(-1)).toMatchObject({
			kind: 'training.scheduling-requested',
			to: { role: 'vendor' }
		});
		const view = unwrap(groupView(training.state, [], modules, at('2026-01-12')));
		expect(view.quotas).toMatchObject({
			'extra-users': 2,
			training: 1,
			'affiliated-companies': 1,
			'email-volume': 0
		});
	});

	it('P12 an extra user without a pack is billed by consumption per module on the billing date; a pack avoids it', () => {
		let state = bought(modules, newGroup(modules), 'sales', 1, '2026-01-01').state;
		state = withMember(state, { id: 'u2' });
		const admin = decideIntent(
			state,
			intent({ kind: 'set-module-access', memberId: 'owner-1', module: 'sales', access: true }),
			modules,
			at('2026-01-02')
		);
		expect(admin.decision).toMatchObject({ outcome: 'accepted', warnings: [] });
		const extra = decideIntent(
			admin.state,
			intent({ kind: 'set-module-access', memberId: 'u2', module: 'sales', access: true }),
			modules,
			at('2026-01-03')
		);
		expect(extra.decision).toMatchObject({
			outcome: 'accepted',
			warnings: [
				{
					code: 'seat.billed-by-consumption',
					params: { module: 'sales', price: 1_500, uncovered: 1 }
				}
			]
		});
		const billed = unwrap(advanceClock(extra.state, modules, at('2026-02-01')));
		const consumption = Object.values(billed.state.invoices).find(
			(i) => i.reason === 'consumption'
		);
		expect(consumption).toMatchObject({
			amount: 1_500,
			issuedOn: '2026-02-01',
			lines: [{ kind: 'consumption', ref: 'sales', quantity: 1, unitPrice: 1_500 }]
		});
		// The same user covered by a pack bought beforehand: no consumption invoice.
		const packed = unwrap(
			placeOrder(
				admin.state,
				modules,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 1 },
				owner,
				at('2026-01-02')
			)
		);
		const covered = decideIntent(
			packed.state,
			intent({ kind: 'set-module-access', memberId: 'u2', module: 'sales', access: true }),
			modules,
			at('2026-01-03')
		);
		expect(covered.decision).toMatchObject({ outcome: 'accepted', warnings: [] });
		const quiet = unwrap(advanceClock(covered.state, modules, at('2026-02-01')));
		expect(quiet.events.filter((e) => e.type === 'consumption.billed')).toEqual([]);
		// A pack bought mid-period stops the bills from the next period on (the period's peak stays).
		const late = unwrap(
			placeOrder(
				billed.state,
				modules,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 1 },
				owner,
				at('2026-02-02')
			)
		);
		const february = unwrap(advanceClock(late.state, modules, at('2026-03-01')));
		const march = unwrap(advanceClock(february.state, modules, at('2026-04-01')));
		expect(february.events.filter((e) => e.type === 'consumption.billed')).toHaveLength(1);
		expect(march.events.filter((e) => e.type === 'consumption.billed')).toEqual([]);
	});
});
