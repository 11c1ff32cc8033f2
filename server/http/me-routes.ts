import * as v from 'valibot';
import { languages } from '../../src/lib/i18n/languages.ts';
import { renameInEveryGroup } from '../authority/profile-propagation.ts';
import { publicUser } from './auth-routes.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';
import { requireUser } from './request-guards.ts';

const ProfilePatch = v.object({
	name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
	language: v.optional(v.picklist(languages))
});

/**
 * `GET /api/me` and `PATCH /api/me`: the signed-in user's own profile (U5). A new name is
 * written into the account, then into every group that lists the user (`update-profile`, decided
 * by the authority), so admins see it; the answer names those groups.
 */
export function registerMeRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/me', requireUser, (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		c.header('Cache-Control', 'no-store');
		return c.json({ user: publicUser(user) });
	});

	app.patch('/api/me', requireUser, async (c) => {
		const user = c.var.user;
		if (!user) return c.body(null, 401);
		const body = await parseBody(c, ProfilePatch);
		if (!body.ok) return body.response;
		await deps.accounts.updateProfile(user.id, body.value);
		const { name } = body.value;
		const renamedIn = name === undefined ? [] : await renameInEveryGroup(deps, user.id, name);
		const updated = await deps.accounts.findUserById(user.id);
		c.header('Cache-Control', 'no-store');
		return c.json({ user: publicUser(updated ?? user), renamedIn });
	});
}
