import type { Clock } from '../clock.ts';
import { demoOperatorEmail } from '../demo/demo-people.ts';
import type { AccountStore } from '../storage/types.ts';
import { DemoCardProvider } from './demo-card-provider.ts';
import type { PaymentProvider } from './payment-provider.ts';

/** The card processors Tessera can be configured with (`PAYMENT_PROVIDER`). */
export const paymentProviderNames = ['demo', 'none'] as const;

/** A configured processor's name; `none` offers no card payment ("not connected"). */
export type PaymentProviderName = (typeof paymentProviderNames)[number];

/**
 * `PAYMENT_PROVIDER`, or `auto` when unset: decided by `resolvePaymentProvider` once the data
 * directory is open, because whether it is a demo installation is a fact of the data, not of
 * the environment of this start.
 */
export function paymentProviderFromEnv(
	raw: string | undefined,
	fail: (message: string) => Error
): PaymentProviderName | 'auto' {
	if (raw === undefined || raw === '') return 'auto';
	const name = paymentProviderNames.find((known) => known === raw);
	if (!name) {
		throw fail(`PAYMENT_PROVIDER must be one of ${paymentProviderNames.join(', ')}, not "${raw}".`);
	}
	return name;
}

/**
 * `auto`: the demo provider only where nobody's money is at stake — test mode, or a data
 * directory holding the demo accounts (their password is published anyway) — and none
 * otherwise. A production directory created with SEED_DEMO=0 therefore never takes test cards,
 * even if a later start forgets that variable.
 */
export async function resolvePaymentProvider(
	configured: PaymentProviderName | 'auto',
	testMode: boolean,
	accounts: Pick<AccountStore, 'findUserByEmail'>
): Promise<PaymentProviderName> {
	if (configured !== 'auto') return configured;
	if (testMode) return 'demo';
	return (await accounts.findUserByEmail(demoOperatorEmail)) ? 'demo' : 'none';
}

/** The processor a name stands for (undefined for `none`). */
export function createPaymentProvider(
	name: PaymentProviderName,
	clock: Clock
): PaymentProvider | undefined {
	return name === 'demo' ? new DemoCardProvider(clock) : undefined;
}
