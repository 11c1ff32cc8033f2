import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateOfInstant, instantOfDate } from '../../src/lib/domain/index.ts';
import { moveClock, stored } from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	await test.stop();
});

const demoGroups = [
	'demo-annual-seats',
	'demo-enterprise-devices',
	'demo-license-groups',
	'demo-modules-packs',
	'demo-named-users'
];

function postClock(url: string, body: unknown) {
	return fetch(`${url}/api/test/clock`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

async function ledgers(): Promise<number[]> {
	return Promise.all(demoGroups.map(async (id) => (await stored(test, id)).ledger));
}

describe('the test clock and the scheduler', () => {
	it('POST /api/test/clock does not exist outside test mode (404), and time does not move', async () => {
		const production = await startTestServer({ testMode: false });
		try {
			const tomorrow = Date.now() + 86_400_000;
			const answer = await postClock(production.url, { now: tomorrow });
			expect(answer.status).toBe(404);
			expect(await answer.json()).toEqual({ error: { code: 'route.not-found' } });
			expect(production.server.testClock).toBeUndefined();
			expect(production.server.clock.now()).toBeLessThan(tomorrow - 3_600_000);
		} finally {
			await production.stop();
		}
	});

	it('refuses to go back in time (409 clock.backwards) or to read a bad date (400), nothing changes', async () => {
		const before = await ledgers();
		const clock = test.server.clock.now();
		const backwards = await postClock(test.url, { now: '2000-01-01' });
		expect(backwards.status).toBe(409);
		expect(((await backwards.json()) as { error: { code: string } }).error.code).toBe(
			'clock.backwards'
		);
		for (const now of ['2026-02-30', 'tomorrow', -1, 1.5, null]) {
			expect((await postClock(test.url, { now })).status).toBe(400);
		}
		expect(test.server.clock.now() - clock).toBeLessThan(60_000);
		expect(await ledgers()).toEqual(before);
	});

	it('a move within the day finds nothing due in any group and commits nothing', async () => {
		const before = await ledgers();
		const moved = await moveClock(test, test.server.clock.now() + 60_000);
		expect(moved.changed).toEqual([]);
		expect(await ledgers()).toEqual(before);
	});

	it('I1 a move past the due dates marks every group’s open invoices past due, once', async () => {
		const today = dateOfInstant(test.server.clock.now());
		const later = addDays(today, 32);
		const moved = await moveClock(test, later);
		expect(moved.date).toBe(later);
		expect(moved.now).toBeGreaterThanOrEqual(instantOfDate(later));
		expect(moved.changed).toEqual(expect.arrayContaining(['demo-license-groups']));
		const { state } = await stored(test, 'demo-license-groups');
		expect(Object.values(state.invoices).map((invoice) => invoice.status)).toContain('past-due');
		const after = await ledgers();
		// advanceClock is idempotent: the same day again changes nothing.
		const again = await moveClock(test, instantOfDate(later) + 3_600_000);
		expect(again.changed).toEqual([]);
		expect(await test.server.scheduler.runAll({ onlyNewDays: true })).toMatchObject({
			changed: []
		});
		expect(await ledgers()).toEqual(after);
	});
});
