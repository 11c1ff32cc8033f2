import { describe, expect, it } from 'vitest';
import { quote } from '../../src/lib/domain/index.ts';
import { emptyScenario, simulate } from '../../src/lib/state/billing-whatif.ts';
import { at, bought, groupWithSeats, newGroup, ownerId, preset } from '../domain/fixtures.ts';

const licenseGroups = preset('license-groups');
const annualSeats = preset('annual-seats');
const modulesPacks = preset('modules-packs');
const now = at('2026-03-01');

describe('what-if: the domain on a copy, side by side with today', () => {
	it('P4 a purchase that crosses a tier is priced at the new tier, and nothing is committed', () => {
		const state = groupWithSeats(licenseGroups, 12, '2026-01-02');
		const frozen = JSON.stringify(state);
		const scenario = { ...emptyScenario, seats: { product: 'designer', newTotal: 25 } };
		const result = simulate(state, licenseGroups, scenario, ownerId, now);
		expect(result.error).toBeNull();
		const [purchase] = result.quotes;
		expect(purchase?.tier).toMatchObject({ from: 25, volumeBefore: 12, volumeAfter: 25 });
		// The quote is the one the owner would get for the same request.
		const direct = quote(
			state,
			licenseGroups,
			{ kind: 'set-seats', product: 'designer', newTotal: 25 },
			now
		);
		expect(direct.ok && direct.value).toEqual(purchase);
		expect(result.today.seats[0]).toMatchObject({ product: 'designer', total: 12 });
		expect(result.after?.seats[0]).toMatchObject({ product: 'designer', total: 25 });
		expect(result.today.chargedNow).toBe(0);
		expect(result.after?.chargedNow).toBe(purchase?.total);
		expect(result.after?.outstanding).toBe(result.today.outstanding + (purchase?.total ?? 0));
		expect(result.after?.renewal?.amount).toBeGreaterThan(result.today.renewal?.amount ?? 0);
		expect(JSON.stringify(state)).toBe(frozen);
	});

	it('P10 switching auto-renewal off leaves no renewal invoice, but the renewal is still priced', () => {
		const state = groupWithSeats(licenseGroups, 12, '2026-01-02');
		const result = simulate(
			state,
			licenseGroups,
			{ ...emptyScenario, autoRenew: false },
			ownerId,
			now
		);
		expect(result.today.autoRenew).toBe(true);
		expect(result.today.nextInvoice?.reason).toBe('renewal');
		expect(result.after?.autoRenew).toBe(false);
		expect(result.after?.nextInvoice).toBeNull();
		expect(result.after?.renewal).toEqual(result.today.renewal);
		expect(result.quotes).toEqual([]);
	});

	it('P9 a renewal without the support level costs the licence fee only (support is a percentage)', () => {
		const state = bought(
			annualSeats,
			newGroup(annualSeats),
			'router',
			8,
			'2026-01-02',
			'annual',
			'premier'
		).state;
		const result = simulate(state, annualSeats, { ...emptyScenario, support: null }, ownerId, now);
		expect(result.today.support).toBe('premier');
		expect(result.after?.support).toBeNull();
		const withSupport = result.today.renewal?.amount ?? 0;
		const without = result.after?.renewal?.amount ?? 0;
		// 20 % support on the licence fee: fee × 1.2 = with support.
		expect(withSupport).toBe(Math.round(without * 1.2));
	});

	it('P11 adding a pack charges it pro rata and counts it in the packs', () => {
		const first = bought(
			modulesPacks,
			newGroup(modulesPacks),
			'sales',
			1,
			'2026-01-02',
			'monthly'
		).state;
		const scenario = { ...emptyScenario, pack: { pack: 'extra-users-sales', count: 2 } };
		const result = simulate(first, modulesPacks, scenario, ownerId, at('2026-01-10'));
		expect(result.error).toBeNull();
		expect(result.quotes[0]).toMatchObject({ kind: 'pack', delta: 2 });
		expect(result.after?.packs).toEqual([{ pack: 'extra-users-sales', count: 2 }]);
		expect(result.today.packs).toEqual([]);
	});

	it('P1 a scenario the owner could not buy says why, and still shows today', () => {
		const state = bought(
			annualSeats,
			newGroup(annualSeats),
			'router',
			8,
			'2026-01-02',
			'annual'
		).state;
		const scenario = { ...emptyScenario, seats: { product: 'router', newTotal: 3 } };
		const result = simulate(state, annualSeats, scenario, ownerId, now);
		expect(result.error?.code).toBe('order.below-minimum');
		expect(result.after).toBeNull();
		expect(result.today.seats[0]?.total).toBe(8);
	});
});
