import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets, quote } from '../../src/lib/domain/index.ts';
import type { AuthorityPublicKey } from '../../src/lib/sync/ledger-verify.ts';
import { verifyToken } from '../../src/lib/sync/signed-token.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	ApiClient,
	clientOf,
	moveClock,
	people,
	postOrder,
	postQuote,
	stored
} from '../helpers/billing-api.ts';
import { demoPassword, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let owner: ApiClient;
let admin: ApiClient;
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	admin = await clientOf(test, people.admin);
});
afterAll(async () => {
	await test.stop();
});

const monthly = (newTotal: number) => ({
	kind: 'set-seats' as const,
	product: 'designer',
	newTotal,
	term: 'monthly' as const
});

async function publishedKeys(): Promise<AuthorityPublicKey[]> {
	const response = await fetch(`${test.url}/api/authority/key`);
	return ((await response.json()) as { keys: AuthorityPublicKey[] }).keys;
}

describe('orders through the HTTP API', () => {
	it('P3 P8 the owner buys with their password and gets a license key that verifies offline, then the invoice', async () => {
		await freshGroup(test, 'buy');
		const answer = await postOrder(owner, 'buy', monthly(3));
		expect(answer.status).toBe(201);
		const receipt = answer.body;
		expect(receipt.quote).toMatchObject({ kind: 'seats', requested: 3, delta: 3, total: 66_000 });
		expect(receipt.invoice).toMatchObject({
			id: receipt.invoiceId,
			amount: 66_000,
			status: 'open',
			currency: 'USD'
		});
		const ledger = await test.storage.authority.ledger('buy');
		expect(receipt.ledger.map((event) => event.seq)).toEqual(
			ledger.slice(-receipt.ledger.length).map((event) => event.seq)
		);
		// P8: the key before the invoice.
		const types = receipt.ledger.map((event) => event.type);
		expect(types.indexOf('license-key.issued')).toBeLessThan(types.indexOf('invoice.issued'));
		const token = receipt.licenseKey?.token ?? '';
		const verified = await verifyToken(token, 'license-key', await publishedKeys());
		expect(verified).toMatchObject({
			ok: true,
			token: { payload: { groupId: 'buy', seats: { designer: 3 }, expiry: receipt.quote.expiry } }
		});
		const [kind, keyId, payload, signature] = token.split('.');
		const forged = Buffer.from(payload ?? '', 'base64url')
			.toString()
			.replace('"designer":3', '"designer":30');
		const tampered = [kind, keyId, Buffer.from(forged).toString('base64url'), signature].join('.');
		expect(await verifyToken(tampered, 'license-key', await publishedKeys())).toEqual({
			ok: false,
			reason: 'signature'
		});
	});

	it('P3 the server’s quote is the browser’s: quote() on the same state answers the same', async () => {
		await freshGroup(test, 'quoted', { seats: { product: 'designer', total: 4 } });
		const request = monthly(11);
		const answer = await postQuote(admin, 'quoted', request);
		expect(answer.status).toBe(200);
		const { state } = await stored(test, 'quoted');
		const policy = presets['license-groups'];
		if (!policy) throw new Error('no preset');
		const local = quote(state, policy, request, test.server.clock.now());
		expect(local.ok && local.value).toEqual(answer.body);
		expect(answer.body.tier).toMatchObject({ from: 10, volumeBefore: 4, volumeAfter: 11 });
	});

	it('an order retried with the same key charges once and answers the same', async () => {
		await freshGroup(test, 'retried');
		const key = randomUUID();
		const first = await postOrder(owner, 'retried', monthly(2), { key });
		const after = await stored(test, 'retried');
		const again = await postOrder(owner, 'retried', monthly(2), { key });
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.body).toEqual(first.body);
		expect(await stored(test, 'retried')).toEqual(after);
		expect(Object.keys(after.state.invoices)).toHaveLength(1);
	});

	it('two attempts with the same key at the same moment charge once', async () => {
		await freshGroup(test, 'raced');
		const key = randomUUID();
		const [a, b] = await Promise.all([
			postOrder(owner, 'raced', monthly(2), { key }),
			postOrder(owner, 'raced', monthly(2), { key })
		]);
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(a.body).toEqual(b.body);
		const { state } = await stored(test, 'raced');
		expect(state.orders).toHaveLength(1);
	});

	it('the same key with another body is refused (409 idempotency.key-reused), nothing changes', async () => {
		await freshGroup(test, 'reused');
		const key = randomUUID();
		await postOrder(owner, 'reused', monthly(2), { key });
		const before = await stored(test, 'reused');
		const other = await postOrder(owner, 'reused', monthly(5), { key });
		expect(other.status).toBe(409);
		expect(other.body.error.code).toBe('idempotency.key-reused');
		await freshGroup(test, 'reused-elsewhere');
		const elsewhere = await postOrder(owner, 'reused-elsewhere', monthly(2), { key });
		expect(elsewhere.body.error.code).toBe('idempotency.key-reused');
		expect(await stored(test, 'reused')).toEqual(before);
		expect((await stored(test, 'reused-elsewhere')).state.orders).toEqual([]);
	});

	it('P3 a wrong password is refused (403 order.password-invalid) even with a used key, nothing changes', async () => {
		await freshGroup(test, 'wrong-password');
		const key = randomUUID();
		await postOrder(owner, 'wrong-password', monthly(2), { key });
		const before = await stored(test, 'wrong-password');
		for (const attempt of [key, randomUUID()]) {
			const refused = await postOrder(owner, 'wrong-password', monthly(2), {
				key: attempt,
				password: `${demoPassword}-not`
			});
			expect(refused.status).toBe(403);
			expect(refused.body).toEqual({ error: { code: 'order.password-invalid' } });
		}
		expect(await stored(test, 'wrong-password')).toEqual(before);
	});

	it('G2 only the owner buys: an admin is refused (403 order.owner-only) even with the owner’s key', async () => {
		await freshGroup(test, 'not-owner');
		const key = randomUUID();
		await postOrder(owner, 'not-owner', monthly(2), { key });
		const before = await stored(test, 'not-owner');
		const refused = await postOrder(admin, 'not-owner', monthly(2), { key });
		expect(refused.status).toBe(403);
		expect(refused.body.error).toMatchObject({
			code: 'order.owner-only',
			fix: { kind: 'ask-owner' }
		});
		expect(await stored(test, 'not-owner')).toEqual(before);
	});

	it('a refused order is not kept: the owner fixes the cause and retries with the same key', async () => {
		await freshGroup(test, 'fix-and-retry');
		const key = randomUUID();
		const annual = { kind: 'set-seats', product: 'designer', newTotal: 2, term: 'annual' };
		const refused = await postOrder(owner, 'fix-and-retry', annual, { key });
		expect(refused.status).toBe(422);
		expect(refused.body.error).toMatchObject({
			code: 'order.cla-required',
			fix: { kind: 'sign-cla' }
		});
		const operator = await clientOf(test, people.operator);
		expect((await operator.post('/api/operator/groups/fix-and-retry/cla', {})).status).toBe(200);
		const retried = await postOrder(owner, 'fix-and-retry', annual, { key });
		expect(retried.status).toBe(201);
		expect(retried.body.quote.term).toBe('annual');
	});
});

describe('bad input on the order routes', () => {
	it('an order without an idempotency key, or with a malformed one, is refused (400), nothing changes', async () => {
		await freshGroup(test, 'no-key');
		const before = await stored(test, 'no-key');
		const body = { request: monthly(2), password: demoPassword };
		const missing = await owner.post('/api/groups/no-key/orders', body);
		expect(missing).toMatchObject({
			status: 400,
			body: { error: { code: 'idempotency.key-required' } }
		});
		for (const key of ['short', 'x'.repeat(201), 'has spaces in it']) {
			const bad = await owner.post('/api/groups/no-key/orders', body, { 'idempotency-key': key });
			expect(bad).toMatchObject({
				status: 400,
				body: { error: { code: 'idempotency.key-invalid' } }
			});
		}
		expect(await stored(test, 'no-key')).toEqual(before);
	});

	it('malformed requests are refused with the path of the offending field', async () => {
		await freshGroup(test, 'malformed');
		const before = await stored(test, 'malformed');
		const fractional = await postOrder(owner, 'malformed', { ...monthly(2), newTotal: 2.5 });
		expect(fractional.status).toBe(400);
		expect(fractional.body.error).toMatchObject({
			code: 'request.invalid',
			params: { path: 'request.newTotal' }
		});
		const unknown = await postOrder(owner, 'malformed', { ...monthly(2), product: 'nope' });
		expect(unknown).toMatchObject({ status: 422, body: { error: { code: 'product.unknown' } } });
		const quoted = await postQuote(admin, 'malformed', { kind: 'set-seats' });
		expect(quoted.status).toBe(400);
		expect(await stored(test, 'malformed')).toEqual(before);
	});

	it('G2 a viewer may not ask for quotes; strangers and the signed-out see nothing', async () => {
		const viewer = await clientOf(test, people.viewer);
		const request = monthly(20);
		expect((await postQuote(viewer, 'demo-license-groups', request)).body).toEqual({
			error: { code: 'role.read-only' }
		});
		const jonas = await clientOf(test, 'jonas.weber@acme.example');
		for (const answer of [
			await postQuote(jonas, 'demo-annual-seats', request),
			await postOrder(jonas, 'demo-annual-seats', request),
			await postQuote(admin, 'no-such-group', request)
		]) {
			expect(answer).toMatchObject({ status: 404, body: { error: { code: 'group.not-found' } } });
		}
		const anonymous = await fetch(`${test.url}/api/groups/demo-license-groups/quote`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request)
		});
		expect(anonymous.status).toBe(401);
	});
});

describe('password guesses through the order route', () => {
	it('P3 guessing the owner’s password with a session is slowed like a sign-in (429 auth.rate-limited), nothing changes', async () => {
		await freshGroup(test, 'guessed');
		const before = await stored(test, 'guessed');
		const statuses: number[] = [];
		for (let guess = 0; guess < 6; guess++) {
			const answer = await postOrder(owner, 'guessed', monthly(2), { password: `guess-${guess}` });
			statuses.push(answer.status);
		}
		expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
		// Even the right password waits until the window has passed.
		const right = await postOrder(owner, 'guessed', monthly(2));
		expect(right.status).toBe(429);
		expect(right.body.error.code).toBe('auth.rate-limited');
		expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await stored(test, 'guessed')).toEqual(before);
		await moveClock(test, test.server.clock.now() + 16 * 60_000);
		expect((await postOrder(owner, 'guessed', monthly(2))).status).toBe(201);
	});
});
