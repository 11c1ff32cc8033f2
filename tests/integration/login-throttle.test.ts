import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config.ts';
import { demoPassword, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
beforeAll(async () => {
	// The production limits, not the relaxed ones other suites use.
	// Behind a "proxy": X-Forwarded-For lets the test speak from many addresses.
	test = await startTestServer({ loginLimits: configFromEnv({}).loginLimits, trustProxy: true });
});
afterAll(async () => {
	await test.stop();
});

async function login(email: string, password: string, cookie = '', address = '203.0.113.1') {
	return fetch(`${test.url}/api/auth/login`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: test.url,
			cookie,
			'x-forwarded-for': address
		},
		body: JSON.stringify({ email, password })
	});
}

const cookiesOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');

describe('sign-in rate limits', () => {
	it('slows a password guesser down with 429 and Retry-After, before any hashing', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++)
			statuses.push((await login('jonas.weber@acme.example', `guess-${i}`)).status);
		expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		const refused = await login('jonas.weber@acme.example', demoPassword);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.json()).toMatchObject({ error: { code: 'auth.rate-limited' } });
	});

	it('does not lock the real user out: a browser that signed in before still gets in', async () => {
		const first = await login('camille.martin@acme.example', demoPassword, '', '198.51.100.1');
		expect(first.status).toBe(200);
		const device =
			cookiesOf(first)
				.split('; ')
				.find((cookie) => cookie.startsWith('__Host-tessera-device=')) ?? '';
		expect(device).not.toBe('');
		// A distributed guess: 25 failures for her account from 25 addresses.
		for (let i = 0; i < 25; i++) {
			await login('camille.martin@acme.example', `guess-${i}`, '', `192.0.2.${i}`);
		}
		const stranger = await login('camille.martin@acme.example', demoPassword, '', '192.0.2.200');
		expect(stranger.status).toBe(429);
		const herBrowser = await login(
			'camille.martin@acme.example',
			demoPassword,
			device,
			'198.51.100.9'
		);
		expect(herBrowser.status).toBe(200);
	});

	it('rotates the session at every sign-in: the previous token stops working', async () => {
		const first = await login('alex.admin@acme.example', demoPassword);
		const firstCookie = cookiesOf(first);
		const second = await login('alex.admin@acme.example', demoPassword, firstCookie);
		const secondSession = cookiesOf(second);
		expect(secondSession).not.toBe(firstCookie);
		expect((await fetch(`${test.url}/api/me`, { headers: { cookie: firstCookie } })).status).toBe(
			401
		);
		expect((await fetch(`${test.url}/api/me`, { headers: { cookie: secondSession } })).status).toBe(
			200
		);
	});
});
