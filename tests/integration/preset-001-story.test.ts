/**
 * Seed 001 (annual seats purchasing FAQ), through the HTTP API with the test clock: the minimum
 * order, the licence key within one business day then the invoice, licences added mid-year pro
 * rata by whole months, premier support as a percentage changed only at renewal, and the renewal
 * of every licence in one agreement.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays } from '../../src/lib/domain/calendar-dates.ts';
import { addMonths } from '../../src/lib/domain/index.ts';
import type { AuthorityPublicKey } from '../../src/lib/sync/ledger-verify.ts';
import { verifyToken } from '../../src/lib/sync/signed-token.ts';
import {
	type ApiClient,
	clientOf,
	ledgerTypes,
	moveClock,
	ownerOnlyGroup,
	people,
	postOrder,
	postQuote,
	stored,
	todayOf
} from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'story-001';
let test: TestServer;
let owner: ApiClient;
let operator: ApiClient;
let start: string;
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	operator = await clientOf(test, people.operator);
	await ownerOnlyGroup(test, group, 'annual-seats');
	start = todayOf(test);
});
afterAll(async () => {
	await test.stop();
});

const seats = (newTotal: number, support: string | null = null) => ({
	kind: 'set-seats' as const,
	product: 'router',
	newTotal,
	term: 'annual' as const,
	support
});

/** The desk records a wire transfer for an invoice, so the story never runs into a lock-out. */
async function payByWire(invoiceId: string) {
	const invoice = (await stored(test, group)).state.invoices[invoiceId];
	const paid = await operator.post(`/api/operator/groups/${group}/payments`, {
		invoiceId,
		amount: invoice?.amount,
		method: 'wire'
	});
	expect(paid.status).toBe(200);
}

describe('preset 001 — annual seats, through the API', () => {
	it('P1 a first purchase below the minimum of 5 is refused with the fix, nothing stored changes', async () => {
		const before = await stored(test, group);
		const refused = await postOrder(owner, group, seats(4, 'premier'));
		expect(refused.status).toBe(422);
		expect(refused.body.error).toEqual({
			code: 'order.below-minimum',
			params: { product: 'router', minimum: 5, requested: 4 },
			fix: { kind: 'buy-seats', product: 'router', count: 5 }
		});
		expect(await stored(test, group)).toEqual(before);
	});

	it('P8 P9 five licences with premier support (20 % of the licence fee): the key verifies offline, then the invoice', async () => {
		const bought = await postOrder(owner, group, seats(5, 'premier'));
		expect(bought.status).toBe(201);
		expect(bought.body.quote.lines.map((line) => [line.kind, line.amount])).toEqual([
			['seats', 180_000],
			['support', 36_000]
		]);
		expect(bought.body.quote.total).toBe(216_000);
		const keys = (await (await fetch(`${test.url}/api/authority/key`)).json()) as {
			keys: AuthorityPublicKey[];
		};
		const verified = await verifyToken(
			bought.body.licenseKey?.token ?? '',
			'license-key',
			keys.keys
		);
		expect(verified).toMatchObject({
			ok: true,
			token: {
				payload: {
					groupId: group,
					seats: { router: 5 },
					expiry: addMonths(start, 12),
					promisedBy: addBusinessDays(start, 1)
				}
			}
		});
		const types = await ledgerTypes(test, group);
		expect(types.indexOf('license-key.issued')).toBeLessThan(types.indexOf('invoice.issued'));
		await payByWire('invoice-1');
	});

	it('P2 P9 three licences added six months before the renewal cost 6/12 of the year, with the running support whatever the request says', async () => {
		await moveClock(test, addMonths(start, 6));
		const quoted = await postQuote(owner, group, seats(8, null));
		expect(quoted.body.proration).toMatchObject({ basis: 'month', remaining: 6, of: 12 });
		expect(quoted.body.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
			['seats', 3, 54_000],
			['support', 1, 10_800]
		]);
		const bought = await postOrder(owner, group, seats(8, null));
		expect(bought.body.quote).toEqual(quoted.body);
		expect((await stored(test, group)).state.subscription.support).toBe('premier');
		await payByWire('invoice-2');
	});

	it('P2 P10 at the renewal every licence renews in one agreement and one invoice, automatically', async () => {
		const head = (await stored(test, group)).ledger;
		const renewed = await moveClock(test, addMonths(start, 12));
		expect(renewed.changed).toContain(group);
		expect(await ledgerTypes(test, group, head)).toEqual([
			'subscription.renewed',
			'invoice.issued'
		]);
		const { state } = await stored(test, group);
		const renewal = Object.values(state.invoices).filter((i) => i.reason === 'renewal');
		expect(renewal).toHaveLength(1);
		// 8 × GBP 360 for the year, plus 20 % premier support.
		expect(renewal[0]?.amount).toBe(345_600);
		expect(state.subscription.expiry).toBe(addMonths(start, 24));
	});
});
