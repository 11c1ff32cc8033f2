import type { ApiApp, ApiDeps } from './api-context.ts';
import { requireUser } from './request-guards.ts';

/**
 * `GET /api/me/licenses`: what the signed-in person holds in every group that lists them —
 * licenses, rights group, modules, permissions, devices and the shared expiry (P7) — including
 * groups they do not administer (a license holder cannot open those documents).
 */
export function registerMyLicensesRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/me/licenses', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const groups = [];
		for (const groupId of await deps.accounts.membershipsOf(user.id)) {
			const group = await deps.accounts.findGroup(groupId);
			if (!group) continue;
			const held = await deps.engine.run(groupId, (authority) => {
				const state = authority.state;
				const member = state?.members[user.id];
				if (!state || !member) return Promise.resolve(undefined);
				const policy = {
					products: authority.policy.products.map(({ id, name }) => ({ id, name })),
					licenseModel: { kind: authority.policy.licenseModel.kind }
				};
				const devices = Object.values(state.devices).filter(
					(device) => device.memberId === user.id
				);
				return Promise.resolve({ member, devices, policy, expiry: state.subscription.expiry });
			});
			if (held)
				groups.push({
					group: { id: group.id, name: group.name, policyId: group.policyId },
					...held
				});
		}
		c.header('Cache-Control', 'no-store');
		return c.json({ groups });
	});
}
