import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import type { LedgerPayload } from '../../src/lib/domain/ledger-schema.ts';
import { replayLedger, summarizeState } from '../../src/lib/domain/ledger-replay.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
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
const modules = preset('modules-packs');

/** A year in the life of a license group, collecting every ledger payload. */
function aYear(): { state: GroupState; ledger: LedgerPayload[] } {
	const ledger: LedgerPayload[] = [];
	let state = withMember(newGroup(groups), { id: 'dana' });
	const first = bought(groups, state, 'designer', 5, '2026-01-02');
	ledger.push(...first.events);
	state = decideIntents(
		first.state,
		[
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'dana' }
			}),
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'eli@acme.example', name: 'Eli' }
			})
		],
		groups,
		at('2026-01-03')
	).state;
	const paid = unwrap(
		recordPayment(
			state,
			groups,
			{ invoiceId: 'invoice-1', amount: 1_200_000, method: 'wire' },
			operator,
			at('2026-01-20')
		)
	);
	ledger.push(...paid.events);
	const lower = unwrap(
		placeOrder(
			paid.state,
			groups,
			{ kind: 'set-seats', product: 'designer', newTotal: 4 },
			owner,
			at('2026-06-01')
		)
	);
	ledger.push(...lower.events);
	return { state: lower.state, ledger };
}

describe('the group view', () => {
	it('shows seats used, pending and free per pool, expiry, lock and the next invoice in one call', () => {
		const { state, ledger } = aYear();
		const view = unwrap(groupView(state, ledger, groups, at('2026-06-02')));
		expect(view.products).toEqual([
			{
				product: 'designer',
				name: 'Designer seat',
				kind: 'seat',
				purchased: 5,
				pendingTotal: 4,
				billedByConsumption: false,
				needsPack: null,
				pools: [{ pool: 'standard', size: 4, used: 2, pending: 1, free: 2, over: 0 }]
			}
		]);
		expect(view.members).toEqual({ total: 3, active: 2, awaitingRegistration: 1, devices: 0 });
		expect(view.subscription).toMatchObject({
			status: 'active',
			term: 'annual',
			expiry: '2027-01-02',
			daysLeft: 214,
			autoRenew: true
		});
		expect(view.lock).toEqual({ locked: false, since: null, invoiceIds: [], locksOn: null });
		expect(view.nextInvoice).toEqual({ on: '2027-01-02', reason: 'renewal', amount: 4 * 240_000 });
		expect(view.billableAdmin?.id).toBe('owner-1');
		expect(view.ledger).toMatchObject({
			consistent: true,
			summary: { invoiced: 1_200_000, paid: 1_200_000, outstanding: 0, seats: { designer: 5 } }
		});
	});

	it('flags a ledger that does not replay to the state', () => {
		const { state, ledger } = aYear();
		const withoutPayment = ledger.filter((e) => e.type !== 'payment.recorded');
		expect(
			unwrap(groupView(state, withoutPayment, groups, at('2026-06-02'))).ledger.consistent
		).toBe(false);
		expect(
			unwrap(groupView(state, [{ type: 'nonsense' }], groups, at('2026-06-02'))).ledger
		).toEqual({ consistent: false, summary: null });
	});

	it('shows modules with their coverage, consumption and the pack a module still needs', () => {
		let state = bought(modules, newGroup(modules), 'sales', 1, '2026-01-01').state;
		state = unwrap(
			placeOrder(
				state,
				modules,
				{ kind: 'set-seats', product: 'emailing', newTotal: 1 },
				owner,
				at('2026-01-01')
			)
		).state;
		state = withMember(withMember(state, { id: 'u2' }), { id: 'u3' });
		for (const id of ['owner-1', 'u2', 'u3'])
			state = decideIntent(
				state,
				intent({ kind: 'set-module-access', memberId: id, module: 'sales', access: true }),
				modules,
				at('2026-01-05')
			).state;
		const view = unwrap(groupView(state, [], modules, at('2026-01-06')));
		expect(view.products.find((p) => p.product === 'sales')).toMatchObject({
			billedByConsumption: true,
			pools: [{ size: 1, used: 3, free: 0, over: 2 }]
		});
		expect(view.products.find((p) => p.product === 'emailing')).toMatchObject({
			needsPack: 'email-volume',
			billedByConsumption: false
		});
		expect(view.nextInvoice).toEqual({ on: '2026-02-01', reason: 'renewal', amount: 6_000 });
	});
});

describe('ledger replay', () => {
	it('balances equal a replay of the ledger after orders, payments, renewals, lock-out and reductions', () => {
		const { state, ledger } = aYear();
		const renewed = unwrap(advanceClock(state, groups, at('2027-02-20')));
		const all = [...ledger, ...renewed.events];
		expect(unwrap(replayLedger(all))).toEqual(summarizeState(renewed.state));
		expect(renewed.state.lock).not.toBe(null);
		expect(summarizeState(renewed.state)).toMatchObject({
			seats: { designer: 4 },
			expiry: '2028-01-02',
			locked: true,
			outstanding: 960_000
		});
	});

	it('refuses a payload that breaks the schema or contradicts the events before it', () => {
		const { ledger } = aYear();
		const broken = structuredClone(ledger) as unknown as Record<string, unknown>[];
		const issued = broken.findIndex((e) => e['type'] === 'invoice.issued');
		const target = broken[issued];
		if (target !== undefined) target['amount'] = -5;
		expect(failure(replayLedger(broken))).toMatchObject({
			code: 'ledger.invalid',
			path: `${issued}.amount`
		});
		const paymentFirst = [...ledger.filter((e) => e.type === 'payment.recorded'), ...ledger];
		expect(failure(replayLedger(paymentFirst))).toMatchObject({
			code: 'ledger.inconsistent',
			params: { index: 0, type: 'payment.recorded' }
		});
	});
});
