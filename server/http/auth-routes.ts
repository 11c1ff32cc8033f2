import * as v from 'valibot';
import { closeCodes } from '../../src/lib/sync/protocol.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { verifyToken } from '../../src/lib/sync/signed-token.ts';
import {
	cookieAttributes,
	hashToken,
	readCookie,
	sessionCookie,
	sessionCookieName,
	sessionLifetimeMs,
	startSession
} from '../auth/sessions.ts';
import type { UserRecord } from '../storage/types.ts';
import { apiError } from './api-error.ts';
import { clientAddress } from './client-address.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';

const LoginBody = v.object({
	email: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(254)),
	password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
});

/** The public view of the signed-in user. */
export function publicUser(user: UserRecord) {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		language: user.language,
		vendorRole: user.vendorRole
	};
}

/** Marks a browser that signed in to an account before (a signed token naming the account). */
const knownDeviceCookie = '__Host-tessera-device';

async function isKnownDevice(deps: ApiDeps, cookie: string | undefined, account: string) {
	if (!cookie) return false;
	const checked = await verifyToken<{ account?: unknown }>(
		cookie,
		'known-device',
		deps.signer.publicKeys().keys
	);
	return checked.ok && checked.token.payload.account === account;
}

/** `POST /api/auth/login` and `POST /api/auth/logout`. */
export function registerAuthRoutes(app: ApiApp, deps: ApiDeps): void {
	// Verifying against a throwaway hash when the e-mail is unknown keeps the answer time the
	// same, so that response times do not reveal which addresses have accounts.
	let decoy: Promise<string> | undefined;

	app.post('/api/auth/login', async (c) => {
		const body = await parseBody(c, LoginBody);
		if (!body.ok) return body.response;
		const account = body.value.email.toLowerCase();
		const address = clientAddress(c, deps.trustProxy);
		const now = deps.clock.now();
		const known = await isKnownDevice(
			deps,
			readCookie(c.req.header('cookie'), knownDeviceCookie),
			account
		);
		const allowed = deps.loginThrottle.check(account, address, known, now);
		if (!allowed.allowed) {
			const seconds = Math.ceil(allowed.retryAfterMs / 1000);
			c.header('Retry-After', String(seconds));
			return apiError(c, 429, 'auth.rate-limited', { retryAfterSeconds: seconds });
		}
		const user = await deps.accounts.findUserByEmail(body.value.email);
		decoy ??= hashPassword('decoy password', deps.passwordCost);
		const stored = user?.passwordHash ?? (await decoy);
		const valid = await verifyPassword(body.value.password, stored);
		deps.loginThrottle.record(account, address, Boolean(user?.passwordHash) && valid, now);
		if (!user?.passwordHash || !valid) return apiError(c, 401, 'auth.invalid-credentials');
		// A fresh token at every sign-in: a token planted before login is worthless after it.
		const previous = readCookie(c.req.header('cookie'), sessionCookieName);
		if (previous) await deps.accounts.deleteSession(hashToken(previous));
		const session = await startSession(deps.accounts, user.id, deps.clock.now());
		c.header('Set-Cookie', sessionCookie(session.token, Math.floor(sessionLifetimeMs / 1000)));
		// This browser may sign in to this account even while someone hammers it (login-throttle.ts).
		const device = deps.signer.signToken('known-device', { account, issuedAt: now });
		c.header('Set-Cookie', `${knownDeviceCookie}=${device}; ${cookieAttributes(365 * 24 * 3600)}`, {
			append: true
		});
		c.header('Cache-Control', 'no-store');
		return c.json({ user: publicUser(user) });
	});

	app.post('/api/auth/logout', async (c) => {
		const token = readCookie(c.req.header('cookie'), sessionCookieName);
		if (token) await deps.accounts.deleteSession(hashToken(token));
		if (c.var.user) deps.sync.disconnectUser(c.var.user.id, undefined, closeCodes.sessionEnded);
		c.header('Set-Cookie', sessionCookie('', 0));
		return c.body(null, 204);
	});
}
