import * as v from 'valibot';
import { languages } from '../../src/lib/i18n/languages.ts';
import { groupAccess } from '../auth/access.ts';
import { createEnterpriseUser } from '../authority/enterprise-user.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';
import { requireUser } from './request-guards.ts';

const EnterpriseUserBody = v.strictObject({
	email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email()),
	name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
	password: v.pipe(v.string(), v.minLength(10), v.maxLength(1024)),
	language: v.optional(v.picklist(languages), 'en'),
	permissions: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50))
});

/** `POST /api/groups/:id/enterprise-users`: an admin creates a user with a password (D3). */
export function registerEnterpriseUserRoutes(app: ApiApp, deps: ApiDeps): void {
	app.post('/api/groups/:id/enterprise-users', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groupId = c.req.param('id');
		const access = await groupAccess(deps.accounts, groupId, user.id);
		if (!access) return apiError(c, 404, 'group.not-found');
		if (!access.canWrite) return apiError(c, 403, 'role.read-only');
		const body = await parseBody(c, EnterpriseUserBody);
		if (!body.ok) return body.response;
		const created = await createEnterpriseUser(deps, groupId, user.id, body.value);
		if (!created.ok) return refusalResponse(c, created.error);
		const { id, email, name } = created.user;
		return c.json({ user: { id, email, name }, warnings: created.warnings }, 201);
	});
}
