import { afterEach, describe, expect, it, vi } from 'vitest';
import { quote, type GroupState, type Policy } from '../../src/lib/domain/index.ts';
import { BillingQuote } from '../../src/lib/state/billing-quote.svelte.ts';
import type { GroupWorkspace } from '../../src/lib/state/group-workspace.svelte.ts';
import { at, bought, groupWithSeats, newGroup, ownerId, preset } from '../domain/fixtures.ts';

/** The part of a workspace the quote reads: the decided state, the policy, who I am. */
function workspaceOf(state: GroupState, policy: Policy): GroupWorkspace {
	const surface: Pick<GroupWorkspace, 'decided' | 'policy' | 'userId'> = {
		decided: state,
		policy,
		userId: ownerId
	};
	return surface as GroupWorkspace;
}

const licenseGroups = preset('license-groups');
const now = at('2026-03-01');

afterEach(() => {
	vi.useRealTimers();
});

describe('the browser’s quote', () => {
	it('P3 P4 is the domain’s quote() of the decided state at this instant, with the current total beside it', () => {
		vi.useFakeTimers({ now });
		const state = groupWithSeats(licenseGroups, 12, '2026-01-02');
		const pricing = new BillingQuote(workspaceOf(state, licenseGroups));
		expect(pricing.current).toBe(12);
		expect(pricing.result).toEqual({ kind: 'none' });
		pricing.setTotal(25);
		const request = { kind: 'set-seats' as const, product: 'designer', newTotal: 25 };
		expect(pricing.request).toMatchObject(request);
		const expected = quote(state, licenseGroups, request, now);
		expect(pricing.result).toEqual({
			kind: 'quote',
			quote: expected.ok ? expected.value : null,
			blocked: null
		});
		pricing.destroy();
	});

	it('P1 says what is wrong with a total, in the domain’s codes', () => {
		vi.useFakeTimers({ now });
		const policy = preset('annual-seats');
		const state = bought(policy, newGroup(policy), 'router', 8, '2026-01-02', 'annual').state;
		const pricing = new BillingQuote(workspaceOf(state, policy));
		pricing.setTotal(4);
		expect(pricing.result).toMatchObject({
			kind: 'refused',
			error: { code: 'order.below-minimum', params: { minimum: 5, requested: 4 } }
		});
		pricing.setTotal(6.5);
		expect(pricing.result).toMatchObject({
			kind: 'refused',
			error: { code: 'quantity.not-a-whole-number' }
		});
		pricing.destroy();
	});

	it('I2 P6 prices an order the owner cannot place yet, and says why (lock, missing CLA, no change)', () => {
		vi.useFakeTimers({ now });
		const state = groupWithSeats(licenseGroups, 12, '2026-01-02');
		const locked = { ...state, lock: { since: '2026-02-15', invoiceIds: ['invoice-1'] } };
		const pricing = new BillingQuote(workspaceOf(locked, licenseGroups));
		pricing.setTotal(13);
		expect(pricing.result).toMatchObject({ kind: 'quote', blocked: { code: 'group.locked' } });
		const unchanged = new BillingQuote(workspaceOf(state, licenseGroups));
		unchanged.setTotal(12);
		expect(unchanged.result).toMatchObject({ kind: 'quote', blocked: { code: 'order.no-change' } });
		const fresh = new BillingQuote(workspaceOf(newGroup(licenseGroups), licenseGroups));
		expect(fresh.starts).toBe(true);
		fresh.setTerm('annual');
		fresh.setTotal(3);
		expect(fresh.result).toMatchObject({ kind: 'quote', blocked: { code: 'order.cla-required' } });
		for (const open of [pricing, unchanged, fresh]) open.destroy();
	});

	it('P11 prices packs, counting the packs already held', () => {
		vi.useFakeTimers({ now: at('2026-01-10') });
		const policy = preset('modules-packs');
		const state = bought(policy, newGroup(policy), 'sales', 1, '2026-01-02', 'monthly').state;
		const pricing = new BillingQuote(workspaceOf(state, policy));
		pricing.selectPack('extra-users-sales');
		expect(pricing.mode).toBe('pack');
		expect(pricing.current).toBe(0);
		pricing.setTotal(2);
		expect(pricing.request).toEqual({ kind: 'add-pack', pack: 'extra-users-sales', count: 2 });
		expect(pricing.result).toMatchObject({ kind: 'quote', quote: { kind: 'pack', delta: 2 } });
		pricing.destroy();
	});
});
