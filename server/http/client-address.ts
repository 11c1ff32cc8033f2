import type { Context } from 'hono';
import type { ApiEnv } from './api-context.ts';

/**
 * The client's address for rate limits. X-Forwarded-For is read only when the operator says a
 * trusted proxy sets it (TRUST_PROXY=1); otherwise any client could pick its own address.
 */
export function clientAddress(c: Context<ApiEnv>, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
		if (forwarded) return forwarded;
	}
	return c.env.incoming.socket.remoteAddress ?? 'unknown';
}
