import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { checkCredentials } from '../auth/credentials.ts';
import { activateDevice, findAccountGroup } from '../authority/device-activation.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps, ApiEnv } from './api-context.ts';
import { clientAddress } from './client-address.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';

const Id = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));

const ActivationBody = v.object({
	/** The enterprise account: its role-based admin address, or the group id. */
	account: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(254)),
	deviceCode: Id,
	fingerprint: Id,
	product: v.optional(Id),
	email: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(254)),
	password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
});

/**
 * Device routes carry the user's credentials in the body and never use a cookie, so a forged
 * cross-site request has nothing to borrow: they skip the browser Origin check (devices and
 * their web views send foreign or no origins) but stay JSON-only.
 */
export function exceptDeviceRoutes(guard: MiddlewareHandler<ApiEnv>): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		if (!c.req.path.startsWith('/api/devices/')) return guard(c, next);
		const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
		if (c.req.method !== 'GET' && type !== 'application/json')
			return apiError(c, 415, 'request.json-required');
		return next();
	};
}

/**
 * `POST /api/devices/activate` (D1, D2): a user signs in on a device with the account, the
 * device code, the installation's fingerprint and their own e-mail and password. Answers a
 * token the device verifies offline with `GET /api/authority/key`. Failed sign-ins count
 * against the same rate limits as the browser's.
 */
export function registerDeviceRoutes(app: ApiApp, deps: ApiDeps): void {
	app.post('/api/devices/activate', async (c) => {
		const body = await parseBody(c, ActivationBody);
		if (!body.ok) return body.response;
		const { account, email, password, ...device } = body.value;
		const login = email.toLowerCase();
		const address = clientAddress(c, deps.trustProxy);
		const now = deps.clock.now();
		const allowed = deps.loginThrottle.check(login, address, false, now);
		if (!allowed.allowed) {
			const seconds = Math.ceil(allowed.retryAfterMs / 1000);
			c.header('Retry-After', String(seconds));
			return apiError(c, 429, 'auth.rate-limited', { retryAfterSeconds: seconds });
		}
		const group = await findAccountGroup(deps.accounts, deps.engine, account);
		const user = await checkCredentials(deps.accounts, email, password, deps.passwordCost);
		// Only failures count: a warehouse of scanners behind one address signs in every morning,
		// and must not use up the per-address budget meant to stop password guessing.
		if (!user) {
			deps.loginThrottle.record(login, address, false, now);
			return apiError(c, 401, 'auth.invalid-credentials');
		}
		c.header('Cache-Control', 'no-store');
		if (!group.ok) {
			const status = group.error.code === 'device.account-unknown' ? 404 : 409;
			return apiError(c, status, group.error.code);
		}
		const activated = await activateDevice(deps, group.group, user, device);
		if (!activated.ok) {
			if (activated.error.code === 'device.account-unknown')
				return apiError(c, 404, activated.error.code);
			return refusalResponse(c, activated.error);
		}
		const { pool, expiry } = activated.payload;
		return c.json({ token: activated.token, pool, expiry });
	});
}
