/**
 * Seed 004 (modules, packs and consumption billing of a business-software subscription), walked
 * with the `modules-packs` preset.
 */

import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import type { HistoryEntry } from '../../src/lib/domain/history-entries.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
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

const policy = preset('modules-packs');

/** A monthly subscription from 2026-01-01 with the sales and CRM modules and four people. */
function subscription(): GroupState {
	let state = bought(policy, newGroup(policy, '2026-01-01'), 'sales', 1, '2026-01-01').state;
	state = unwrap(
		placeOrder(
			state,
			policy,
			{ kind: 'set-seats', product: 'crm', newTotal: 1 },
			owner,
			at('2026-01-01')
		)
	).state;
	for (const id of ['u2', 'u3', 'u4']) state = withMember(state, { id });
	return decideIntent(
		state,
		intent({ kind: 'set-module-access', memberId: 'owner-1', module: 'sales', access: true }),
		policy,
		at('2026-01-01', 13)
	).state;
}

/** Gives module access, one intent per (member, module). */
function access(state: GroupState, pairs: [string, string][], date = '2026-01-05'): GroupState {
	return decideIntents(
		state,
		pairs.map(([memberId, module]) =>
			intent({ kind: 'set-module-access', memberId, module, access: true })
		),
		policy,
		at(date)
	).state;
}

describe('preset 004 — modules, packs and consumption', () => {
	it('P11 modules are the software of the subscription (sales, CRM …), each subscribed once', () => {
		const state = subscription();
		expect(Object.entries(state.holdings).map(([m, h]) => [m, h.seats])).toEqual([
			['sales', 1],
			['crm', 1]
		]);
		expect(
			failure(
				quote(state, policy, { kind: 'set-seats', product: 'sales', newTotal: 2 }, at('2026-01-05'))
			).code
		).toBe('order.above-maximum');
	});

	it('P10 tacit renewal is on when you subscribe, and you may remove it at any time', () => {
		const state = subscription();
		expect(state.subscription.autoRenew).toBe(true);
		const off = decideIntent(
			state,
			intent({ kind: 'set-auto-renew', on: false }),
			policy,
			at('2026-01-20')
		);
		expect(off.state.subscription.autoRenew).toBe(false);
		expect(unwrap(groupView(off.state, [], policy, at('2026-01-20'))).nextInvoice).toBe(null);
	});

	it('P11 packs are always tied to the main subscription (its modules)', () => {
		expect(
			failure(
				quote(
					newGroup(policy),
					policy,
					{ kind: 'add-pack', pack: 'assistance-10', count: 1 },
					at('2026-01-05')
				)
			).code
		).toBe('pack.requires-subscription');
		expect(
			failure(
				quote(
					subscription(),
					policy,
					{ kind: 'add-pack', pack: 'extra-users-accounting', count: 1 },
					at('2026-01-05')
				)
			).code
		).toBe('pack.module-not-subscribed');
	});

	it('P12 every user besides the administrator included in the subscription is an extra user', () => {
		const state = access(subscription(), [['u2', 'sales']]);
		const sales = unwrap(groupView(state, [], policy, at('2026-01-05'))).products.find(
			(p) => p.product === 'sales'
		);
		expect(sales?.pools[0]).toMatchObject({ size: 1, used: 2, over: 1 });
	});

	it('P11 P12 an extra-users pack is taken per module, with as many users as needed; a CRM without one bills both extra users', () => {
		const packed = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 2 },
				owner,
				at('2026-01-05')
			)
		);
		const state = access(packed.state, [
			['u2', 'sales'],
			['u3', 'sales'],
			['u2', 'crm'],
			['u3', 'crm']
		]);
		const view = unwrap(groupView(state, [], policy, at('2026-01-05')));
		expect(
			view.products
				.filter((p) => p.kind === 'module' && p.purchased > 0)
				.map((p) => [p.product, p.pools[0]?.size, p.pools[0]?.used, p.pools[0]?.over])
		).toEqual([
			['sales', 3, 3, 0],
			['crm', 1, 2, 2]
		]);
	});

	it('P12 a user declared without a pack is counted automatically and billed for each module they access, on the billing date', () => {
		const state = access(subscription(), [
			['u2', 'sales'],
			['u2', 'crm']
		]);
		const billed = unwrap(advanceClock(state, policy, at('2026-02-01')));
		const consumption = billed.events.find((e) => e.type === 'consumption.billed');
		expect(consumption).toMatchObject({
			periodStart: '2026-01-01',
			periodEnd: '2026-02-01',
			users: { sales: 1, crm: 1 },
			total: 1_500 + 1_000
		});
		const renewal = billed.events.find((e) => e.type === 'subscription.renewed');
		expect(renewal).toMatchObject({ from: '2026-02-01', total: 4_500 + 2_500 });
	});

	it('P12 the extra-users pack avoids the monthly consumption invoices', () => {
		let state = subscription();
		state = unwrap(
			placeOrder(
				state,
				policy,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 1 },
				owner,
				at('2026-01-02')
			)
		).state;
		state = access(state, [['u2', 'sales']]);
		const months = unwrap(advanceClock(state, policy, at('2026-04-01')));
		expect(months.events.filter((e) => e.type === 'consumption.billed')).toEqual([]);
		expect(months.events.filter((e) => e.type === 'subscription.renewed')).toHaveLength(3);
	});

	it('P11 the e-mailing module is the sending engine; sending needs an e-mail pack', () => {
		let state = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'set-seats', product: 'emailing', newTotal: 1 },
				owner,
				at('2026-01-10')
			)
		).state;
		expect(
			unwrap(groupView(state, [], policy, at('2026-01-10'))).products.find(
				(p) => p.product === 'emailing'
			)?.needsPack
		).toBe('email-volume');
		state = unwrap(
			placeOrder(
				state,
				policy,
				{ kind: 'add-pack', pack: 'emails-5000', count: 2 },
				owner,
				at('2026-01-10')
			)
		).state;
		const view = unwrap(groupView(state, [], policy, at('2026-01-10')));
		expect(view.products.find((p) => p.product === 'emailing')?.needsPack).toBe(null);
		expect(view.quotas['email-volume']).toBe(10_000);
	});

	it('P11 more affiliated companies than the subscription includes need a pack', () => {
		const before = unwrap(groupView(subscription(), [], policy, at('2026-01-10'))).quotas[
			'affiliated-companies'
		];
		const packed = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'add-pack', pack: 'affiliated-company', count: 2 },
				owner,
				at('2026-01-10')
			)
		);
		expect([
			before,
			unwrap(groupView(packed.state, [], policy, at('2026-01-10'))).quotas['affiliated-companies']
		]).toEqual([1, 3]);
	});

	it('P11 the assistance pack gives support tickets; it is not included in this subscription', () => {
		expect(unwrap(groupView(subscription(), [], policy, at('2026-01-10'))).quotas.assistance).toBe(
			0
		);
		const packed = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'add-pack', pack: 'assistance-10', count: 1 },
				owner,
				at('2026-01-10')
			)
		);
		expect(unwrap(groupView(packed.state, [], policy, at('2026-01-10'))).quotas.assistance).toBe(
			10
		);
	});

	it('P11 after buying a training session the vendor contacts you to propose dates', () => {
		const training = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'add-pack', pack: 'training-session', count: 1 },
				owner,
				at('2026-01-10')
			)
		);
		expect(training.emails.map((e) => [e.kind, e.to.role])).toContainEqual([
			'training.scheduling-requested',
			'vendor'
		]);
		expect(training.quote.total).toBe(29_000);
	});

	it('P12 an extra user of a module without consumption billing needs a pack: refused with "add a pack"', () => {
		const state = unwrap(
			placeOrder(
				subscription(),
				policy,
				{ kind: 'set-seats', product: 'emailing', newTotal: 1 },
				owner,
				at('2026-01-10')
			)
		).state;
		const second = access(state, [['owner-1', 'emailing']], '2026-01-11');
		const refused = decideIntent(
			second,
			intent({ kind: 'set-module-access', memberId: 'u2', module: 'emailing', access: true }),
			policy,
			at('2026-01-11')
		);
		expect(refused.decision).toMatchObject({
			code: 'seat.none-free',
			fix: { kind: 'add-pack', pack: 'extra-users-emailing', count: 1 }
		});
	});

	it('H1 the list of your actions on the subscription, each with the date of the operation', () => {
		const history: HistoryEntry[] = [];
		const first = bought(policy, newGroup(policy, '2026-01-01'), 'sales', 1, '2026-01-01');
		history.push(...first.history);
		const pack = unwrap(
			placeOrder(
				first.state,
				policy,
				{ kind: 'add-pack', pack: 'extra-users-sales', count: 1 },
				owner,
				at('2026-01-15')
			)
		);
		history.push(...pack.history);
		const off = decideIntent(
			pack.state,
			intent({ kind: 'set-auto-renew', on: false }),
			policy,
			at('2026-01-20')
		);
		history.push(...off.history);
		expect(
			history.map((h) => [new Date(h.at).toISOString().slice(0, 10), h.kind, h.author])
		).toEqual([
			['2026-01-01', 'subscription.started', 'owner-1'],
			['2026-01-01', 'seats.ordered', 'owner-1'],
			['2026-01-01', 'license-key.issued', 'owner-1'],
			['2026-01-01', 'invoice.issued', 'owner-1'],
			['2026-01-15', 'pack.added', 'owner-1'],
			['2026-01-15', 'license-key.issued', 'owner-1'],
			['2026-01-15', 'invoice.issued', 'owner-1'],
			['2026-01-20', 'auto-renew.changed', 'owner-1']
		]);
	});
});
