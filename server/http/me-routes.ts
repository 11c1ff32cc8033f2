import * as v from 'valibot';
import { languages } from '../../src/lib/i18n/languages.ts';
import { publicUser } from './auth-routes.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';
import { requireUser } from './request-guards.ts';

const ProfilePatch = v.object({
	name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
	language: v.optional(v.picklist(languages))
});

/** `GET /api/me` and `PATCH /api/me`: the signed-in user's own profile (U5). */
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
		const updated = await deps.accounts.findUserById(user.id);
		return c.json({ user: publicUser(updated ?? user) });
	});
}
