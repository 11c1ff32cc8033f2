import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, type GroupState } from '../../src/lib/domain/index.ts';
import { verifyToken } from '../../src/lib/sync/signed-token.ts';
import { applyOperation } from '../../server/authority/group-setup.ts';
import type { DeviceTokenPayload } from '../../server/authority/device-activation.ts';
import { enterpriseAccount, userPassword } from '../helpers/enterprise-fixtures.ts';
import { nth } from '../helpers/nth.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	await test.stop();
});

const minute = 60_000;
const day = 24 * 60 * minute;

interface Answer {
	status: number;
	body: { token?: string; pool?: string; error?: { code: string } };
}

async function activate(body: Record<string, unknown>, headers: Record<string, string> = {}) {
	const response = await fetch(`${test.url}/api/devices/activate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function stateOf(groupId: string): Promise<GroupState> {
	const state = await test.server.engine.run(groupId, (a) => Promise.resolve(a.state));
	if (!state) throw new Error(`no state for ${groupId}`);
	return state;
}

/** Everything a refused activation must leave as it was. */
async function stored(groupId: string) {
	return {
		state: JSON.stringify(await stateOf(groupId)),
		ledger: (await test.storage.authority.ledger(groupId)).length,
		document: await test.storage.documents.documentStats(`group:${groupId}:authority`)
	};
}

async function payloadOf(token: string | undefined): Promise<DeviceTokenPayload> {
	const keys = (await (await fetch(`${test.url}/api/authority/key`)).json()) as {
		keys: { id: string; publicKey: string }[];
	};
	const checked = await verifyToken<DeviceTokenPayload>(token ?? '', 'device', keys.keys);
	if (!checked.ok) throw new Error(`token refused: ${checked.reason}`);
	return checked.token.payload;
}

describe('device activation (D1, D2)', () => {
	it('D1 a device takes a license at its first sign-in, with a token verifiable offline', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-first', { seats: 2, users: 1 });
		const user = nth(users, 0);
		const answer = await activate({
			account,
			deviceCode: 'TILL-1',
			fingerprint: 'install-a',
			email: user.email,
			password: userPassword
		});
		expect(answer.status).toBe(200);
		expect(answer.body.pool).toBe('standard');
		const payload = await payloadOf(answer.body.token);
		expect(payload).toMatchObject({
			groupId: 'dev-first',
			deviceCode: 'TILL-1',
			memberId: user.id,
			product: 'counter',
			pool: 'standard'
		});
		expect(payload.expiry).toBe((await stateOf('dev-first')).subscription.expiry);
		expect((await stateOf('dev-first')).devices['TILL-1']).toMatchObject({
			memberId: user.id,
			pool: 'standard',
			fingerprint: 'install-a'
		});
	});

	it('D1 the same device signing in again keeps its license; the group id names the account too', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-again', { seats: 1, users: 1 });
		const user = nth(users, 0);
		const body = { deviceCode: 'TILL-7', fingerprint: 'install-a', email: user.email };
		const first = await activate({ ...body, account, password: userPassword });
		expect(first.status).toBe(200);
		// One seat only: a second device would be refused, the same one is not.
		const again = await activate({ ...body, account: 'dev-again', password: userPassword });
		expect(again.status).toBe(200);
		expect(again.body.pool).toBe('standard');
		const state = await stateOf('dev-again');
		expect(Object.keys(state.devices)).toEqual(['TILL-7']);
	});

	it('D1 a second installation using a code taken in the account is refused (device.code-taken), changing nothing', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-taken', { seats: 3, users: 2 });
		const [first, second] = [nth(users, 0), nth(users, 1)];
		const taken = { account, deviceCode: 'SCAN-1', password: userPassword };
		expect(
			(await activate({ ...taken, fingerprint: 'install-a', email: first.email })).status
		).toBe(200);
		const before = await stored('dev-taken');
		const refused = await activate({ ...taken, fingerprint: 'install-b', email: second.email });
		expect(refused.status).toBe(422);
		expect(refused.body.error?.code).toBe('device.code-taken');
		expect(await stored('dev-taken')).toEqual(before);
	});

	it('D2 a full standard pool refuses a new device (seat.none-free)', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-full', { seats: 1, users: 1 });
		const body = { account, email: nth(users, 0).email, password: userPassword };
		expect((await activate({ ...body, deviceCode: 'A', fingerprint: 'a' })).status).toBe(200);
		const before = await stored('dev-full');
		const refused = await activate({ ...body, deviceCode: 'B', fingerprint: 'b' });
		expect(refused.body.error?.code).toBe('seat.none-free');
		expect(await stored('dev-full')).toEqual(before);
	});

	it('D2 in a floating pool the least recently used device gives its license to a new device', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-float', {
			seats: 2,
			floating: 2,
			users: 3
		});
		const clock = test.server.testClock;
		if (!clock) throw new Error('test mode has a clock');
		const signIn = async (index: number, deviceCode: string) => {
			clock.set(clock.now() + minute);
			const answer = await activate({
				account,
				deviceCode,
				fingerprint: `install-${deviceCode}`,
				email: nth(users, index).email,
				password: userPassword
			});
			expect(answer.status).toBe(200);
			return answer;
		};
		await signIn(0, 'OLDEST');
		await signIn(1, 'RECENT');
		const newcomer = await signIn(2, 'NEW');
		expect(newcomer.body.pool).toBe('floating');
		const devices = (await stateOf('dev-float')).devices;
		expect(devices.OLDEST?.pool).toBeNull();
		expect(devices.RECENT?.pool).toBe('floating');
		expect(devices.NEW?.pool).toBe('floating');
		// The device that gave its license up takes the least recently used one back (RECENT).
		await signIn(0, 'OLDEST');
		const after = (await stateOf('dev-float')).devices;
		expect([after.OLDEST?.pool, after.RECENT?.pool, after.NEW?.pool]).toEqual([
			'floating',
			null,
			'floating'
		]);
	});
});

describe('bad input on device activation', () => {
	it('refuses a wrong password (auth.invalid-credentials) and an unknown account, changing nothing', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-bad', { seats: 2, users: 1 });
		const user = nth(users, 0);
		const base = { deviceCode: 'X1', fingerprint: 'x', email: user.email };
		const before = await stored('dev-bad');
		const wrong = await activate({ ...base, account, password: 'not the password' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error?.code).toBe('auth.invalid-credentials');
		const nobody = await activate({ ...base, account, email: 'nobody@x.example', password: 'x' });
		expect(nobody.status).toBe(401);
		const unknown = await activate({ ...base, account: 'nope@x.example', password: userPassword });
		expect(unknown.status).toBe(404);
		expect(unknown.body.error?.code).toBe('device.account-unknown');
		// A real user of another account is not told that this account exists.
		const foreign = await activate({
			...base,
			account: 'demo-enterprise-devices',
			password: userPassword
		});
		expect(foreign.status).toBe(404);
		expect(foreign.body.error?.code).toBe('device.account-unknown');
		expect(await stored('dev-bad')).toEqual(before);
	});

	it('slows password guessing (auth.rate-limited) but not a fleet of devices signing in', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-throttle', {
			seats: 1,
			users: 1
		});
		const device = { account, deviceCode: 'T1', fingerprint: 't', email: nth(users, 0).email };
		// More sign-ins from one address than a browser may try: successes use up no budget.
		for (let i = 0; i < 35; i++) {
			expect((await activate({ ...device, password: userPassword })).status).toBe(200);
		}
		const guesses = [];
		for (let i = 0; i < 6; i++) guesses.push(await activate({ ...device, password: `guess ${i}` }));
		expect(guesses.slice(0, 5).map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
		expect(guesses[5]?.status).toBe(429);
		expect(guesses[5]?.body.error?.code).toBe('auth.rate-limited');
	});

	it('is JSON-only but not browser-origin bound: a device needs no cookie, so there is nothing to forge', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-origin', { seats: 1, users: 1 });
		const body = {
			account,
			deviceCode: 'W1',
			fingerprint: 'w',
			email: nth(users, 0).email,
			password: userPassword
		};
		const form = await fetch(`${test.url}/api/devices/activate`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify(body)
		});
		expect(form.status).toBe(415);
		const malformed = await activate({ ...body, deviceCode: '' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error?.code).toBe('request.invalid');
		const fromWebView = await activate(body, { origin: 'https://counting-app.example' });
		expect(fromWebView.status).toBe(200);
	});
});

describe('a locked group (I2)', () => {
	it('I2 a locked group refuses device activation (group.locked), says why, and changes nothing', async () => {
		const { account, users } = await enterpriseAccount(test, 'dev-locked', { seats: 2, users: 1 });
		const invoice = Object.values((await stateOf('dev-locked')).invoices)[0];
		if (!invoice) throw new Error('the purchase issued an invoice');
		// Past the due date and the policy's 30 days of grace, the clock locks the group.
		const clock = test.server.testClock;
		clock?.set(Date.parse(`${invoice.dueOn}T12:00:00Z`) + 31 * day);
		await applyOperation(test.server.engine, 'dev-locked', 'clock', advanceClock);
		expect((await stateOf('dev-locked')).lock).not.toBeNull();
		const before = await stored('dev-locked');
		const refused = await activate({
			account,
			deviceCode: 'L1',
			fingerprint: 'l',
			email: nth(users, 0).email,
			password: userPassword
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({
			code: 'group.locked',
			params: { invoiceId: invoice.id },
			fix: { kind: 'pay-invoice', invoiceId: invoice.id }
		});
		expect(await stored('dev-locked')).toEqual(before);
	});
});
