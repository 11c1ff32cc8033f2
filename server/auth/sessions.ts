import { createHash, randomBytes } from 'node:crypto';
import type { AccountStore, UserRecord } from '../storage/types.ts';

/**
 * The session cookie. `__Host-` binds it to this origin, Path=/ and Secure; browsers accept
 * Secure cookies on http://localhost, so development and tests need no certificate.
 */
export const sessionCookieName = '__Host-tessera-session';

/** Sessions last 30 days from sign-in; signing in again starts a new one. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** Only the SHA-256 of a token is stored, so a stolen database holds no usable session. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

/** Creates a new session (a fresh random token at every sign-in) and returns its token. */
export async function startSession(
	accounts: AccountStore,
	userId: string,
	now: number
): Promise<{ token: string; expiresAt: number }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = now + sessionLifetimeMs;
	await accounts.createSession(hashToken(token), { userId, createdAt: now, expiresAt });
	return { token, expiresAt };
}

/** The user behind a session token and when it ends; undefined when unknown or expired. */
export async function resolveSession(
	accounts: AccountStore,
	token: string | undefined,
	now: number
): Promise<{ user: UserRecord; expiresAt: number } | undefined> {
	if (!token || token.length > 100) return undefined;
	const session = await accounts.findSession(hashToken(token));
	if (!session || session.expiresAt <= now) return undefined;
	const user = await accounts.findUserById(session.userId);
	return user && { user, expiresAt: session.expiresAt };
}

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const index = part.indexOf('=');
		if (index === -1) continue;
		if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
	}
	return undefined;
}

/** The attributes every Tessera cookie carries (`__Host-` requires Secure and Path=/). */
export function cookieAttributes(maxAgeSeconds: number): string {
	return `Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

/** The Set-Cookie value for a session, or for clearing it when `token` is empty. */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
	return `${sessionCookieName}=${token}; ${cookieAttributes(maxAgeSeconds)}`;
}
