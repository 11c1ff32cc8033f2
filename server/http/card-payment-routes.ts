import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { groupAccess } from '../auth/access.ts';
import { payInvoiceByCardOnce } from '../payments/card-payment.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { readIdempotencyKey } from './idempotency-key.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';
import { requireUser } from './request-guards.ts';

const field = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * The amount the payer saw (it must be the invoice's) and the card as typed; the processor
 * checks the card and answers each field's code. Never stored: only brand and last four digits.
 */
const CardPaymentBody = v.strictObject({
	amount: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
	card: v.strictObject({
		number: field(40),
		expiry: field(10),
		cvc: field(8),
		name: field(200)
	})
});

/**
 * `GET /api/payments/config` (whether a card processor is connected, so that the browser shows a
 * card form only when it can work) and `POST /api/groups/:id/invoices/:invoiceId/card-payment`
 * (the owner or billable admin pays an open invoice by card under the P5 threshold, once per
 * `Idempotency-Key`; paying unlocks a locked group, I2).
 */
export function registerCardPaymentRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/payments/config', requireUser, (c) => {
		const provider = deps.payments;
		c.header('Cache-Control', 'no-store');
		return c.json({
			card: provider
				? {
						provider: provider.name,
						testMode: provider.testMode,
						...(provider.testCards ? { testCards: provider.testCards } : {})
					}
				: null
		});
	});

	app.post('/api/groups/:id/invoices/:invoiceId/card-payment', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groupId = c.req.param('id');
		const access = await groupAccess(deps.accounts, groupId, user.id);
		if (!access) return apiError(c, 404, 'group.not-found');
		// G2: the owner or the billable admin pays; said before anything about the request.
		if (!access.roles.some((role) => role === 'owner' || role === 'billable')) {
			return apiError(c, 403, 'payment.billing-role-required');
		}
		const provider = deps.payments;
		if (!provider) return apiError(c, 503, 'payment.provider-unavailable');
		const idempotency = readIdempotencyKey(c);
		if (!idempotency.ok) return idempotency.response;
		const body = await parseBody(c, CardPaymentBody);
		if (!body.ok) return body.response;
		const answer = await payInvoiceByCardOnce(
			{ engine: deps.engine, store: deps.authority, provider },
			{
				groupId,
				invoiceId: c.req.param('invoiceId'),
				userId: user.id,
				key: idempotency.key,
				amount: body.value.amount,
				card: body.value.card
			}
		);
		if (answer.kind === 'refused') return refusalResponse(c, answer.error);
		c.header('Cache-Control', 'no-store');
		if (answer.replayed) c.header('Idempotent-Replayed', 'true');
		return c.body(answer.body, answer.status as ContentfulStatusCode, {
			'Content-Type': 'application/json'
		});
	});
}
