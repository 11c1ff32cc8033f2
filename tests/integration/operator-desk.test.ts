import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, dateOfInstant, type Invoice } from '../../src/lib/domain/index.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	type ApiClient,
	type ErrorBody,
	clientOf,
	people,
	postOrder,
	stored
} from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let operator: ApiClient;
let owner: ApiClient;
beforeAll(async () => {
	test = await startTestServer();
	operator = await clientOf(test, people.operator);
	owner = await clientOf(test, people.owner);
});
afterAll(async () => {
	await test.stop();
});

interface GroupList {
	groups: { id: string; name: string; policyId: string }[];
	next: string | null;
}

interface Billing {
	subscription: { firstExpiry: string | null; claSignedOn: string | null; expiry: string | null };
	lock: { invoiceIds: string[] } | null;
	invoices: Invoice[];
	ledger: { seq: number; type: string }[];
}

const today = () => dateOfInstant(test.server.clock.now());

describe('the operator desk', () => {
	it('only the operator reaches /api/operator/*: admins get 403 operator.only, the signed-out 401', async () => {
		for (const path of ['/api/operator/groups', '/api/operator/groups/demo-license-groups']) {
			expect((await owner.get<ErrorBody>(path)).body.error.code).toBe('operator.only');
			expect((await fetch(`${test.url}${path}`)).status).toBe(401);
		}
		const before = await stored(test, 'demo-license-groups');
		const refused = await owner.post('/api/operator/groups/demo-license-groups/cla', {});
		expect(refused.status).toBe(403);
		expect(await stored(test, 'demo-license-groups')).toEqual(before);
	});

	it('searches groups by id, name or a role holder’s e-mail, a page at a time', async () => {
		const byName = await operator.get<GroupList>('/api/operator/groups?q=warehouse');
		expect(byName.body.groups.map((group) => group.id)).toEqual(['demo-enterprise-devices']);
		const byEmail = await operator.get<GroupList>('/api/operator/groups?q=vera.viewer');
		expect(byEmail.body.groups.map((group) => group.id)).toEqual(['demo-license-groups']);
		const wildcard = await operator.get<GroupList>('/api/operator/groups?q=%25');
		expect(wildcard.body.groups).toEqual([]);
		const first = await operator.get<GroupList>('/api/operator/groups?q=demo-&limit=2');
		expect(first.body.groups).toHaveLength(2);
		const second = await operator.get<GroupList>(
			`/api/operator/groups?q=demo-&limit=2&after=${first.body.next ?? ''}`
		);
		expect(second.body.groups[0]?.id.localeCompare(first.body.groups[1]?.id ?? '')).toBe(1);
		const bad = await operator.get<ErrorBody>('/api/operator/groups?limit=0');
		expect(bad.body.error).toEqual({ code: 'request.invalid', params: { path: 'limit' } });
	});

	it('P7 sets a group’s first expiry before its first purchase; the purchase ends on it', async () => {
		await freshGroup(test, 'first-expiry');
		const expiry = addMonths(today(), 3);
		const set = await operator.post<Billing>('/api/operator/groups/first-expiry/first-expiry', {
			expiry
		});
		expect(set.status).toBe(200);
		expect(set.body.subscription.firstExpiry).toBe(expiry);
		const bought = await postOrder(owner, 'first-expiry', {
			kind: 'set-seats',
			product: 'designer',
			newTotal: 2,
			term: 'monthly'
		});
		// A monthly term cannot end three months away: the date must lie within one term.
		expect(bought.body.error).toMatchObject({ code: 'expiry.out-of-range' });
		const before = await stored(test, 'first-expiry');
		const late = await operator.post<ErrorBody>('/api/operator/groups/first-expiry/first-expiry', {
			expiry: addMonths(today(), 13)
		});
		expect(late.status).toBe(422);
		expect(late.body.error.code).toBe('expiry.out-of-range');
		expect(await stored(test, 'first-expiry')).toEqual(before);
	});

	it('P7 refuses a first expiry once the group has bought (409 expiry.already-set), nothing changes', async () => {
		await freshGroup(test, 'already-bought', { seats: { product: 'designer', total: 1 } });
		const before = await stored(test, 'already-bought');
		const refused = await operator.post<ErrorBody>(
			'/api/operator/groups/already-bought/first-expiry',
			{ expiry: addMonths(today(), 2) }
		);
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('expiry.already-set');
		expect(await stored(test, 'already-bought')).toEqual(before);
	});

	it('I2 P5 records a wire payment of the exact amount; a card, a wrong amount or a paid invoice are refused', async () => {
		await freshGroup(test, 'paid-by-wire', { seats: { product: 'designer', total: 2 } });
		const detail = await operator.get<{ state: Billing }>('/api/operator/groups/paid-by-wire');
		const invoice = detail.body.state.invoices[0];
		if (!invoice) throw new Error('no invoice');
		const before = await stored(test, 'paid-by-wire');
		const path = '/api/operator/groups/paid-by-wire/payments';
		const refusals = [
			await operator.post<ErrorBody>(path, { invoiceId: invoice.id, amount: 1, method: 'wire' }),
			await operator.post<ErrorBody>(path, {
				invoiceId: invoice.id,
				amount: invoice.amount,
				method: 'card'
			}),
			await operator.post<ErrorBody>(path, { invoiceId: 'invoice-99', amount: 1, method: 'wire' })
		];
		expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
			[422, 'payment.amount-mismatch'],
			[400, 'request.invalid'],
			[404, 'invoice.unknown']
		]);
		expect(await stored(test, 'paid-by-wire')).toEqual(before);
		// Two monthly seats cost less than the card threshold: only a card may pay them (P5).
		const wire = await operator.post<ErrorBody>(path, {
			invoiceId: invoice.id,
			amount: invoice.amount,
			method: 'wire'
		});
		expect(wire.body.error).toMatchObject({ code: 'payment.method-not-allowed' });
		expect(await stored(test, 'paid-by-wire')).toEqual(before);
	});

	it('P6 records the signed licence agreement, after which an annual purchase is allowed', async () => {
		await freshGroup(test, 'cla-signed');
		const annual = { kind: 'set-seats', product: 'designer', newTotal: 1, term: 'annual' };
		expect((await postOrder(owner, 'cla-signed', annual)).status).toBe(422);
		const signed = await operator.post<Billing>('/api/operator/groups/cla-signed/cla', {});
		expect(signed.body.subscription.claSignedOn).toBe(today());
		expect((await postOrder(owner, 'cla-signed', annual)).status).toBe(201);
	});

	it('answers 404 for an unknown group and 409 for a group that was never set up', async () => {
		const unknown = await operator.post<ErrorBody>('/api/operator/groups/nope/cla', {});
		expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'group.not-found' } } });
		await test.storage.accounts.createGroup({
			id: 'never-set-up',
			name: 'Never set up',
			vendorId: 'demo-vendor',
			policyId: 'license-groups',
			createdAt: Date.now()
		});
		const empty = await operator.post<ErrorBody>('/api/operator/groups/never-set-up/cla', {});
		expect(empty).toMatchObject({
			status: 409,
			body: { error: { code: 'group.not-initialized' } }
		});
		const detail = await operator.get<{ state: null }>('/api/operator/groups/never-set-up');
		expect(detail.body.state).toBeNull();
	});
});
