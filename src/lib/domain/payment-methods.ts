/**
 * P5: the payment methods an invoice amount allows. Under the threshold (e.g. USD 7,800 =
 * 780,000 cents) the policy's `below` methods (card); at or over it, `atOrAbove` (check, wire).
 */

import type { PaymentMethod } from './common-schema.ts';
import type { Policy } from './policy-schema.ts';

/** The methods that may pay an invoice of `amount` minor units. */
export function allowedPaymentMethods(policy: Policy, amount: number): PaymentMethod[] {
	const { threshold, below, atOrAbove } = policy.payment;
	if (threshold === null || amount < threshold) return [...below];
	return [...atOrAbove];
}
