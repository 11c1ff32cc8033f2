import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { tryUpgrade } from '../helpers/sync-clients.ts';

let test: TestServer;
beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	await test.stop();
});

const json = (origin: string) => ({ 'content-type': 'application/json', origin });

describe('sign-in', () => {
	it('sets an HttpOnly, Secure, __Host- session cookie for the right password', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: json(test.url),
			body: JSON.stringify({ email: 'alex.admin@acme.example', password: 'test-password' })
		});
		expect(response.status).toBe(200);
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^__Host-tessera-session=[\w-]{40,};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('Secure');
		expect(cookie).toContain('SameSite=Lax');
		expect(cookie).toContain('Path=/');
	});

	it('refuses a wrong password with a code and no cookie', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: json(test.url),
			body: JSON.stringify({ email: 'alex.admin@acme.example', password: 'nope' })
		});
		expect(response.status).toBe(401);
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(await response.json()).toEqual({ error: { code: 'auth.invalid-credentials' } });
	});

	it('answers an unknown e-mail exactly like a wrong password', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: json(test.url),
			body: JSON.stringify({ email: 'nobody@acme.example', password: 'whatever' })
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ error: { code: 'auth.invalid-credentials' } });
	});

	it('refuses a malformed body with the path of the bad field', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: json(test.url),
			body: JSON.stringify({ email: 42 })
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: { code: 'request.invalid', params: { path: 'email' } }
		});
	});

	it('refuses JSON sent as text/plain, the shape of a cross-site form', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', origin: test.url },
			body: JSON.stringify({ email: 'alex.admin@acme.example', password: 'test-password' })
		});
		expect(response.status).toBe(415);
	});

	it('refuses a state-changing request from a foreign Origin', async () => {
		const response = await fetch(`${test.url}/api/auth/login`, {
			method: 'POST',
			headers: json('https://evil.example'),
			body: JSON.stringify({ email: 'alex.admin@acme.example', password: 'test-password' })
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ error: { code: 'request.foreign-origin' } });
	});

	it('ends the session at logout: the old cookie no longer opens anything', async () => {
		const cookie = await signIn(test.url, 'alex.admin@acme.example');
		const logout = await fetch(`${test.url}/api/auth/logout`, {
			method: 'POST',
			headers: { ...json(test.url), cookie },
			body: '{}'
		});
		expect(logout.status).toBe(204);
		const groups = await fetch(`${test.url}/api/groups`, { headers: { cookie } });
		expect(groups.status).toBe(401);
	});
});

describe('GET /api/groups', () => {
	it('answers 401 without a session', async () => {
		const response = await fetch(`${test.url}/api/groups`);
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ error: { code: 'auth.required' } });
	});

	it('lists exactly the groups the caller administers, with roles', async () => {
		const cookie = await signIn(test.url, 'jonas.weber@acme.example');
		const response = await fetch(`${test.url}/api/groups`, { headers: { cookie } });
		const groups = (await response.json()) as { id: string; name: string; roles: string[] }[];
		expect(groups.map((group) => group.id).sort()).toEqual([
			'demo-license-groups',
			'demo-named-users'
		]);
		expect(groups[0]?.roles).toEqual(['admin']);
		expect(typeof groups[0]?.name).toBe('string');
	});
});

describe('websocket upgrade', () => {
	const path = (group: string, authority = false) =>
		`${test.wsUrl}/sync/${group}${authority ? '/authority' : ''}`;

	it('refuses a missing cookie with 401 before any document byte', async () => {
		const result = await tryUpgrade(path('demo-license-groups'), { origin: test.url });
		expect(result.status).toBe(401);
		expect(JSON.parse(result.body)).toEqual({ error: { code: 'auth.required' } });
	});

	it('refuses a foreign Origin with 403 even with a valid session', async () => {
		const cookie = await signIn(test.url, 'alex.admin@acme.example');
		const result = await tryUpgrade(path('demo-license-groups'), {
			origin: 'https://evil.example',
			cookie
		});
		expect(result.status).toBe(403);
	});

	it('answers 404 for an unknown group and for a group the caller does not administer', async () => {
		const cookie = await signIn(test.url, 'jonas.weber@acme.example');
		const unknown = await tryUpgrade(path('no-such-group'), { origin: test.url, cookie });
		const foreign = await tryUpgrade(path('demo-annual-seats', true), { origin: test.url, cookie });
		expect(unknown.status).toBe(404);
		expect(foreign.status).toBe(404);
		expect(JSON.parse(foreign.body)).toEqual({ error: { code: 'group.not-found' } });
	});

	it('opens both documents of a group the caller administers', async () => {
		const cookie = await signIn(test.url, 'jonas.weber@acme.example');
		expect((await tryUpgrade(path('demo-named-users'), { origin: test.url, cookie })).status).toBe(
			'open'
		);
		expect(
			(await tryUpgrade(path('demo-named-users', true), { origin: test.url, cookie })).status
		).toBe('open');
	});
});

describe('every response carries the security headers', () => {
	it('sets a CSP without inline script on API, static and error responses', async () => {
		for (const url of [`${test.url}/healthz`, `${test.url}/api/nope`, `${test.url}/groups/x`]) {
			const csp = (await fetch(url)).headers.get('content-security-policy') ?? '';
			const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
			expect(scriptSrc.trim()).toBe("script-src 'self'");
			expect(csp).toContain("object-src 'none'");
			expect(csp).toContain("base-uri 'none'");
			expect(csp).toContain("frame-ancestors 'none'");
		}
	});
});
