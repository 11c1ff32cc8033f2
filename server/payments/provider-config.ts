import type { Clock } from '../clock.ts';
import { DemoCardProvider } from './demo-card-provider.ts';
import type { PaymentProvider } from './payment-provider.ts';

/** The card processors Tessera can be configured with (`PAYMENT_PROVIDER`). */
export const paymentProviderNames = ['demo', 'none'] as const;

/** A configured processor's name; `none` offers no card payment ("not connected"). */
export type PaymentProviderName = (typeof paymentProviderNames)[number];

/**
 * `PAYMENT_PROVIDER`, or its default: the demo provider where nobody's money is at stake — test
 * mode, or a demo installation (its accounts have a published password anyway) — and none
 * otherwise, so a production server never takes test cards unless told to.
 */
export function paymentProviderFromEnv(
	raw: string | undefined,
	demo: { testMode: boolean; seedDemo: boolean },
	fail: (message: string) => Error
): PaymentProviderName {
	if (raw === undefined || raw === '') return demo.testMode || demo.seedDemo ? 'demo' : 'none';
	const name = paymentProviderNames.find((known) => known === raw);
	if (!name) {
		throw fail(`PAYMENT_PROVIDER must be one of ${paymentProviderNames.join(', ')}, not "${raw}".`);
	}
	return name;
}

/** The processor a name stands for (undefined for `none`). */
export function createPaymentProvider(
	name: PaymentProviderName,
	clock: Clock
): PaymentProvider | undefined {
	return name === 'demo' ? new DemoCardProvider(clock) : undefined;
}
