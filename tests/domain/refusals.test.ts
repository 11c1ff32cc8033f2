/**
 * Every refusal code a decision can give, each with the smallest case that produces it, so a
 * translator's list and the engine cannot drift apart unnoticed.
 */

import { describe, expect, it } from 'vitest';
import { decideIntent } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import type { Policy } from '../../src/lib/domain/policy-schema.ts';
import type { Device, GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, groupWithSeats, intent, newGroup, preset, withMember } from './fixtures.ts';

const groups = preset('license-groups');
const annual = preset('annual-seats');
const devices = preset('enterprise-devices');
const modules = preset('modules-packs');

/** A device written straight into a state (set-up only). */
function withDevice(
	state: GroupState,
	code: string,
	pool: Device['pool'],
	product = 'counter'
): GroupState {
	const device: Device = {
		code,
		fingerprint: `fp-${code}`,
		product,
		memberId: 'owner-1',
		pool,
		firstSeenAt: 0,
		lastSeenAt: 0
	};
	return { ...state, devices: { ...state.devices, [code]: device } };
}

/** A device account with two seats, a licensed device L, an unlicensed U and a foreign F. */
function deviceAccount(): GroupState {
	const state = withDevice(withDevice(groupWithSeats(devices, 2), 'L', 'standard'), 'U', null);
	return withDevice(state, 'F', null, 'other-app');
}

const onlyStandard: Policy = {
	...devices,
	licenseModel: {
		kind: 'device',
		pools: ['standard'],
		floatingRule: 'least-recently-used',
		permissions: []
	}
};

const cases: [string, Policy, () => GroupState, Intent, string, string][] = [
	[
		'invoice.unknown',
		groups,
		() => groupWithSeats(groups, 1),
		intent({ kind: 'report-payment-in-progress', invoiceId: 'invoice-99' }),
		'2026-02-01',
		'I2 payment under way for an invoice that does not exist'
	],
	[
		'device.unknown',
		devices,
		deviceAccount,
		intent({ kind: 'move-device-license', fromDevice: 'NOPE', toDevice: 'U' }),
		'2026-02-01',
		'D2 moving from an unknown device'
	],
	[
		'device.not-licensed',
		devices,
		deviceAccount,
		intent({ kind: 'release-device-license', deviceCode: 'U' }),
		'2026-02-01',
		'D2 releasing a device that holds no license'
	],
	[
		'device.already-licensed',
		devices,
		() => withDevice(deviceAccount(), 'L2', 'standard'),
		intent({ kind: 'move-device-license', fromDevice: 'L', toDevice: 'L2' }),
		'2026-02-01',
		'D2 moving onto a device that has one'
	],
	[
		'device.product-mismatch',
		devices,
		deviceAccount,
		intent({ kind: 'move-device-license', fromDevice: 'L', toDevice: 'F' }),
		'2026-02-01',
		'D2 moving between products'
	],
	[
		'pool.kind-not-allowed',
		onlyStandard,
		() => groupWithSeats(onlyStandard, 2),
		intent({ kind: 'set-pool-split', product: 'counter', floating: 1 }),
		'2026-02-01',
		'D2 a floating share where the policy has none'
	],
	[
		'intent.not-applicable',
		devices,
		deviceAccount,
		intent({ kind: 'recall-license', memberId: 'owner-1', product: 'counter' }),
		'2026-02-01',
		'U2 recalling a named license under a device model'
	],
	[
		'support.unknown-level',
		annual,
		() => groupWithSeats(annual, 5, '2026-01-01'),
		intent({ kind: 'change-support', level: 'gold' }),
		'2026-12-01',
		'P9 an unknown support level'
	],
	[
		'support.not-offered',
		groups,
		() => groupWithSeats(groups, 1),
		intent({ kind: 'change-support', level: 'premier' }),
		'2026-12-30',
		'P9 support where the policy sells none'
	],
	[
		'seat.already-assigned',
		groups,
		() => withMember(groupWithSeats(groups, 2), { id: 'a', licenses: ['designer'] }),
		intent({
			kind: 'assign-license',
			product: 'designer',
			target: { by: 'member', memberId: 'a' }
		}),
		'2026-02-01',
		'U1 giving a license twice'
	],
	[
		'seat.not-assigned',
		groups,
		() => withMember(groupWithSeats(groups, 2), { id: 'a' }),
		intent({ kind: 'recall-license', memberId: 'a', product: 'designer' }),
		'2026-02-01',
		'U2 recalling a license the member does not hold'
	],
	[
		'member.not-awaiting-registration',
		groups,
		() => withMember(groupWithSeats(groups, 2), { id: 'a' }),
		intent({ kind: 'complete-registration', memberId: 'a', author: 'a' }),
		'2026-02-01',
		'U1 registering twice'
	],
	[
		'module.not-subscribed',
		modules,
		() => groupWithSeats(modules, 1, '2026-01-01'),
		intent({ kind: 'set-module-access', memberId: 'owner-1', module: 'accounting', access: true }),
		'2026-01-05',
		'P12 access to a module the subscription lacks'
	],
	[
		'role.not-allowed',
		groups,
		() => withMember(groupWithSeats(groups, 1), { id: 'la', roles: ['admin'] }),
		intent({ kind: 'set-roles', memberId: 'la', roles: ['owner'], author: 'la' }),
		'2026-02-01',
		'G2 a license admin granting roles'
	],
	[
		'role.last-owner',
		groups,
		() => groupWithSeats(groups, 1),
		intent({ kind: 'set-roles', memberId: 'owner-1', roles: ['admin'] }),
		'2026-02-01',
		'G2 the last owner stepping down'
	],
	[
		'order.no-change',
		groups,
		() => groupWithSeats(groups, 2),
		intent({
			kind: 'change-seats',
			product: 'designer',
			newTotal: 2,
			term: null,
			support: null,
			passwordConfirmed: true
		}),
		'2026-02-01',
		'P3 confirming the same total'
	],
	[
		'subscription.none',
		groups,
		() => newGroup(groups),
		intent({ kind: 'set-auto-renew', on: false }),
		'2026-02-01',
		'P10 auto-renewal before any purchase'
	],
	[
		'subscription.renewal-due',
		groups,
		() => withMember(groupWithSeats(groups, 2), { id: 'a' }),
		intent({
			kind: 'assign-license',
			product: 'designer',
			target: { by: 'member', memberId: 'a' }
		}),
		'2027-01-03',
		'P2 seats taken after the expiry, before the clock renewed'
	]
];

describe('refusal codes', () => {
	for (const [code, policy, setUp, proposed, date, title] of cases) {
		it(`${title}: ${code}`, () => {
			const state = setUp();
			const decided = decideIntent(state, proposed, policy, at(date));
			expect(decided.decision).toMatchObject({ outcome: 'rejected', code });
			expect(decided.state).toBe(state);
		});
	}

	it('P3 a lower total that waits for the renewal is accepted with a warning and caps new assignments', () => {
		const state = withMember(groupWithSeats(groups, 3), { id: 'a' });
		const lower = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'designer',
				newTotal: 1,
				term: null,
				support: null,
				passwordConfirmed: true
			}),
			groups,
			at('2026-06-01')
		);
		expect(lower.decision).toMatchObject({
			outcome: 'accepted',
			warnings: [{ code: 'seats.reduction-at-renewal', params: { on: '2027-01-02' } }]
		});
		expect(lower.state.holdings['designer']).toEqual({ seats: 3, floating: 0, pendingSeats: 1 });
		const a = decideIntent(
			lower.state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'a' }
			}),
			groups,
			at('2026-06-02')
		);
		const b = decideIntent(
			a.state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'owner-1' }
			}),
			groups,
			at('2026-06-02')
		);
		expect([a.decision.outcome, b.decision.outcome]).toEqual(['accepted', 'rejected']);
	});
});
