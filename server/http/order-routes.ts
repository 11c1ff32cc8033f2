import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { quote, QuoteRequestSchema } from '../../src/lib/domain/index.ts';
import { groupAccess } from '../auth/access.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { notInitialized } from '../authority/domain-operation.ts';
import { placeOrderOnce } from '../authority/order-placement.ts';
import type { UserRecord } from '../storage/types.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps, ApiEnv } from './api-context.ts';
import { clientAddress } from './client-address.ts';
import { readIdempotencyKey } from './idempotency-key.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';
import { requireUser } from './request-guards.ts';

/** P3: the request and the owner's password, which confirms it. */
const OrderBody = v.strictObject({
	request: QuoteRequestSchema,
	password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
});

/**
 * P3: checks the password that confirms an order, under the sign-in rate limits (per address,
 * and per account and address), so a stolen session cannot be used to guess the owner's
 * password. Answers the refusal, or undefined when the password is right.
 */
async function confirmPassword(
	c: Context<ApiEnv>,
	deps: ApiDeps,
	user: UserRecord,
	password: string
): Promise<Response | undefined> {
	const account = user.email.toLowerCase();
	const address = clientAddress(c, deps.trustProxy);
	const now = deps.clock.now();
	// A signed-in session counts as a known device: guesses elsewhere never block the owner here.
	const allowed = deps.loginThrottle.check(account, address, true, now);
	if (!allowed.allowed) {
		const seconds = Math.ceil(allowed.retryAfterMs / 1000);
		c.header('Retry-After', String(seconds));
		return apiError(c, 429, 'auth.rate-limited', { retryAfterSeconds: seconds });
	}
	const valid = user.passwordHash !== null && (await verifyPassword(password, user.passwordHash));
	deps.loginThrottle.record(account, address, valid, now);
	return valid ? undefined : apiError(c, 403, 'order.password-invalid');
}

/**
 * `POST /api/groups/:id/quote` (any admin: the price of a change, by the same function as the
 * browser's preview) and `POST /api/groups/:id/orders` (the owner, with an `Idempotency-Key`
 * and their password: buys or changes seats, or adds packs, exactly once per key).
 */
export function registerOrderRoutes(app: ApiApp, deps: ApiDeps): void {
	app.post('/api/groups/:id/quote', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groupId = c.req.param('id');
		const access = await groupAccess(deps.accounts, groupId, user.id);
		if (!access) return apiError(c, 404, 'group.not-found');
		if (!access.canWrite) return apiError(c, 403, 'role.read-only');
		const body = await parseBody(c, QuoteRequestSchema);
		if (!body.ok) return body.response;
		const priced = await deps.engine.run(groupId, (authority) =>
			Promise.resolve(
				authority.state
					? quote(authority.state, authority.policy, body.value, deps.engine.clock.now())
					: undefined
			)
		);
		if (!priced) return refusalResponse(c, notInitialized);
		if (!priced.ok) return refusalResponse(c, priced.error);
		c.header('Cache-Control', 'no-store');
		return c.json(priced.value);
	});

	app.post('/api/groups/:id/orders', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groupId = c.req.param('id');
		const access = await groupAccess(deps.accounts, groupId, user.id);
		if (!access) return apiError(c, 404, 'group.not-found');
		// G2: only the owner buys; said before anything about the request's shape.
		if (!access.canBuy) {
			return refusalResponse(c, {
				code: 'order.owner-only',
				params: {},
				fix: { kind: 'ask-owner' }
			});
		}
		const idempotency = readIdempotencyKey(c);
		if (!idempotency.ok) return idempotency.response;
		const key = idempotency.key;
		const body = await parseBody(c, OrderBody);
		if (!body.ok) return body.response;
		// Before any replay: a key seen in someone's traffic is worthless without their password.
		const confirmed = await confirmPassword(c, deps, user, body.value.password);
		if (confirmed) return confirmed;
		const answer = await placeOrderOnce(
			{ engine: deps.engine, store: deps.authority, signer: deps.signer },
			{ groupId, userId: user.id, key, request: body.value.request }
		);
		if (answer.kind === 'refused') return refusalResponse(c, answer.error);
		c.header('Cache-Control', 'no-store');
		if (answer.replayed) c.header('Idempotent-Replayed', 'true');
		return c.body(answer.body, answer.status as ContentfulStatusCode, {
			'Content-Type': 'application/json'
		});
	});
}
