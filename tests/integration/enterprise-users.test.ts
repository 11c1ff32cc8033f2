import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let cookie: string;
const group = 'demo-enterprise-devices';
beforeAll(async () => {
	test = await startTestServer();
	cookie = await signIn(test.url, 'camille.martin@acme.example');
});
afterAll(async () => {
	await test.stop();
});

async function createUser(body: Record<string, unknown>, as = cookie) {
	const response = await fetch(`${test.url}/api/groups/${group}/enterprise-users`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: test.url, cookie: as },
		body: JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function members() {
	const state = await test.server.engine.run(group, (authority) =>
		Promise.resolve(authority.state)
	);
	return state?.members ?? {};
}

describe('D3 an admin creates enterprise users with a unique e-mail, a password and permissions', () => {
	it('D3 the new user is a member with their permissions and can activate a device', async () => {
		const created = await createUser({
			email: 'counter.desk@acme.example',
			name: 'Counter Desk',
			password: 'a long enough password',
			permissions: ['count', 'export-results']
		});
		expect(created.status).toBe(201);
		const id = (created.body.user as { id: string }).id;
		const member = (await members())[id];
		expect(member).toMatchObject({
			email: 'counter.desk@acme.example',
			status: 'active',
			permissions: ['count', 'export-results']
		});
		const activated = await fetch(`${test.url}/api/devices/activate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				account: group,
				deviceCode: 'DESK-1',
				fingerprint: 'install-desk-1',
				email: 'counter.desk@acme.example',
				password: 'a long enough password'
			})
		});
		expect(activated.status).toBe(200);
	});

	it('D3 a taken e-mail, a short password or an unknown permission are refused and nothing is stored', async () => {
		const before = JSON.stringify(await members());
		const taken = await createUser({
			email: 'alex.admin@acme.example',
			name: 'X',
			password: 'long enough password',
			permissions: []
		});
		expect(taken).toMatchObject({ status: 409, body: { error: { code: 'user.email-taken' } } });
		const short = await createUser({
			email: 'new.one@acme.example',
			name: 'X',
			password: 'short',
			permissions: []
		});
		expect(short.status).toBe(400);
		const unknown = await createUser({
			email: 'new.two@acme.example',
			name: 'X',
			password: 'long enough password',
			permissions: ['launch-rockets']
		});
		expect(unknown.body).toMatchObject({ error: { code: 'permission.unknown' } });
		expect(await test.storage.accounts.findUserByEmail('new.two@acme.example')).toBeUndefined();
		expect(JSON.stringify(await members())).toBe(before);
	});

	it('G2 a viewer cannot create users', async () => {
		await test.storage.accounts.grantRole(
			group,
			(await test.storage.accounts.findUserByEmail('vera.viewer@acme.example'))?.id ?? '',
			'viewer'
		);
		const vera = await signIn(test.url, 'vera.viewer@acme.example');
		const refused = await createUser(
			{ email: 'x.y@acme.example', name: 'X', password: 'long enough password', permissions: [] },
			vera
		);
		expect(refused).toMatchObject({ status: 403, body: { error: { code: 'role.read-only' } } });
	});
});
