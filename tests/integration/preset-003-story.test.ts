/**
 * Seed 003 (enterprise set-up guide of a counting app), through the HTTP API with the test clock:
 * the desk creates the account on a role-based address with its users, passwords and
 * permissions; the annual term needs the CLA; every licence shares the expiry the desk set; the
 * volume tier of the whole account prices each purchase; large invoices are paid by wire.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../../src/lib/domain/index.ts';
import {
	ApiClient,
	type ErrorBody,
	clientOf,
	moveClock,
	people,
	postOrder,
	stored,
	todayOf
} from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'story-003';
const adminEmail = 'licenses@story-003.example';
let test: TestServer;
let operator: ApiClient;
let admin: ApiClient;
let start: string;
let expiry: string;
beforeAll(async () => {
	test = await startTestServer();
	operator = await clientOf(test, people.operator);
	start = todayOf(test);
	expiry = addMonths(start, 9);
});
afterAll(async () => {
	await test.stop();
});

const devices = (newTotal: number) => ({
	kind: 'set-seats' as const,
	product: 'counter',
	newTotal,
	term: 'annual' as const
});

/** P2 by days over the nominal year ending on the shared expiry (P7). */
const byDays = (seats: number, unitPrice: number, from: string) =>
	Math.round(
		(seats * unitPrice * daysBetween(from, expiry)) / daysBetween(addMonths(expiry, -12), expiry)
	);

describe('preset 003 — enterprise accounts and device licenses, through the API', () => {
	it('G3 D3 the desk creates the account on a role-based address, with users, passwords and permissions', async () => {
		const created = await operator.post<{ warnings: unknown[] } & ErrorBody>(
			'/api/operator/enterprise-accounts',
			{
				group: {
					id: group,
					name: 'Story warehouse',
					policyId: 'enterprise-devices',
					vendorId: 'demo-vendor'
				},
				admin: { email: adminEmail, name: 'Licences', password: 'warehouse-admin-pw' },
				users: [
					{
						email: 'counter.one@story-003.example',
						name: 'Counter One',
						password: 'counter-one-pw',
						permissions: ['count']
					}
				]
			}
		);
		expect(created.status).toBe(201);
		expect(created.body.warnings).toEqual([]);
		admin = new ApiClient(test, adminEmail, 'warehouse-admin-pw');
		expect((await admin.get('/api/groups')).status).toBe(200);
	});

	it('P6 the annual term waits for the CLA; P7 P5 14 devices end on the expiry the desk set, over USD 10,000: wire only', async () => {
		const before = await stored(test, group);
		expect(
			(await postOrder(admin, group, devices(14), { password: 'warehouse-admin-pw' })).body.error
				.code
		).toBe('order.cla-required');
		expect(await stored(test, group)).toEqual(before);
		await operator.post(`/api/operator/groups/${group}/first-expiry`, { expiry });
		await operator.post(`/api/operator/groups/${group}/cla`, {});
		const bought = await postOrder(admin, group, devices(14), { password: 'warehouse-admin-pw' });
		expect(bought.status).toBe(201);
		expect(bought.body.quote).toMatchObject({
			expiry,
			tier: { from: 5, unitPrice: 108_000 },
			total: byDays(14, 108_000, start),
			paymentMethods: ['wire']
		});
	});

	it('P4 P7 I2 reaching 20 devices a month later prices that purchase at the 20 tier, co-termed; the desk records the wire', async () => {
		const later = addDays(start, 30);
		await moveClock(test, later);
		const first = (await stored(test, group)).state.invoices['invoice-1'];
		const bought = await postOrder(admin, group, devices(20), { password: 'warehouse-admin-pw' });
		expect(bought.body.quote).toMatchObject({
			expiry,
			tier: { from: 20, unitPrice: 96_000, volumeBefore: 14, volumeAfter: 20 },
			total: byDays(6, 96_000, later),
			paymentMethods: ['card', 'wire']
		});
		expect((await stored(test, group)).state.invoices['invoice-1']).toEqual(first);
		const paid = await operator.post(`/api/operator/groups/${group}/payments`, {
			invoiceId: 'invoice-1',
			amount: first?.amount,
			method: 'wire'
		});
		expect(paid.status).toBe(200);
		expect((await stored(test, group)).state.invoices['invoice-1']?.status).toBe('paid');
	});
});
