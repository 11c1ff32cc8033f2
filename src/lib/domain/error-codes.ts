/**
 * Every code the domain can return. The domain speaks in codes; `locales/{en,fr,de}` hold the
 * words. Keeping the list in one `as const` array lets the UI team prove, in a test, that every
 * code has a translation in every language.
 */

/** Error codes: why something was refused. Dotted, `area.reason`. */
export const errorCodes = [
	// Input that does not fit a schema; `path` names the offending field.
	'policy.invalid',
	'state.invalid',
	'intent.invalid',
	'request.invalid',
	'ledger.invalid',
	'ledger.inconsistent',
	'email.invalid',
	'date.out-of-range',
	'quantity.not-a-whole-number',
	'quantity.out-of-range',
	'money.overflow',
	'internal.unexpected',
	// Unknown references.
	'product.unknown',
	'pack.unknown',
	'member.unknown',
	'author.unknown',
	'invoice.unknown',
	'device.unknown',
	'rights-group.unknown',
	'permission.unknown',
	'support.unknown-level',
	// Seats and pools (U1–U4, D1–D3, P12).
	'seat.none-free',
	'seat.already-assigned',
	'seat.not-assigned',
	'seat.reduction-below-used',
	'member.email-taken',
	'member.license-required',
	'member.not-awaiting-registration',
	'device.code-taken',
	'device.pool-is-floating',
	'device.not-licensed',
	'device.already-licensed',
	'device.product-mismatch',
	'pool.kind-not-allowed',
	'pool.split-out-of-range',
	'pool.split-below-used',
	'module.not-subscribed',
	'intent.not-applicable',
	// Who may do what (G2, U5).
	'role.read-only',
	'role.not-allowed',
	'role.last-owner',
	'profile.only-self',
	'order.owner-only',
	'operator.only',
	// Orders and pricing (P1–P11).
	'order.below-minimum',
	'order.above-maximum',
	'order.no-change',
	'order.password-required',
	'order.cla-required',
	'order.term-not-offered',
	'pack.requires-subscription',
	'pack.module-not-subscribed',
	'support.not-offered',
	'support.change-only-at-renewal',
	'subscription.none',
	'subscription.expired',
	'subscription.renewal-due',
	'expiry.already-set',
	'expiry.out-of-range',
	// Invoices and lock-out (I1, I2).
	'group.locked',
	'invoice.not-open',
	'payment.amount-mismatch',
	'payment.method-not-allowed',
	'payment.billing-role-required',
	// Cards (P5): the form's checks, and what a card processor answers.
	'card.number-invalid',
	'card.expiry-invalid',
	'card.expired',
	'card.cvc-invalid',
	'card.name-required',
	'card.declined',
	'card.insufficient-funds'
] as const;

/** One error code. */
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Warning codes: the action is allowed, but the screen should say something (G3, G4, P12).
 */
export const warningCodes = [
	'address.not-role-based',
	'address.free-mail',
	'seat.billed-by-consumption',
	'seats.reduction-at-renewal'
] as const;

/** One warning code. */
export type WarningCode = (typeof warningCodes)[number];

const errorCodeSet: ReadonlySet<string> = new Set(errorCodes);

/** Whether a string is one of {@link errorCodes} (used to lift schema messages into codes). */
export function isErrorCode(code: string): code is ErrorCode {
	return errorCodeSet.has(code);
}
