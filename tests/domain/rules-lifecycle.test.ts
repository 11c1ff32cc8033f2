import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import type { EmailNotice } from '../../src/lib/domain/email-notices.ts';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import type { HistoryEntry } from '../../src/lib/domain/history-entries.ts';
import { decideIntent } from '../../src/lib/domain/intent-decide.ts';
import { recordPayment, voidInvoice } from '../../src/lib/domain/payment-record.ts';
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

/** A group with 3 annual seats bought on 2026-01-02: invoice-1 of USD 7,200 due 2026-02-01. */
function billed() {
	return bought(groups, withMember(newGroup(groups), { id: 'dana' }), 'designer', 3, '2026-01-02');
}

describe('invoices and lock-out', () => {
	it('I1 an invoice has an amount, currency, due date and a status: open, past due, paid or void', () => {
		const order = billed();
		expect(order.state.invoices['invoice-1']).toMatchObject({
			amount: 720_000,
			currency: 'USD',
			issuedOn: '2026-01-02',
			dueOn: '2026-02-01',
			status: 'open'
		});
		const onDue = unwrap(advanceClock(order.state, groups, at('2026-02-01')));
		expect(onDue.state.invoices['invoice-1']?.status).toBe('open');
		const late = unwrap(advanceClock(order.state, groups, at('2026-02-02')));
		expect(late.state.invoices['invoice-1']?.status).toBe('past-due');
		expect(late.events).toMatchObject([
			{ type: 'invoice.past-due', invoiceId: 'invoice-1', on: '2026-02-02' }
		]);
		const paid = unwrap(
			recordPayment(
				late.state,
				groups,
				{ invoiceId: 'invoice-1', amount: 720_000, method: 'card' },
				owner,
				at('2026-02-03')
			)
		);
		expect(paid.state.invoices['invoice-1']).toMatchObject({
			status: 'paid',
			paidOn: '2026-02-03',
			method: 'card'
		});
		expect(
			failure(
				recordPayment(
					paid.state,
					groups,
					{ invoiceId: 'invoice-1', amount: 720_000, method: 'card' },
					owner,
					at('2026-02-03')
				)
			).code
		).toBe('invoice.not-open');
		expect(
			failure(
				recordPayment(
					late.state,
					groups,
					{ invoiceId: 'invoice-1', amount: 700_000, method: 'card' },
					owner,
					at('2026-02-03')
				)
			)
		).toMatchObject({
			code: 'payment.amount-mismatch',
			params: { expected: 720_000, received: 700_000 }
		});
		expect(
			failure(voidInvoice(late.state, groups, 'invoice-1', owner, at('2026-02-03'))).code
		).toBe('operator.only');
		expect(
			unwrap(voidInvoice(late.state, groups, 'invoice-1', operator, at('2026-02-03'))).state
				.invoices['invoice-1']?.status
		).toBe('void');
	});

	it('I2 14 days past the due date (2026-02-01) the group is locked on 2026-02-15, and paying unlocks it', () => {
		const order = billed();
		const day13 = unwrap(advanceClock(order.state, groups, at('2026-02-14')));
		expect(day13.state.lock).toBe(null);
		const day14 = unwrap(advanceClock(day13.state, groups, at('2026-02-15')));
		expect(day14.state.lock).toEqual({ since: '2026-02-15', invoiceIds: ['invoice-1'] });
		expect(day14.events.map((e) => e.type)).toEqual(['group.locked']);
		const give = intent({
			kind: 'assign-license',
			product: 'designer',
			target: { by: 'member', memberId: 'dana' }
		});
		expect(decideIntent(day14.state, give, groups, at('2026-02-16')).decision).toMatchObject({
			outcome: 'rejected',
			code: 'group.locked',
			fix: { kind: 'pay-invoice', invoiceId: 'invoice-1' }
		});
		const view = unwrap(groupView(day14.state, [], groups, at('2026-02-16')));
		expect(view.lock).toEqual({
			locked: true,
			since: '2026-02-15',
			invoiceIds: ['invoice-1'],
			locksOn: '2026-02-15'
		});
		const told = decideIntent(
			day14.state,
			intent({ kind: 'report-payment-in-progress', invoiceId: 'invoice-1' }),
			groups,
			at('2026-02-16')
		);
		expect(told.emails).toMatchObject([
			{ kind: 'payment-in-progress.reported', to: { role: 'vendor' } }
		]);
		expect(told.state.invoices['invoice-1']?.paymentInProgress).toBe(true);
		const paid = unwrap(
			recordPayment(
				told.state,
				groups,
				{ invoiceId: 'invoice-1', amount: 720_000, method: 'card' },
				owner,
				at('2026-02-17')
			)
		);
		expect(paid.state.lock).toBe(null);
		expect(paid.events.map((e) => e.type)).toEqual(['payment.recorded', 'group.unlocked']);
		expect(decideIntent(paid.state, give, groups, at('2026-02-17')).decision.outcome).toBe(
			'accepted'
		);
	});

	it('I2 the clock is idempotent: advancing twice to the same instant changes nothing the second time', () => {
		const first = unwrap(advanceClock(billed().state, groups, at('2027-03-01')));
		expect(first.events.length).toBeGreaterThan(0);
		const second = unwrap(advanceClock(first.state, groups, at('2027-03-01')));
		expect(second.state).toBe(first.state);
		expect([second.events, second.emails, second.history]).toEqual([[], [], []]);
	});

	it('I3 the billable admin receives every purchase, renewal and invoice e-mail, not the owner', () => {
		const created = unwrap(
			createGroup(
				groups,
				{
					groupId: 'g',
					owner: { id: 'owner-1', email: 'boss@acme.example', name: 'Boss' },
					billable: { id: 'bill', email: 'accounts@acme.example', name: 'Accounts' }
				},
				at('2026-01-01')
			)
		);
		const emails: EmailNotice[] = [];
		const order = bought(groups, created.state, 'designer', 3, '2026-01-02');
		emails.push(...order.emails);
		const locked = unwrap(advanceClock(order.state, groups, at('2026-02-15')));
		emails.push(...locked.emails);
		const paid = unwrap(
			recordPayment(
				locked.state,
				groups,
				{ invoiceId: 'invoice-1', amount: 720_000, method: 'card' },
				owner,
				at('2026-02-16')
			)
		);
		emails.push(...paid.emails);
		const renewed = unwrap(advanceClock(paid.state, groups, at('2027-01-02')));
		emails.push(...renewed.emails);
		expect(emails.map((e) => e.kind)).toEqual([
			'purchase.confirmation',
			'license-key.delivered',
			'invoice.issued',
			'invoice.reminder',
			'group.locked',
			'invoice.paid',
			'group.unlocked',
			'renewal.completed',
			'invoice.issued'
		]);
		for (const email of emails)
			expect(email.to).toEqual({
				role: 'billable-admin',
				memberId: 'bill',
				email: 'accounts@acme.example'
			});
	});
});

describe('history', () => {
	it('H1 every action is listed with its date and author, in order', () => {
		const created = unwrap(
			createGroup(
				groups,
				{ groupId: 'g', owner: { id: 'owner-1', email: 'licenses@acme.example', name: 'Olivia' } },
				at('2026-01-01')
			)
		);
		const history: HistoryEntry[] = [...created.history];
		const order = bought(
			groups,
			withMember(created.state, { id: 'dana' }),
			'designer',
			2,
			'2026-01-02'
		);
		history.push(...order.history);
		const given = decideIntent(
			order.state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'dana' }
			}),
			groups,
			at('2026-01-03')
		);
		history.push(...given.history);
		const recalled = decideIntent(
			given.state,
			intent({ kind: 'recall-license', memberId: 'dana', product: 'designer' }),
			groups,
			at('2026-01-04')
		);
		history.push(...recalled.history);
		const late = unwrap(advanceClock(recalled.state, groups, at('2026-02-02')));
		history.push(...late.history);
		expect(history.map((h) => [h.kind, h.author, h.at])).toEqual([
			['group.created', 'owner-1', at('2026-01-01')],
			['subscription.started', 'owner-1', at('2026-01-02')],
			['seats.ordered', 'owner-1', at('2026-01-02')],
			['license-key.issued', 'owner-1', at('2026-01-02')],
			['invoice.issued', 'owner-1', at('2026-01-02')],
			['license.assigned', 'owner-1', at('2026-01-03')],
			['license.recalled', 'owner-1', at('2026-01-04')],
			['invoice.past-due', 'system', at('2026-02-02')]
		]);
		const times = history.map((h) => h.at);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});
});
