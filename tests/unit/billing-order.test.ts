import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrderConfirmation } from '../../src/lib/state/billing-order.svelte.ts';

const request = { kind: 'set-seats' as const, product: 'designer', newTotal: 14 };

/** A fetch that answers each call with the next scripted outcome, and records the calls. */
function scriptedFetch(outcomes: (Response | 'network-error')[]) {
	const calls: { url: string; key: string | null; body: unknown }[] = [];
	const fetch = vi.fn((url: string, init: RequestInit) => {
		const headers = new Headers(init.headers);
		calls.push({
			url,
			key: headers.get('idempotency-key'),
			body: JSON.parse(typeof init.body === 'string' ? init.body : 'null') as unknown
		});
		const next = outcomes.shift();
		if (next === undefined || next === 'network-error')
			return Promise.reject(new TypeError('Failed to fetch'));
		return Promise.resolve(next);
	});
	vi.stubGlobal('fetch', fetch);
	return calls;
}

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const receipt = {
	groupId: 'g',
	orderId: 'order-2',
	invoiceId: 'invoice-2',
	quote: { total: 432_000 },
	invoice: { id: 'invoice-2', amount: 432_000 },
	licenseKey: null,
	ledger: []
};

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('confirming an order', () => {
	it('P3 a retry after a lost answer reuses the dialog’s Idempotency-Key, so it charges once', async () => {
		const calls = scriptedFetch(['network-error', json(201, receipt)]);
		const confirmation = new OrderConfirmation('g', request, 432_000);
		await confirmation.submit('tessera-demo');
		expect(confirmation.phase).toBe('unreachable');
		expect(confirmation.error?.code).toBe('network.offline');
		await confirmation.submit('tessera-demo');
		expect(confirmation.phase).toBe('done');
		expect(confirmation.receipt?.quote.total).toBe(432_000);
		expect(calls.map((call) => call.key)).toEqual([confirmation.key, confirmation.key]);
		expect(calls[0]?.body).toEqual({ request, password: 'tessera-demo' });
		expect(calls[0]?.url).toBe('/api/groups/g/orders');
	});

	it('a new dialog is a new key; a wrong password keeps the code and can be retried', async () => {
		const calls = scriptedFetch([
			json(403, { error: { code: 'order.password-invalid' } }),
			json(201, receipt)
		]);
		const confirmation = new OrderConfirmation('g', request, 432_000);
		expect(new OrderConfirmation('g', request, 432_000).key).not.toBe(confirmation.key);
		await confirmation.submit('wrong');
		expect(confirmation.phase).toBe('refused');
		expect(confirmation.error).toEqual({ code: 'order.password-invalid', params: {} });
		await confirmation.submit('tessera-demo');
		expect(confirmation.phase).toBe('done');
		expect(calls.map((call) => call.key)).toEqual([confirmation.key, confirmation.key]);
	});

	it('P4 the server’s quote of the same request is compared with the one shown', async () => {
		scriptedFetch([json(200, { total: 432_000 }), json(200, { total: 388_800 }), 'network-error']);
		const same = new OrderConfirmation('g', request, 432_000);
		await same.checkWithServer();
		expect(same.check).toEqual({ kind: 'same' });
		const moved = new OrderConfirmation('g', request, 432_000);
		await moved.checkWithServer();
		expect(moved.check).toEqual({ kind: 'different', total: 388_800 });
		const offline = new OrderConfirmation('g', request, 432_000);
		await offline.checkWithServer();
		expect(offline.check).toEqual({ kind: 'unavailable' });
	});
});
