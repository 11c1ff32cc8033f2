/**
 * Seed 002 ("add licenses" guide of a project cloud), through the HTTP API with the test clock:
 * only the owner changes the number of users, picking the new total and confirming with their
 * password after seeing the change in price; additions are billed by days up to the contract's
 * end; a lower total applies at once without refund; the invoice goes to the address on file.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../../src/lib/domain/index.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	type ApiClient,
	clientOf,
	ledgerTypes,
	moveClock,
	people,
	postOrder,
	postQuote,
	stored,
	todayOf
} from '../helpers/billing-api.ts';
import { demoPassword, startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'story-002';
let test: TestServer;
let owner: ApiClient;
let admin: ApiClient;
let start: string;
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	admin = await clientOf(test, people.admin);
	await freshGroup(test, group, { policyId: 'named-rights-groups' });
	start = todayOf(test);
});
afterAll(async () => {
	await test.stop();
});

const total = (newTotal: number) => ({
	kind: 'set-seats' as const,
	product: 'workspace',
	newTotal,
	term: 'monthly' as const
});

describe('preset 002 — named licenses by rights group, through the API', () => {
	it('G2 P3 an admin sees the change in price but only the owner, with their password, buys', async () => {
		const quoted = await postQuote(admin, group, total(10));
		expect(quoted.body.recurring).toEqual({ before: 0, after: 12_900 });
		const before = await stored(test, group);
		const byAdmin = await postOrder(admin, group, total(10));
		expect(byAdmin.body.error.code).toBe('order.owner-only');
		const guessed = await postOrder(owner, group, total(10), { password: 'tessera-guess' });
		expect(guessed.body.error.code).toBe('order.password-invalid');
		expect(await stored(test, group)).toEqual(before);
		const bought = await postOrder(owner, group, total(10), { password: demoPassword });
		expect(bought.status).toBe(201);
		expect(bought.body.quote).toEqual(quoted.body);
		expect(bought.body.invoice).toMatchObject({ amount: 12_900, currency: 'EUR' });
	});

	it('P2 two users added ten days in are billed by days up to the end of the contract’s term', async () => {
		const later = addDays(start, 10);
		await moveClock(test, later);
		const expiry = addMonths(start, 1);
		const remaining = daysBetween(later, expiry);
		const of = daysBetween(start, expiry);
		const bought = await postOrder(owner, group, total(12));
		expect(bought.body.quote.proration).toEqual({
			basis: 'day',
			from: later,
			to: expiry,
			remaining,
			of
		});
		expect(bought.body.quote.total).toBe(Math.round((2 * 1_290 * remaining) / of));
		expect(bought.body.invoice?.amount).toBe(bought.body.quote.total);
	});

	it('P3 a lower total applies at once and is not refunded: no invoice, no key', async () => {
		const head = (await stored(test, group)).ledger;
		const lowered = await postOrder(owner, group, total(8));
		expect(lowered.status).toBe(201);
		expect(lowered.body).toMatchObject({
			orderId: null,
			invoiceId: null,
			licenseKey: null,
			quote: { effective: 'now', total: 0 }
		});
		expect(await ledgerTypes(test, group, head)).toEqual(['seats.reduced']);
		expect((await stored(test, group)).state.holdings.workspace?.seats).toBe(8);
	});

	it('I2 P10 unpaid for 14 days past due the group locks; the renewal still bills the 8 users on file', async () => {
		await moveClock(test, addMonths(start, 1));
		const { state } = await stored(test, group);
		expect(state.lock?.invoiceIds).toContain('invoice-1');
		const renewal = Object.values(state.invoices).find((invoice) => invoice.reason === 'renewal');
		expect(renewal).toMatchObject({ amount: 8 * 1_290, issuedOn: addMonths(start, 1) });
	});
});
