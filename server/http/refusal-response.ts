import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Refusal } from '../authority/domain-operation.ts';

/** Codes that mean "not you": the caller's role does not allow it (G2) or a confirmation failed. */
const forbidden = new Set([
	'order.owner-only',
	'order.password-invalid',
	'operator.only',
	'payment.billing-role-required',
	'role.read-only',
	'role.not-allowed',
	'role.last-owner'
]);

/** Codes that mean "not now": the group's state stands in the way until something else happens. */
const conflicts = new Set([
	'group.id-taken',
	'group.locked',
	'group.not-initialized',
	'idempotency.key-reused',
	'invoice.not-open',
	'expiry.already-set',
	'subscription.renewal-due',
	'subscription.expired',
	'user.email-taken'
]);

/** Codes of input that does not fit a schema. */
const malformed = new Set([
	'request.invalid',
	'intent.invalid',
	'email.invalid',
	'date.out-of-range',
	'quantity.not-a-whole-number',
	'quantity.out-of-range'
]);

/** A card processor refused the charge (the request was fine; the card was not). */
const declined = new Set(['card.declined', 'card.insufficient-funds']);

/** Codes that mean the server, not the request, is at fault. */
const internal = new Set(['internal.unexpected', 'policy.invalid', 'state.invalid']);

/** The HTTP status of a refusal; a rule of the policy that says no is 422. */
export function refusalStatus(code: string): ContentfulStatusCode {
	if (forbidden.has(code)) return 403;
	if (conflicts.has(code)) return 409;
	if (malformed.has(code)) return 400;
	if (code === 'invoice.unknown') return 404;
	if (declined.has(code)) return 402;
	// The card processor could not be reached: nothing is known charged, a retry is safe.
	if (code === 'payment.provider-failed') return 502;
	return 422;
}

/**
 * Answers a refusal of the domain or the authority as `{ error: { code, params, fix?,
 * alternatives?, path? } }`: the same shape as every API error, plus the suggested fix the UI
 * offers in one click (e.g. `{ kind: 'buy-seats', product, count }`). A code that blames the
 * server (a broken state or policy) is thrown instead, so the API logs it and answers 500.
 */
export function refusalResponse(c: Context, refusal: Refusal): Response {
	const { code, params, fix, alternatives, path } = refusal;
	if (internal.has(code))
		throw new Error(`the authority refused with ${code}: ${JSON.stringify(params)}`);
	const error = {
		code,
		params,
		...(fix ? { fix } : {}),
		...(alternatives ? { alternatives } : {}),
		...(path ? { path } : {})
	};
	return c.json({ error }, refusalStatus(code));
}
