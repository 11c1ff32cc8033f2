/**
 * Seed 004 (modules and packs of a business-software subscription), through the HTTP API with
 * the test clock: modules bought monthly, an extra-users pack, users beyond the pack billed by
 * consumption on the billing date, tacit renewal on by default and switched off.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAsAuthority } from '../../server/authority/group-setup.ts';
import { addMonths, type Invoice } from '../../src/lib/domain/index.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import {
	type ApiClient,
	clientOf,
	ledgerTypes,
	moveClock,
	people,
	postOrder,
	stored,
	todayOf
} from '../helpers/billing-api.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'story-004';
let test: TestServer;
let owner: ApiClient;
let start: string;
let ids: { owner: string; alex: string; camille: string };
beforeAll(async () => {
	test = await startTestServer();
	owner = await clientOf(test, people.owner);
	const cast = await freshGroup(test, group, { policyId: 'modules-packs' });
	ids = { owner: cast.owner.id, alex: cast.alex.id, camille: cast.camille.id };
	start = todayOf(test);
});
afterAll(async () => {
	await test.stop();
});

/** What admins propose in the workspace, decided by the authority as the intake would. */
function decide(intents: Record<string, unknown>[]) {
	const now = test.server.clock.now();
	return decideAsAuthority(
		test.server.engine,
		group,
		intents.map((intent, index) => ({
			id: `story-${now}-${index}`,
			author: ids.owner,
			createdAt: now,
			...intent
		}))
	);
}

const invoicesOf = async (reason: Invoice['reason']) =>
	Object.values((await stored(test, group)).state.invoices).filter((i) => i.reason === reason);

describe('preset 004 — modules, packs and consumption, through the API', () => {
	it('P10 P11 the sales module starts a monthly subscription with tacit renewal on; a pack hangs off it', async () => {
		const sales = await postOrder(owner, group, {
			kind: 'set-seats',
			product: 'sales',
			newTotal: 1,
			term: 'monthly'
		});
		expect(sales.body.quote.total).toBe(4_500);
		expect((await stored(test, group)).state.subscription).toMatchObject({
			status: 'active',
			term: 'monthly',
			autoRenew: true
		});
		const pack = await postOrder(owner, group, {
			kind: 'add-pack',
			pack: 'extra-users-sales',
			count: 1
		});
		expect(pack.status).toBe(201);
		expect(pack.body.licenseKey?.payload.packs).toEqual({ 'extra-users-sales': 1 });
	});

	it('P12 two users with sales access besides the included administrator: the pack covers one, the other is billed by consumption on the billing date', async () => {
		await decide([
			{ kind: 'set-module-access', memberId: ids.alex, module: 'sales', access: true },
			{ kind: 'set-module-access', memberId: ids.camille, module: 'sales', access: true }
		]);
		expect(await invoicesOf('consumption')).toEqual([]);
		const head = (await stored(test, group)).ledger;
		await moveClock(test, addMonths(start, 1));
		const types = await ledgerTypes(test, group, head);
		expect(types).toEqual(expect.arrayContaining(['consumption.billed', 'subscription.renewed']));
		const [consumption] = await invoicesOf('consumption');
		expect(consumption?.lines).toEqual([
			expect.objectContaining({ kind: 'consumption', ref: 'sales', quantity: 1, amount: 1_500 })
		]);
		expect(await invoicesOf('renewal')).toHaveLength(1);
	});

	it('P10 with tacit renewal switched off the subscription ends on its date instead of renewing', async () => {
		await decide([{ kind: 'set-auto-renew', on: false }]);
		const head = (await stored(test, group)).ledger;
		await moveClock(test, addMonths(start, 2));
		const types = await ledgerTypes(test, group, head);
		expect(types).toContain('subscription.expired');
		expect(types).not.toContain('subscription.renewed');
		expect(await invoicesOf('renewal')).toHaveLength(1);
		expect((await stored(test, group)).state.subscription.status).toBe('expired');
	});
});
