/**
 * Seed 000 (license groups FAQ), bought and paid through the HTTP API with the test clock: the
 * CLA for annual terms, a first expiry set by the desk, collective volume tiers, the card
 * threshold, and the lock-out 14 days past due until the wire transfer is recorded.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, type Invoice } from '../../src/lib/domain/index.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	type ApiClient,
	type ErrorBody,
	clientOf,
	ledgerTypes,
	moveClock,
	people,
	postOrder,
	postQuote,
	stored,
	todayOf
} from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'story-000';
let test: TestServer;
let owner: ApiClient;
let admin: ApiClient;
let operator: ApiClient;
let start: string;
let expiry: string;
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	admin = await clientOf(test, people.admin);
	operator = await clientOf(test, people.operator);
	await freshGroup(test, group);
	start = todayOf(test);
	expiry = addMonths(start, 6);
});
afterAll(async () => {
	await test.stop();
});

const annual = (newTotal: number) => ({
	kind: 'set-seats' as const,
	product: 'designer',
	newTotal,
	term: 'annual' as const
});

/** P2 by days: the share of the annual term ending on `expiry` that remains on `from`. */
const byDays = (seats: number, unitPrice: number, from: string) =>
	Math.round(
		(seats * unitPrice * daysBetween(from, expiry)) / daysBetween(addMonths(expiry, -12), expiry)
	);

const invoice = async (id: string): Promise<Invoice | undefined> =>
	(await stored(test, group)).state.invoices[id];

describe('preset 000 — license groups, through the API', () => {
	it('P6 an annual subscription needs the signed CLA: refused with the fix, nothing stored changes', async () => {
		const before = await stored(test, group);
		const refused = await postOrder(owner, group, annual(8));
		expect(refused.status).toBe(422);
		expect(refused.body.error).toMatchObject({
			code: 'order.cla-required',
			fix: { kind: 'sign-cla' }
		});
		// A monthly term needs no CLA: its quote is fine.
		const monthly = await postQuote(admin, group, { ...annual(8), term: 'monthly' });
		expect(monthly.status).toBe(200);
		expect(await stored(test, group)).toEqual(before);
	});

	it('P7 P4 P5 the desk sets the first expiry and records the CLA; 8 seats co-term to it, by days, and over USD 7,800 offer no card', async () => {
		const set = await operator.post(`/api/operator/groups/${group}/first-expiry`, { expiry });
		expect(set.status).toBe(200);
		expect((await operator.post(`/api/operator/groups/${group}/cla`, {})).status).toBe(200);
		const bought = await postOrder(owner, group, annual(8));
		expect(bought.status).toBe(201);
		const { quote } = bought.body;
		expect(quote).toMatchObject({
			expiry,
			tier: { from: 1, unitPrice: 240_000 },
			proration: { basis: 'day', from: start, to: expiry },
			total: byDays(8, 240_000, start)
		});
		expect(quote.total).toBeGreaterThanOrEqual(780_000);
		expect(quote.paymentMethods).toEqual(['check', 'wire']);
		expect(bought.body.invoice).toMatchObject({ id: 'invoice-1', amount: quote.total });
	});

	it('P4 the purchase that brings the group to 10 seats is priced at the 10-seat tier; the earlier invoice is untouched', async () => {
		const first = await invoice('invoice-1');
		const later = addDays(start, 10);
		await moveClock(test, later);
		const quoted = await postQuote(admin, group, annual(10));
		expect(quoted.body.tier).toMatchObject({
			from: 10,
			unitPrice: 216_000,
			volumeBefore: 8,
			volumeAfter: 10
		});
		const bought = await postOrder(owner, group, annual(10));
		expect(bought.body.quote).toEqual(quoted.body);
		expect(bought.body.quote.lines).toEqual([
			expect.objectContaining({ quantity: 2, unitPrice: 216_000 })
		]);
		expect(bought.body.quote.total).toBe(byDays(2, 216_000, later));
		// Under the threshold, a card may pay it (P5).
		expect(bought.body.quote.paymentMethods).toEqual(['card']);
		expect(await invoice('invoice-1')).toEqual(first);
	});

	it('I1 I2 13 days past due the invoice is past due; on the 14th the group locks and orders wait for the payment', async () => {
		const due = (await invoice('invoice-1'))?.dueOn ?? '';
		expect(due).toBe(addDays(start, 30));
		await moveClock(test, addDays(due, 13));
		expect(await invoice('invoice-1')).toMatchObject({ status: 'past-due' });
		expect((await stored(test, group)).state.lock).toBeNull();
		const head = (await stored(test, group)).ledger;
		const locked = await moveClock(test, addDays(due, 14));
		expect(locked.changed).toContain(group);
		expect(await ledgerTypes(test, group, head)).toEqual(['group.locked']);
		expect((await stored(test, group)).state.lock).toMatchObject({ invoiceIds: ['invoice-1'] });
		const before = await stored(test, group);
		const refused = await postOrder(owner, group, annual(11));
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({
			code: 'group.locked',
			fix: { kind: 'pay-invoice', invoiceId: 'invoice-1' }
		});
		expect(await stored(test, group)).toEqual(before);
	});

	it('I2 the desk records the wire transfer: the group unlocks and the owner buys again', async () => {
		const amount = (await invoice('invoice-1'))?.amount ?? 0;
		const head = (await stored(test, group)).ledger;
		const paid = await operator.post<{ lock: unknown; ledger: { type: string }[] } & ErrorBody>(
			`/api/operator/groups/${group}/payments`,
			{ invoiceId: 'invoice-1', amount, method: 'wire' }
		);
		expect(paid.status).toBe(200);
		expect(paid.body.lock).toBeNull();
		expect(paid.body.ledger.map((event) => event.type)).toEqual([
			'payment.recorded',
			'group.unlocked'
		]);
		expect(await ledgerTypes(test, group, head)).toEqual(['payment.recorded', 'group.unlocked']);
		expect(await invoice('invoice-1')).toMatchObject({ status: 'paid', method: 'wire' });
		expect((await postOrder(owner, group, annual(11))).status).toBe(201);
	});
});
