import { eventFromStored } from '../authority/authority-signer.ts';
import { groupAccess } from '../auth/access.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { requireUser } from './request-guards.ts';

/** `GET /api/authority/key` (public) and `GET /api/groups/:id/ledger` (the group's admins). */
export function registerLedgerRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/authority/key', (c) => {
		const { current, keys } = deps.signer.publicKeys();
		c.header('Cache-Control', 'no-cache');
		return c.json({
			algorithm: 'Ed25519',
			current,
			keys: keys.map((key) => ({ ...key, algorithm: 'Ed25519' }))
		});
	});

	app.get('/api/groups/:id/ledger', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groupId = c.req.param('id');
		const access = await groupAccess(deps.accounts, groupId, user.id);
		if (!access) return apiError(c, 404, 'group.not-found');
		const events = (await deps.authority.ledger(groupId)).map(eventFromStored);
		c.header('Cache-Control', 'no-store');
		return c.json({ groupId, events });
	});
}
