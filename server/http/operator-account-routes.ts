import * as v from 'valibot';
import { presets } from '../../src/lib/domain/index.ts';
import { languages } from '../../src/lib/i18n/languages.ts';
import { createEnterpriseAccount } from '../authority/enterprise-account.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';
import { requireOperator } from './request-guards.ts';

const person = {
	email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email()),
	name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
	password: v.pipe(v.string(), v.minLength(8), v.maxLength(1024)),
	language: v.optional(v.picklist(languages), 'en')
};

const EnterpriseAccountBody = v.strictObject({
	group: v.strictObject({
		/** A readable id that becomes part of URLs (`/groups/acme-warehouse`). */
		id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{2,62}$/)),
		name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
		policyId: v.picklist(Object.keys(presets)),
		vendorId: v.pipe(v.string(), v.minLength(1), v.maxLength(200))
	}),
	admin: v.strictObject(person),
	users: v.pipe(
		v.array(
			v.strictObject({
				...person,
				permissions: v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200)))
			})
		),
		v.maxLength(1000)
	),
	/** Only check and answer the warnings: the screen shows them before the operator confirms. */
	dryRun: v.optional(v.boolean(), false)
});

/**
 * `POST /api/operator/enterprise-accounts`: the vendor's desk creates an enterprise account —
 * the group, its admin account on a role-based address (G3: a warning otherwise) and its users
 * with passwords and permissions (D3). Answers 201 with what was created and the warnings, or
 * 200 with the warnings alone for a dry run.
 */
export function registerOperatorAccountRoutes(app: ApiApp, deps: ApiDeps): void {
	app.post('/api/operator/enterprise-accounts', requireOperator, async (c) => {
		const body = await parseBody(c, EnterpriseAccountBody);
		if (!body.ok) return body.response;
		const { dryRun, ...input } = body.value;
		const policy = presets[input.group.policyId];
		if (!policy) return apiError(c, 400, 'request.invalid', { path: 'group.policyId' });
		const created = await createEnterpriseAccount(
			{ engine: deps.engine, accounts: deps.accounts, passwordCost: deps.passwordCost },
			policy,
			input,
			dryRun
		);
		if (!created.ok) return refusalResponse(c, created.refusal);
		return c.json({ ...created.account, created: !dryRun }, dryRun ? 200 : 201);
	});
}
