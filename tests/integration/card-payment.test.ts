/**
 * Paying an invoice by card through the HTTP API, on a real server and SQLite, with the demo card
 * provider (the card processor's test mode): P5 (card only under the threshold), I2 (paying
 * unlocks), G2 (the owner or the billable admin pays), exactly once per idempotency key.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type LedgerPayload } from '../../src/lib/domain/index.ts';
import { DemoCardProvider } from '../../server/payments/demo-card-provider.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	type ApiClient,
	clientOf,
	ledgerTypes,
	moveClock,
	people,
	postOrder,
	stored
} from '../helpers/billing-api.ts';
import { declinedCard, noFunds, payByCard, visa } from '../helpers/card-payments.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let owner: ApiClient;
let provider: DemoCardProvider;
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	const payments = test.server.payments;
	if (!(payments instanceof DemoCardProvider)) throw new Error('the demo provider is not on');
	provider = payments;
});
afterAll(async () => {
	await test.stop();
});

/** A group of preset 000 with one open monthly invoice of one seat (USD 220, under USD 7,800). */
async function groupWithSmallInvoice(groupId: string) {
	await freshGroup(test, groupId);
	const bought = await postOrder(owner, groupId, {
		kind: 'set-seats',
		product: 'designer',
		newTotal: 1,
		term: 'monthly'
	});
	expect(bought.status).toBe(201);
	const invoice = bought.body.invoice;
	if (!invoice) throw new Error('no invoice');
	expect(invoice.amount).toBeLessThan(780_000);
	return invoice;
}

/** The payload of each of a group's ledger events. */
async function payloads(groupId: string): Promise<LedgerPayload[]> {
	const events = await test.storage.authority.ledger(groupId);
	return events.map((event) => (JSON.parse(event.body) as { payload: LedgerPayload }).payload);
}

describe('card payments through the HTTP API (demo provider)', () => {
	it('GET /api/payments/config tells a signed-in browser that a test-mode card provider is connected', async () => {
		const answer = await owner.get('/api/payments/config');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			card: {
				provider: 'demo',
				testMode: true,
				testCards: {
					succeeds: '4242 4242 4242 4242',
					declined: '4000 0000 0000 0002',
					insufficientFunds: '4000 0000 0000 9995'
				}
			}
		});
	});

	it('P5 I2 the owner pays a locked group’s invoice under the threshold by card: paid, signed, unlocked, card number kept nowhere', async () => {
		const invoice = await groupWithSmallInvoice('card-lock');
		await moveClock(test, addDays(invoice.dueOn, 14));
		expect((await stored(test, 'card-lock')).state.lock).toMatchObject({
			invoiceIds: [invoice.id]
		});
		const head = (await stored(test, 'card-lock')).ledger;
		const charges = provider.charges.length;

		const paid = await payByCard(owner, 'card-lock', invoice.id, {
			amount: invoice.amount,
			card: visa
		});
		expect(paid.status).toBe(200);
		expect(paid.body.payment).toMatchObject({
			amount: invoice.amount,
			method: 'card',
			brand: 'visa',
			last4: '4242'
		});
		expect(paid.body.invoice).toMatchObject({ status: 'paid', method: 'card' });
		expect(paid.body.lock).toBeNull();
		expect(paid.body.ledger.map((event) => event.type)).toEqual([
			'payment.recorded',
			'group.unlocked'
		]);
		expect(await ledgerTypes(test, 'card-lock', head)).toEqual([
			'payment.recorded',
			'group.unlocked'
		]);
		expect(provider.charges.length).toBe(charges + 1);
		expect(provider.charges.at(-1)).toMatchObject({ amount: invoice.amount, currency: 'USD' });
		const state = (await stored(test, 'card-lock')).state;
		expect(state.lock).toBeNull();
		expect(state.invoices[invoice.id]).toMatchObject({ status: 'paid', method: 'card' });
		const recorded = (await payloads('card-lock')).find((p) => p.type === 'payment.recorded');
		expect(recorded).toMatchObject({
			card: { brand: 'visa', last4: '4242' },
			reference: paid.body.payment.reference
		});
		// Neither the database nor its write-ahead log holds the number or the CVC.
		await test.server.writer.drain();
		const files = ['tessera.db', 'tessera.db-wal'].map((name) => join(test.dataDir, name));
		for (const file of files.filter((name) => existsSync(name))) {
			const bytes = readFileSync(file).toString('latin1');
			expect(bytes).not.toContain('4242424242424242');
			expect(bytes).not.toContain('4242 4242 4242 4242');
		}
	});

	it('P5 a declined card, insufficient funds or a wrong field change nothing and answer a translated code', async () => {
		const invoice = await groupWithSmallInvoice('card-decline');
		const before = await stored(test, 'card-decline');
		const charges = provider.charges.length;
		const body = (card: typeof visa) => ({ amount: invoice.amount, card });

		const declined = await payByCard(owner, 'card-decline', invoice.id, body(declinedCard));
		expect(declined.status).toBe(402);
		expect(declined.body.error.code).toBe('card.declined');
		const poor = await payByCard(owner, 'card-decline', invoice.id, body(noFunds));
		expect(poor.status).toBe(402);
		expect(poor.body.error.code).toBe('card.insufficient-funds');
		const wrong = [
			[{ ...visa, number: '4242 4242 4242 4241' }, 'number', 'card.number-invalid'],
			[{ ...visa, expiry: '01/20' }, 'expiry', 'card.expired'],
			[{ ...visa, expiry: '13/30' }, 'expiry', 'card.expiry-invalid'],
			[{ ...visa, cvc: '12' }, 'cvc', 'card.cvc-invalid'],
			[{ ...visa, name: ' ' }, 'name', 'card.name-required']
		] as const;
		for (const [card, field, code] of wrong) {
			const answer = await payByCard(owner, 'card-decline', invoice.id, body(card));
			expect(answer.status).toBe(422);
			expect(answer.body.error).toMatchObject({ code, params: { field } });
		}

		expect(await stored(test, 'card-decline')).toEqual(before);
		expect(provider.charges.length).toBe(charges);
	});

	it('P5 a card at or over the threshold is refused whatever the browser sends, before any charge', async () => {
		const group = 'demo-license-groups';
		const [invoice] = Object.values((await stored(test, group)).state.invoices);
		if (!invoice) throw new Error('the demo group has no invoice');
		expect(invoice.amount).toBeGreaterThanOrEqual(780_000);
		const before = await stored(test, group);
		const charges = provider.charges.length;
		const refused = await payByCard(owner, group, invoice.id, {
			amount: invoice.amount,
			card: visa
		});
		expect(refused.status).toBe(422);
		expect(refused.body.error).toMatchObject({
			code: 'payment.method-not-allowed',
			params: { method: 'card', allowed: 'check,wire', threshold: 780_000 }
		});
		expect(await stored(test, group)).toEqual(before);
		expect(provider.charges.length).toBe(charges);
	});

	it('I1 another amount than the invoice’s, or an invoice already paid, is refused without a charge', async () => {
		const invoice = await groupWithSmallInvoice('card-amount');
		const charges = provider.charges.length;
		const other = await payByCard(owner, 'card-amount', invoice.id, {
			amount: invoice.amount - 1,
			card: visa
		});
		expect(other.status).toBe(422);
		expect(other.body.error.code).toBe('payment.amount-mismatch');
		const unknown = await payByCard(owner, 'card-amount', 'invoice-99', {
			amount: invoice.amount,
			card: visa
		});
		expect(unknown.status).toBe(404);
		const body = { amount: invoice.amount, card: visa };
		expect((await payByCard(owner, 'card-amount', invoice.id, body)).status).toBe(200);
		const again = await payByCard(owner, 'card-amount', invoice.id, body);
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('invoice.not-open');
		expect(provider.charges.length).toBe(charges + 1);
	});

	it('P5 a retry with the same Idempotency-Key charges once and gets the first answer; the key with another body is refused', async () => {
		const invoice = await groupWithSmallInvoice('card-retry');
		const charges = provider.charges.length;
		const key = randomUUID();
		const body = { amount: invoice.amount, card: visa };
		// Two at once (a double click) and one later (a retry after a lost answer).
		const [first, twin] = await Promise.all([
			payByCard(owner, 'card-retry', invoice.id, body, key),
			payByCard(owner, 'card-retry', invoice.id, body, key)
		]);
		const retry = await payByCard(owner, 'card-retry', invoice.id, body, key);
		expect([first.status, twin.status, retry.status]).toEqual([200, 200, 200]);
		expect(twin.body).toEqual(first.body);
		expect(retry.body).toEqual(first.body);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(provider.charges.length).toBe(charges + 1);
		expect(await ledgerTypes(test, 'card-retry')).toEqual(
			expect.arrayContaining(['payment.recorded'])
		);
		expect((await ledgerTypes(test, 'card-retry')).filter((t) => t === 'payment.recorded')).toEqual(
			['payment.recorded']
		);
		const reused = await payByCard(
			owner,
			'card-retry',
			invoice.id,
			{ amount: invoice.amount, card: { ...visa, number: '5555 5555 5555 4444' } },
			key
		);
		expect(reused.status).toBe(409);
		expect(reused.body.error.code).toBe('idempotency.key-reused');
		const missing = await owner.post(
			`/api/groups/card-retry/invoices/${invoice.id}/card-payment`,
			body
		);
		expect(missing.status).toBe(400);
		expect(provider.charges.length).toBe(charges + 1);
	});

	it('G2 the billable admin pays; a license admin who is neither owner nor billable, a viewer and another tenant are refused', async () => {
		const camille = await clientOf(test, people.camille);
		const named = 'demo-named-users';
		const [invoice] = Object.values((await stored(test, named)).state.invoices).filter(
			(i) => i.status === 'open'
		);
		if (!invoice) throw new Error('the named-users demo group has no open invoice');
		const body = { amount: invoice.amount, card: { ...visa, name: 'Camille Martin' } };
		const charges = provider.charges.length;

		const alex = await clientOf(test, people.admin);
		const notBilling = await payByCard(alex, named, invoice.id, body);
		expect(notBilling.status).toBe(403);
		expect(notBilling.body.error.code).toBe('payment.billing-role-required');
		const viewer = await clientOf(test, people.viewer);
		const [studioInvoice] = Object.keys((await stored(test, 'demo-license-groups')).state.invoices);
		const read = await payByCard(viewer, 'demo-license-groups', studioInvoice ?? 'x', body);
		expect(read.status).toBe(403);
		const jonas = await clientOf(test, 'jonas.weber@acme.example');
		const stranger = await payByCard(jonas, 'demo-annual-seats', 'invoice-1', body);
		expect(stranger.status).toBe(404);
		expect(stranger.body.error.code).toBe('group.not-found');
		expect(provider.charges.length).toBe(charges);

		const paid = await payByCard(camille, named, invoice.id, body);
		expect(paid.status).toBe(200);
		expect(paid.body.invoice.status).toBe('paid');
		expect(provider.charges.length).toBe(charges + 1);
	});

	it('CSRF a foreign Origin carrying the owner’s cookie is refused before anything is charged', async () => {
		const invoice = await groupWithSmallInvoice('card-csrf');
		const charges = provider.charges.length;
		const cookie =
			(
				await fetch(`${test.url}/api/auth/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: test.url },
					body: JSON.stringify({ email: people.owner, password: 'test-password' })
				}).then((r) => r.headers.get('set-cookie') ?? '')
			).split(';')[0] ?? '';
		const response = await fetch(
			`${test.url}/api/groups/card-csrf/invoices/${invoice.id}/card-payment`,
			{
				method: 'POST',
				headers: {
					cookie,
					origin: 'https://attacker.example',
					'content-type': 'application/json',
					'idempotency-key': randomUUID()
				},
				body: JSON.stringify({ amount: invoice.amount, card: visa })
			}
		);
		expect(response.status).toBe(403);
		expect(provider.charges.length).toBe(charges);
	});
});
