import type { Context } from 'hono';
import * as v from 'valibot';
import {
	isIsoDate,
	recordClaSigned,
	recordPayment,
	setFirstExpiry,
	type GroupState,
	type LedgerPayload,
	type Outcome,
	type Policy,
	type Result
} from '../../src/lib/domain/index.ts';
import { runDomainOperation } from '../authority/domain-operation.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps, ApiEnv } from './api-context.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';
import { requireOperator } from './request-guards.ts';

const FirstExpiryBody = v.strictObject({ expiry: v.pipe(v.string(), v.check(isIsoDate)) });

/** I2: the desk records what arrived by check or wire; cards come through the payment provider. */
const PaymentBody = v.strictObject({
	invoiceId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	amount: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
	method: v.picklist(['check', 'wire'])
});

const SearchQuery = v.object({
	q: v.optional(v.pipe(v.string(), v.maxLength(200))),
	after: v.optional(v.pipe(v.string(), v.maxLength(200))),
	limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)))
});

/** A domain operation on a group, run as the signed-in operator. */
type OperatorOperation = (
	state: GroupState,
	policy: Policy,
	now: number,
	actor: { userId: string; roles: []; operator: true }
) => Result<Outcome>;

/**
 * Runs an operator action on a group through the authority and answers with what the screen
 * needs: the subscription, the lock, the invoices, and the ledger events it appended.
 */
async function operate(
	c: Context<ApiEnv>,
	deps: ApiDeps,
	reason: string,
	operation: OperatorOperation
): Promise<Response> {
	const user = c.var.user;
	if (!user) return apiError(c, 401, 'auth.required');
	const groupId = c.req.param('id') ?? '';
	if (!(await deps.accounts.findGroup(groupId))) return apiError(c, 404, 'group.not-found');
	const actor = { userId: user.id, roles: [] as [], operator: true as const };
	const result = await runDomainOperation(deps.engine, groupId, reason, (state, policy, now) =>
		operation(state, policy, now, actor)
	);
	if (!result.ok) return refusalResponse(c, result.error);
	const { subscription, lock, invoices } = result.state;
	return c.json({
		groupId,
		subscription,
		lock,
		invoices: Object.values(invoices),
		ledger: result.signed.map((event) => ({
			seq: event.seq,
			type: (event.payload as LedgerPayload).type
		}))
	});
}

/**
 * `/api/operator/*`: the vendor's support desk (operator role only). Finds groups, reads one's
 * billing, sets a first expiry date (P7), records check and wire payments (I2: unlocks) and the
 * signed licence agreement (P6). Enterprise accounts: operator-account-routes.ts.
 */
export function registerOperatorRoutes(app: ApiApp, deps: ApiDeps): void {
	app.use('/api/operator/*', requireOperator);

	app.get('/api/operator/groups', async (c) => {
		const query = v.safeParse(SearchQuery, c.req.query());
		if (!query.success) {
			const path = v.getDotPath(query.issues[0]) ?? '';
			return apiError(c, 400, 'request.invalid', { path });
		}
		const { q, after, limit = 50 } = query.output;
		const groups = await deps.accounts.listGroups({ query: q, afterId: after, limit });
		const last = groups.at(-1);
		c.header('Cache-Control', 'no-store');
		return c.json({ groups, next: groups.length === limit && last ? last.id : null });
	});

	app.get('/api/operator/groups/:id', async (c) => {
		const group = await deps.accounts.findGroup(c.req.param('id'));
		if (!group) return apiError(c, 404, 'group.not-found');
		const state = await deps.engine.run(group.id, (authority) => Promise.resolve(authority.state));
		c.header('Cache-Control', 'no-store');
		if (!state) return c.json({ group, state: null });
		const { subscription, holdings, packs, lock, invoices, orders } = state;
		const billing = { subscription, holdings, packs, lock, invoices: Object.values(invoices) };
		return c.json({ group, state: { ...billing, orders } });
	});

	app.post('/api/operator/groups/:id/first-expiry', async (c) => {
		const body = await parseBody(c, FirstExpiryBody);
		if (!body.ok) return body.response;
		return operate(c, deps, 'operator.first-expiry', (state, policy, now, actor) =>
			setFirstExpiry(state, policy, body.value.expiry, actor, now)
		);
	});

	app.post('/api/operator/groups/:id/cla', async (c) => {
		const body = await parseBody(c, v.strictObject({}));
		if (!body.ok) return body.response;
		return operate(c, deps, 'operator.cla', (state, policy, now, actor) =>
			recordClaSigned(state, policy, actor, now)
		);
	});

	app.post('/api/operator/groups/:id/payments', async (c) => {
		const body = await parseBody(c, PaymentBody);
		if (!body.ok) return body.response;
		return operate(c, deps, 'operator.payment', (state, policy, now, actor) =>
			recordPayment(state, policy, body.value, actor, now)
		);
	});
}
