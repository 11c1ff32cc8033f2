import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, sessionCookieName } from '../../server/auth/sessions.ts';
import { tryUpgrade } from '../helpers/sync-clients.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * S-suite: every REST route and every /sync document against every kind of caller who must not
 * get in — no session, an expired session, another tenant's session, a viewer writing. The
 * route list comes from the server itself, so a new route is covered (or fails as unclassified)
 * the day it is added.
 */
let test: TestServer;
let routes: { method: string; path: string }[];
const callers: Record<'none' | 'expired' | 'stranger' | 'viewer' | 'admin', string> = {
	none: '',
	expired: '',
	stranger: '',
	viewer: '',
	admin: ''
};
const target = 'demo-license-groups';
const targetName = 'Acme Interiors — Design studio';

const publicRoutes = new Set([
	'GET /healthz',
	'POST /api/auth/login',
	'POST /api/auth/logout',
	'GET /api/authority/key',
	'POST /api/devices/activate',
	'GET /api/invitations/:token',
	'POST /api/invitations/:token/register',
	'POST /api/test/clock'
]);
const userRoutes = new Set([
	'GET /api/me',
	'PATCH /api/me',
	'GET /api/me/licenses',
	'GET /api/groups',
	'GET /api/payments/config'
]);
/** Group routes a viewer may call (they read); every other group route writes. */
const viewerReads = new Set(['GET /api/groups/:id/ledger']);

beforeAll(async () => {
	test = await startTestServer();
	routes = [...new Map(test.server.routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
	const jonas = await test.storage.accounts.findUserByEmail('jonas.weber@acme.example');
	const token = randomBytes(32).toString('base64url');
	await test.storage.accounts.createSession(hashToken(token), {
		userId: jonas?.id ?? '',
		createdAt: 0,
		expiresAt: test.server.clock.now() - 1
	});
	callers.expired = `${sessionCookieName}=${token}`;
	// Jonas administers two groups of the same customer, but not this one's sister group below.
	callers.stranger = await signIn(test.url, 'jonas.weber@acme.example');
	callers.viewer = await signIn(test.url, 'vera.viewer@acme.example');
	callers.admin = await signIn(test.url, 'alex.admin@acme.example');
});
afterAll(async () => {
	await test.stop();
});

function call(route: { method: string; path: string }, cookie: string, groupId = target) {
	const url = test.url + route.path.replace(':id', groupId).replace(':token', 'no-such-token');
	const body = route.method === 'GET' ? null : '{}';
	const headers: Record<string, string> = { origin: test.url, 'content-type': 'application/json' };
	if (cookie) headers.cookie = cookie;
	return fetch(url, { method: route.method, headers, body });
}

describe('S-suite: the REST walls', () => {
	it('classifies every route the server has', () => {
		const unclassified = routes
			.map((route) => `${route.method} ${route.path}`)
			.filter(
				(key) =>
					!publicRoutes.has(key) &&
					!userRoutes.has(key) &&
					!key.includes('/api/groups/:id/') &&
					!key.includes('/api/operator/')
			);
		expect(unclassified).toEqual([]);
		expect(routes.length).toBeGreaterThan(15);
	});

	it('refuses every non-public route without a session, or with an expired one (401)', async () => {
		const leaks: string[] = [];
		for (const route of routes.filter((r) => !publicRoutes.has(`${r.method} ${r.path}`))) {
			for (const caller of ['none', 'expired'] as const) {
				const response = await call(route, callers[caller]);
				if (response.status !== 401)
					leaks.push(`${caller} ${route.method} ${route.path} → ${response.status}`);
			}
		}
		expect(leaks).toEqual([]);
	});

	it('never lets a session read or write another tenant’s group (0 cross-tenant reads or writes)', async () => {
		const crossings: string[] = [];
		const sister = 'demo-annual-seats';
		const ledgerBefore = (await test.storage.authority.ledger(sister)).length;
		for (const route of routes.filter((r) => r.path.includes('/api/groups/:id/'))) {
			const response = await call(route, callers.stranger, sister);
			const text = await response.text();
			if (response.status < 400 || text.includes('Sales routing')) {
				crossings.push(`${route.method} ${route.path} → ${response.status}`);
			}
		}
		expect(crossings).toEqual([]);
		expect(await test.storage.authority.ledger(sister)).toHaveLength(ledgerBefore);
	});

	it('keeps operator routes to the vendor’s desk (403 for a customer admin)', async () => {
		const opened: string[] = [];
		for (const route of routes.filter((r) => r.path.startsWith('/api/operator/'))) {
			const response = await call(route, callers.admin);
			if (response.status !== 403)
				opened.push(`${route.method} ${route.path} → ${response.status}`);
		}
		expect(opened).toEqual([]);
	});

	it('lets a viewer read but not write (G2)', async () => {
		const wrong: string[] = [];
		for (const route of routes.filter((r) => r.path.includes('/api/groups/:id/'))) {
			const key = `${route.method} ${route.path}`;
			const response = await call(route, callers.viewer);
			if (viewerReads.has(key) ? response.status !== 200 : response.status !== 403) {
				wrong.push(`${key} → ${response.status}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe('S-suite: the /sync walls', () => {
	const path = (kind: 'workspace' | 'authority', group = target) =>
		`${test.wsUrl}/sync/${group}${kind === 'authority' ? '/authority' : ''}`;

	it('refuses both documents to no session, an expired session and another tenant', async () => {
		const results: string[] = [];
		for (const kind of ['workspace', 'authority'] as const) {
			for (const caller of ['none', 'expired'] as const) {
				const headers: Record<string, string> = { origin: test.url };
				if (callers[caller]) headers.cookie = callers[caller];
				results.push(`${kind} ${caller} ${String((await tryUpgrade(path(kind), headers)).status)}`);
			}
			const stranger = await tryUpgrade(path(kind, 'demo-annual-seats'), {
				origin: test.url,
				cookie: callers.stranger
			});
			results.push(`${kind} stranger ${String(stranger.status)}`);
		}
		expect(results).toEqual([
			'workspace none 401',
			'workspace expired 401',
			'workspace stranger 404',
			'authority none 401',
			'authority expired 401',
			'authority stranger 404'
		]);
		expect(targetName).toContain('Design');
	});
});

describe('W-suite: cross-site request forgery on every state-changing route', () => {
	const unsafe = () => routes.filter((route) => route.method !== 'GET');

	it('refuses JSON sent as text/plain (the shape a cross-site form can send) with 415', async () => {
		const accepted: string[] = [];
		for (const route of unsafe()) {
			const url = test.url + route.path.replace(':id', target).replace(':token', 'no-such-token');
			const response = await fetch(url, {
				method: route.method,
				headers: { origin: test.url, 'content-type': 'text/plain', cookie: callers.admin },
				body: '{}'
			});
			if (response.status !== 415)
				accepted.push(`${route.method} ${route.path} → ${response.status}`);
		}
		expect(accepted).toEqual([]);
	});

	it('refuses a foreign Origin carrying the victim’s cookie with 403', async () => {
		const accepted: string[] = [];
		// Devices sign in with credentials in the body and no cookie, so a foreign page gains
		// nothing there (and a browser sends its JSON only after a CORS preflight we never grant).
		for (const route of unsafe().filter((r) => r.path !== '/api/devices/activate')) {
			const url = test.url + route.path.replace(':id', target).replace(':token', 'no-such-token');
			const response = await fetch(url, {
				method: route.method,
				headers: {
					origin: 'https://attacker.example',
					'content-type': 'application/json',
					cookie: callers.admin
				},
				body: '{}'
			});
			if (response.status !== 403)
				accepted.push(`${route.method} ${route.path} → ${response.status}`);
		}
		expect(accepted).toEqual([]);
	});
});

describe('W-suite: no cross-origin access is ever granted', () => {
	it('answers a CORS preflight without Access-Control-Allow-Origin on every route', async () => {
		const granted: string[] = [];
		for (const route of routes) {
			const url = test.url + route.path.replace(':id', target).replace(':token', 'x');
			const response = await fetch(url, {
				method: 'OPTIONS',
				headers: {
					origin: 'https://attacker.example',
					'access-control-request-method': route.method,
					'access-control-request-headers': 'content-type'
				}
			});
			if (response.headers.get('access-control-allow-origin'))
				granted.push(`${route.method} ${route.path}`);
		}
		expect(granted).toEqual([]);
	});
});
