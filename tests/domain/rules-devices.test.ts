import { describe, expect, it } from 'vitest';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, groupWithSeats, intent, preset, unwrap, withMember } from './fixtures.ts';

const devices = preset('enterprise-devices');

/** A group with `seats` device licenses, `floating` of them floating, and users a, b, c. */
function account(seats: number, floating = 0): GroupState {
	let state = groupWithSeats(devices, seats);
	for (const id of ['a', 'b', 'c']) state = withMember(state, { id, permissions: ['count'] });
	if (floating === 0) return state;
	return decideIntent(
		state,
		intent({ kind: 'set-pool-split', product: 'counter', floating }),
		devices,
		at('2026-01-03')
	).state;
}

/** A sign-in of member `who` on device `code` (the device's own fingerprint `fp-code`). */
function signIn(who: string, code: string, fingerprint = `fp-${code}`): Intent {
	return intent({
		kind: 'activate-device',
		memberId: who,
		product: 'counter',
		deviceCode: code,
		fingerprint,
		author: who
	});
}

/** Signs in one after the other, one hour apart from `date`, and returns the final state. */
function signIns(state: GroupState, list: [string, string][], date = '2026-01-05'): GroupState {
	let current = state;
	list.forEach(([who, code], hour) => {
		current = decideIntent(current, signIn(who, code), devices, at(date, hour)).state;
	});
	return current;
}

describe('device licenses', () => {
	it('D1 a device takes a license at its first sign-in and keeps it; its code is unique in the account', () => {
		const state = account(2);
		const first = decideIntent(state, signIn('a', 'DEV-001'), devices, at('2026-01-05', 8));
		expect(first.decision.outcome).toBe('accepted');
		expect(first.state.devices['DEV-001']).toMatchObject({
			pool: 'standard',
			memberId: 'a',
			firstSeenAt: at('2026-01-05', 8)
		});
		expect(first.history.map((h) => h.kind)).toEqual(['device.activated']);
		const again = decideIntent(first.state, signIn('b', 'DEV-001'), devices, at('2026-01-06', 8));
		expect(again.decision.outcome).toBe('accepted');
		expect(again.state.devices['DEV-001']).toMatchObject({
			pool: 'standard',
			memberId: 'b',
			lastSeenAt: at('2026-01-06', 8)
		});
		expect(
			unwrap(groupView(again.state, [], devices, at('2026-01-06'))).products[0]?.pools[0]
		).toMatchObject({ size: 2, used: 1, free: 1 });
		const impostor = decideIntent(
			again.state,
			signIn('c', 'DEV-001', 'fp-other-laptop'),
			devices,
			at('2026-01-06', 9)
		);
		expect(impostor.decision).toMatchObject({
			outcome: 'rejected',
			code: 'device.code-taken',
			params: { deviceCode: 'DEV-001' }
		});
	});

	it('D2 in a standard pool a full account refuses a new device; the admin releases or moves a license by hand', () => {
		const full = signIns(account(2), [
			['a', 'DEV-001'],
			['b', 'DEV-002']
		]);
		const third = decideIntent(full, signIn('c', 'DEV-003'), devices, at('2026-01-06'));
		expect(third.decision).toMatchObject({
			outcome: 'rejected',
			code: 'seat.none-free',
			fix: { kind: 'buy-seats', product: 'counter', count: 1 },
			alternatives: [{ kind: 'move-device-license', product: 'counter' }]
		});
		const released = decideIntent(
			full,
			intent({ kind: 'release-device-license', deviceCode: 'DEV-001' }),
			devices,
			at('2026-01-06', 10)
		);
		const moved = decideIntent(
			released.state,
			signIn('c', 'DEV-003'),
			devices,
			at('2026-01-06', 11)
		);
		expect(moved.state.devices['DEV-003']?.pool).toBe('standard');
		const back = decideIntent(
			moved.state,
			intent({ kind: 'move-device-license', fromDevice: 'DEV-003', toDevice: 'DEV-001' }),
			devices,
			at('2026-01-07')
		);
		expect(back.decision.outcome).toBe('accepted');
		expect([back.state.devices['DEV-001']?.pool, back.state.devices['DEV-003']?.pool]).toEqual([
			'standard',
			null
		]);
		expect(back.history.map((h) => h.kind)).toEqual(['device.license-moved']);
	});

	it('D2 in a floating pool the least recently used device gives its license up', () => {
		const state = signIns(account(2, 2), [
			['a', 'F1'],
			['b', 'F2']
		]);
		const third = decideIntent(state, signIn('c', 'F3'), devices, at('2026-01-06'));
		expect(third.decision.outcome).toBe('accepted');
		expect([
			third.state.devices['F1']?.pool,
			third.state.devices['F2']?.pool,
			third.state.devices['F3']?.pool
		]).toEqual([null, 'floating', 'floating']);
		expect(third.history.map((h) => [h.kind, h.subject])).toEqual([
			['device.license-released', 'F1'],
			['device.activated', 'F3']
		]);
		const back = decideIntent(third.state, signIn('a', 'F1'), devices, at('2026-01-07'));
		expect(back.state.devices['F2']?.pool).toBe(null);
		const manual = decideIntent(
			back.state,
			intent({ kind: 'move-device-license', fromDevice: 'F1', toDevice: 'F2' }),
			devices,
			at('2026-01-07')
		);
		expect(manual.decision).toMatchObject({ outcome: 'rejected', code: 'device.pool-is-floating' });
	});

	it('D2 a mixed account splits 4 licenses into 2 standard and 2 floating; standard devices keep theirs', () => {
		const state = signIns(account(4, 2), [
			['a', 'S1'],
			['b', 'S2'],
			['c', 'F1'],
			['a', 'F2']
		]);
		expect(Object.values(state.devices).map((d) => [d.code, d.pool])).toEqual([
			['S1', 'standard'],
			['S2', 'standard'],
			['F1', 'floating'],
			['F2', 'floating']
		]);
		const fifth = decideIntent(state, signIn('b', 'F3'), devices, at('2026-01-06'));
		expect(fifth.state.devices['S1']?.pool).toBe('standard');
		expect(fifth.state.devices['F1']?.pool).toBe(null);
		const view = unwrap(groupView(fifth.state, [], devices, at('2026-01-06')));
		expect(view.products[0]?.pools).toEqual([
			{ pool: 'standard', size: 2, used: 2, pending: 0, free: 0, over: 0 },
			{ pool: 'floating', size: 2, used: 2, pending: 0, free: 0, over: 0 }
		]);
		const shrink = decideIntent(
			fifth.state,
			intent({ kind: 'set-pool-split', product: 'counter', floating: 1 }),
			devices,
			at('2026-01-06')
		);
		expect(shrink.decision).toMatchObject({
			outcome: 'rejected',
			code: 'pool.split-below-used',
			params: { pool: 'floating', used: 2, size: 1 }
		});
	});

	it('D3 admins create enterprise users with a unique e-mail and permissions (the password stays on the server)', () => {
		const state = account(2);
		const batch = decideIntents(
			state,
			[
				intent({
					kind: 'add-member',
					email: 'counter.one@acme.example',
					name: 'Counter One',
					rightsGroup: null,
					permissions: ['count', 'export-results']
				}),
				intent({
					kind: 'add-member',
					email: 'COUNTER.ONE@acme.example',
					name: 'Again',
					rightsGroup: null,
					permissions: ['count']
				}),
				intent({
					kind: 'add-member',
					email: 'counter.two@acme.example',
					name: 'Two',
					rightsGroup: null,
					permissions: ['delete-everything']
				})
			],
			devices,
			at('2026-01-05')
		);
		expect(batch.decisions.map((d) => (d.outcome === 'accepted' ? 'accepted' : d.code))).toEqual([
			'accepted',
			'member.email-taken',
			'permission.unknown'
		]);
		const created = Object.values(batch.state.members).find(
			(m) => m.email === 'counter.one@acme.example'
		);
		expect(created).toMatchObject({
			status: 'active',
			permissions: ['count', 'export-results'],
			licenseAdmin: 'owner-1'
		});
		expect(batch.history.map((h) => h.kind)).toEqual(['member.added']);
	});
});
