import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
const group = 'demo-enterprise-devices';
const person = { email: 'field.counter@acme.example', password: 'counting all day long' };

beforeAll(async () => {
	test = await startTestServer();
	const admin = await signIn(test.url, 'camille.martin@acme.example');
	const created = await fetch(`${test.url}/api/groups/${group}/enterprise-users`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: test.url, cookie: admin },
		body: JSON.stringify({ ...person, name: 'Field Counter', permissions: ['count'] })
	});
	expect(created.status).toBe(201);
	const activated = await fetch(`${test.url}/api/devices/activate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			account: group,
			deviceCode: 'FIELD-7',
			fingerprint: 'tablet-7',
			...person
		})
	});
	expect(activated.status).toBe(200);
});
afterAll(async () => {
	await test.stop();
});

describe('a license holder sees their own licenses and devices', () => {
	it('lists the groups that list me, with my permissions, devices and the expiry, though I administer none', async () => {
		const cookie = await signIn(test.url, person.email, person.password);
		expect(await (await fetch(`${test.url}/api/groups`, { headers: { cookie } })).json()).toEqual(
			[]
		);
		const response = await fetch(`${test.url}/api/me/licenses`, { headers: { cookie } });
		const body = (await response.json()) as {
			groups: {
				group: { id: string };
				member: { permissions: string[] };
				devices: { code: string }[];
				expiry: string | null;
			}[];
		};
		expect(body.groups.map((entry) => entry.group.id)).toEqual([group]);
		expect(body.groups[0]?.member.permissions).toEqual(['count']);
		expect(body.groups[0]?.devices.map((device) => device.code)).toEqual(['FIELD-7']);
		expect(body.groups[0]?.expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('U5 a rename reaches the groups from the membership index', async () => {
		const cookie = await signIn(test.url, person.email, person.password);
		const renamed = await fetch(`${test.url}/api/me`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json', origin: test.url, cookie },
			body: JSON.stringify({ name: 'Field Counter-Smith' })
		});
		expect(((await renamed.json()) as { renamedIn: string[] }).renamedIn).toEqual([group]);
	});

	it('answers 401 without a session', async () => {
		expect((await fetch(`${test.url}/api/me/licenses`)).status).toBe(401);
	});
});
