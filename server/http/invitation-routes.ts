import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { languages } from '../../src/lib/i18n/languages.ts';
import { registerFromInvitation, viewInvitation } from '../auth/registration.ts';
import { sessionCookie, sessionLifetimeMs, startSession } from '../auth/sessions.ts';
import type { Refusal } from '../authority/domain-operation.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { publicUser } from './auth-routes.ts';
import { parseBody } from './parse-body.ts';
import { refusalResponse } from './refusal-response.ts';

const RegistrationBody = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
	password: v.pipe(v.string(), v.minLength(10), v.maxLength(1024)),
	language: v.picklist(languages)
});

/** Statuses of the invitation codes: a link nobody knows, one that ran out, an address in use. */
const statuses: Record<string, ContentfulStatusCode> = {
	'invitation.unknown': 404,
	'invitation.expired': 410,
	'invitation.account-exists': 409
};

function refused(c: Parameters<typeof apiError>[0], error: Refusal): Response {
	const status = statuses[error.code];
	return status ? apiError(c, status, error.code) : refusalResponse(c, error);
}

/**
 * U1: `GET /api/invitations/:token` (who is invited where) and
 * `POST /api/invitations/:token/register` (`{name, password, language}` → `{user}` and a session).
 */
export function registerInvitationRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/invitations/:token', async (c) => {
		c.header('Cache-Control', 'no-store');
		const found = await viewInvitation(deps, c.req.param('token'));
		return found.ok ? c.json(found.view) : refused(c, found.error);
	});

	app.post('/api/invitations/:token/register', async (c) => {
		const body = await parseBody(c, RegistrationBody);
		if (!body.ok) return body.response;
		c.header('Cache-Control', 'no-store');
		const registered = await registerFromInvitation(deps, c.req.param('token'), body.value);
		if (!registered.ok) return refused(c, registered.error);
		const session = await startSession(deps.accounts, registered.user.id, deps.clock.now());
		c.header('Set-Cookie', sessionCookie(session.token, Math.floor(sessionLifetimeMs / 1000)));
		return c.json({ user: publicUser(registered.user) }, 201);
	});
}
