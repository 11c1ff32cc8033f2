import type { Context } from 'hono';
import { apiError } from './api-error.ts';

/** Printable ASCII without spaces (a UUID, a ULID …), 8 to 200 characters. */
const idempotencyKey = /^[\x21-\x7e]{8,200}$/;

/**
 * The request's `Idempotency-Key` header (orders and card payments: money moves once per key),
 * or the 400 answer when it is missing or malformed.
 */
export function readIdempotencyKey(
	c: Context
): { ok: true; key: string } | { ok: false; response: Response } {
	const key = c.req.header('idempotency-key');
	if (key === undefined || key === '') {
		return { ok: false, response: apiError(c, 400, 'idempotency.key-required') };
	}
	if (!idempotencyKey.test(key)) {
		return {
			ok: false,
			response: apiError(c, 400, 'idempotency.key-invalid', { min: 8, max: 200 })
		};
	}
	return { ok: true, key };
}
