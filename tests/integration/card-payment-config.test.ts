/**
 * Which card processor a server offers (PAYMENT_PROVIDER): none at all, and the demo processor only
 * where nobody's money is at stake.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	paymentProviderFromEnv,
	resolvePaymentProvider
} from '../../server/payments/provider-config.ts';
import { clientOf, people, stored } from '../helpers/billing-api.ts';
import { payByCard, visa } from '../helpers/card-payments.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let bare: TestServer;
beforeAll(async () => {
	bare = await startTestServer({ paymentProvider: 'none' });
});
afterAll(async () => {
	await bare.stop();
});

describe('without a card provider', () => {
	it('P5 PAYMENT_PROVIDER=none: the browser learns there is none and the route answers 503', async () => {
		const olivia = await clientOf(bare, people.owner);
		expect((await olivia.get('/api/payments/config')).body).toEqual({ card: null });
		const [invoice] = Object.values((await stored(bare, 'demo-named-users')).state.invoices);
		const camille = await clientOf(bare, people.camille);
		const answer = await payByCard(camille, 'demo-named-users', invoice?.id ?? 'x', {
			amount: invoice?.amount ?? 0,
			card: visa
		});
		expect(answer.status).toBe(503);
		expect(answer.body.error.code).toBe('payment.provider-unavailable');
	});

	it('the demo provider is the default only in test mode or a data directory holding the demo accounts', async () => {
		const fail = (message: string) => new Error(message);
		const demoDirectory = {
			findUserByEmail: (email: string) => bare.storage.accounts.findUserByEmail(email)
		};
		const productionDirectory = { findUserByEmail: () => Promise.resolve(undefined) };
		const auto = paymentProviderFromEnv(undefined, fail);
		expect(auto).toBe('auto');
		expect(await resolvePaymentProvider(auto, false, demoDirectory)).toBe('demo');
		expect(await resolvePaymentProvider(auto, true, productionDirectory)).toBe('demo');
		// A production directory (created with SEED_DEMO=0) never takes test cards by default.
		expect(await resolvePaymentProvider(auto, false, productionDirectory)).toBe('none');
		expect(
			await resolvePaymentProvider(paymentProviderFromEnv('none', fail), false, demoDirectory)
		).toBe('none');
		expect(
			await resolvePaymentProvider(paymentProviderFromEnv('demo', fail), false, productionDirectory)
		).toBe('demo');
		expect(() => paymentProviderFromEnv('stripe', fail)).toThrow(/PAYMENT_PROVIDER/);
	});
});
