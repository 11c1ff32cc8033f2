import type { MiddlewareHandler } from 'hono';
import { userFromCookies } from '../auth/access.ts';
import { apiError } from './api-error.ts';
import type { ApiDeps, ApiEnv } from './api-context.ts';
import { isAllowedOrigin } from './origin.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery guard for every state-changing route: the body must be declared
 * JSON (a cross-site form or a `text/plain` fetch cannot do that without a CORS preflight we
 * never grant) and a browser's Origin must be ours. Requests without Origin and Sec-Fetch-Site
 * come from non-browser clients, which carry no victim's cookie.
 */
export function csrfGuard(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		if (!unsafeMethods.has(c.req.method)) return next();
		const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
		if (type !== 'application/json') return apiError(c, 415, 'request.json-required');
		const origin = c.req.header('origin');
		const site = c.req.header('sec-fetch-site');
		const browser = origin !== undefined || site !== undefined;
		if (browser && !isAllowedOrigin(origin, c.req.header('host'), deps.allowedOrigins)) {
			return apiError(c, 403, 'request.foreign-origin');
		}
		return next();
	};
}

/** Resolves the session cookie into `c.var.user` (undefined when signed out). */
export function sessionMiddleware(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		c.set('user', await userFromCookies(deps.accounts, c.req.header('cookie'), deps.clock.now()));
		return next();
	};
}

/** Refuses the request with 401 unless someone is signed in. */
export const requireUser: MiddlewareHandler<ApiEnv> = async (c, next) => {
	if (!c.var.user) return apiError(c, 401, 'auth.required');
	return next();
};

/** Refuses the request unless the vendor's support desk (operator role) is signed in. */
export const requireOperator: MiddlewareHandler<ApiEnv> = async (c, next) => {
	if (!c.var.user) return apiError(c, 401, 'auth.required');
	if (c.var.user.vendorRole !== 'operator') return apiError(c, 403, 'operator.only');
	return next();
};
