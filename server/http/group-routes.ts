import type { ApiApp, ApiDeps } from './api-context.ts';
import { requireUser } from './request-guards.ts';

/** `GET /api/groups`: the groups the caller administers, with their roles there. */
export function registerGroupRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/groups', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groups = await deps.accounts.groupsOf(user.id);
		c.header('Cache-Control', 'no-store');
		return c.json(
			groups.map(({ group, roles }) => ({
				id: group.id,
				name: group.name,
				policyId: group.policyId,
				roles
			}))
		);
	});
}
