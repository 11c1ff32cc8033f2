/**
 * Seed 003 ("Set up your Enterprise Account" of a counting app), walked with the
 * `enterprise-devices` preset.
 */

import { describe, expect, it } from 'vitest';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, bought, intent, operator, owner, preset, unwrap } from './fixtures.ts';

const policy = preset('enterprise-devices');

/** The account support created, with `seats` licenses bought on 2026-01-05. */
function account(seats: number): GroupState {
	const created = unwrap(
		createGroup(
			policy,
			{
				groupId: 'acme',
				owner: { id: 'owner-1', email: 'licenses@acme.example', name: 'Licenses' }
			},
			at('2026-01-05')
		)
	);
	return bought(policy, created.state, 'counter', seats, '2026-01-05').state;
}

/** Creates users u1…un (D3) and returns the state. */
function withUsers(state: GroupState, count: number): GroupState {
	const intents = Array.from({ length: count }, (_, i) =>
		intent({
			kind: 'add-member',
			email: `u${i + 1}@acme.example`,
			name: `User ${i + 1}`,
			rightsGroup: null,
			permissions: ['count']
		})
	);
	return decideIntents(state, intents, policy, at('2026-01-05', 13)).state;
}

/** The id of the user with this e-mail. */
function userId(state: GroupState, email: string): string {
	return Object.values(state.members).find((m) => m.email === email)?.id ?? '';
}

/** A sign-in of a user (by e-mail) on a device. */
function signIn(state: GroupState, email: string, code: string): Intent {
	const id = userId(state, email);
	return intent({
		kind: 'activate-device',
		memberId: id,
		product: 'counter',
		deviceCode: code,
		fingerprint: `fp-${code}`,
		author: id
	});
}

describe('preset 003 — enterprise accounts and device licenses', () => {
	it('P4 enterprise accounts buy several licenses a year at volume prices (5 or more: USD 1,080)', () => {
		const five = unwrap(
			quote(
				account(1),
				policy,
				{ kind: 'set-seats', product: 'counter', newTotal: 5 },
				at('2026-01-05')
			)
		);
		expect(five.tier).toMatchObject({ from: 5, unitPrice: 108_000 });
		expect(five.total).toBe(4 * 108_000);
	});

	it('G3 the admin of the account uses a generic, role-based company address, not an employee address', () => {
		const personal = unwrap(
			createGroup(
				policy,
				{ groupId: 'acme', owner: { id: 'o', email: 'maria.lopez@acme.example', name: 'Maria' } },
				at('2026-01-05')
			)
		);
		expect(personal.warnings.map((w) => w.code)).toEqual(['address.not-role-based']);
		const viewWarnings = unwrap(groupView(personal.state, [], policy, at('2026-01-05'))).warnings;
		expect(viewWarnings.map((w) => w.code)).toEqual(['address.not-role-based']);
		expect(unwrap(groupView(account(1), [], policy, at('2026-01-05'))).warnings).toEqual([]);
	});

	it('D3 the admin creates users, each with a unique e-mail, a password (server side) and permissions', () => {
		const state = withUsers(account(2), 2);
		const again = decideIntent(
			state,
			intent({
				kind: 'add-member',
				email: 'U1@acme.example',
				name: 'Dup',
				rightsGroup: null,
				permissions: []
			}),
			policy,
			at('2026-01-06')
		);
		expect(again.decision).toMatchObject({ outcome: 'rejected', code: 'member.email-taken' });
		expect(
			Object.values(state.members).filter((m) => m.permissions.includes('count'))
		).toHaveLength(2);
	});

	it('D1 a license is assigned automatically at the first login on a device and stays with it; the code is unique', () => {
		let state = withUsers(account(2), 2);
		state = decideIntent(
			state,
			signIn(state, 'u1@acme.example', 'TAB-7'),
			policy,
			at('2026-01-07')
		).state;
		expect(state.devices['TAB-7']).toMatchObject({
			pool: 'standard',
			memberId: userId(state, 'u1@acme.example')
		});
		const sameDevice = decideIntent(
			state,
			signIn(state, 'u2@acme.example', 'TAB-7'),
			policy,
			at('2026-01-08')
		);
		expect(
			unwrap(groupView(sameDevice.state, [], policy, at('2026-01-08'))).products[0]?.pools[0]
		).toMatchObject({ used: 1, free: 1 });
		const clash = decideIntent(
			state,
			intent({
				kind: 'activate-device',
				memberId: userId(state, 'u2@acme.example'),
				product: 'counter',
				deviceCode: 'TAB-7',
				fingerprint: 'another-tablet',
				author: userId(state, 'u2@acme.example')
			}),
			policy,
			at('2026-01-08')
		);
		expect(clash.decision).toMatchObject({ code: 'device.code-taken' });
	});

	it('D2 standard account: the admin moves licenses across devices', () => {
		let state = withUsers(account(1), 2);
		state = decideIntent(
			state,
			signIn(state, 'u1@acme.example', 'OLD'),
			policy,
			at('2026-01-07')
		).state;
		const refused = decideIntent(
			state,
			signIn(state, 'u2@acme.example', 'NEW'),
			policy,
			at('2026-01-08')
		);
		expect(refused.decision).toMatchObject({
			code: 'seat.none-free',
			alternatives: [{ kind: 'move-device-license' }]
		});
		const freed = decideIntent(
			state,
			intent({ kind: 'release-device-license', deviceCode: 'OLD' }),
			policy,
			at('2026-01-08')
		);
		const moved = decideIntent(
			freed.state,
			signIn(state, 'u2@acme.example', 'NEW'),
			policy,
			at('2026-01-08', 13)
		);
		expect([moved.state.devices['OLD']?.pool, moved.state.devices['NEW']?.pool]).toEqual([
			null,
			'standard'
		]);
	});

	it('D2 floating licenses are moved by the system: the least recently used device gives way', () => {
		let state = withUsers(account(2), 3);
		state = decideIntent(
			state,
			intent({ kind: 'set-pool-split', product: 'counter', floating: 2 }),
			policy,
			at('2026-01-06')
		).state;
		state = decideIntent(
			state,
			signIn(state, 'u1@acme.example', 'A'),
			policy,
			at('2026-01-07', 8)
		).state;
		state = decideIntent(
			state,
			signIn(state, 'u2@acme.example', 'B'),
			policy,
			at('2026-01-07', 9)
		).state;
		state = decideIntent(
			state,
			signIn(state, 'u1@acme.example', 'A'),
			policy,
			at('2026-01-07', 10)
		).state;
		const third = decideIntent(
			state,
			signIn(state, 'u3@acme.example', 'C'),
			policy,
			at('2026-01-07', 11)
		);
		expect(Object.values(third.state.devices).map((d) => [d.code, d.pool])).toEqual([
			['A', 'floating'],
			['B', null],
			['C', 'floating']
		]);
	});

	it('D2 a mixed account manages part of the total as standard and the rest as floating', () => {
		const state = decideIntent(
			account(5),
			intent({ kind: 'set-pool-split', product: 'counter', floating: 3 }),
			policy,
			at('2026-01-06')
		);
		expect(
			unwrap(groupView(state.state, [], policy, at('2026-01-06'))).products[0]?.pools.map((p) => [
				p.pool,
				p.size
			])
		).toEqual([
			['standard', 2],
			['floating', 3]
		]);
		const tooMany = decideIntent(
			account(5),
			intent({ kind: 'set-pool-split', product: 'counter', floating: 6 }),
			policy,
			at('2026-01-06')
		);
		expect(tooMany.decision).toMatchObject({
			code: 'pool.split-out-of-range',
			params: { maximum: 5 }
		});
	});

	it('P7 all licenses of an enterprise account share the same expiration date', () => {
		const first = account(2);
		const later = unwrap(
			placeOrder(
				first,
				policy,
				{ kind: 'set-seats', product: 'counter', newTotal: 4 },
				owner,
				at('2026-09-01')
			)
		);
		expect(later.quote.expiry).toBe('2027-01-05');
		expect(later.events.find((e) => e.type === 'license-key.issued')).toMatchObject({
			seats: { counter: 4 },
			expiry: '2027-01-05'
		});
		expect(unwrap(groupView(later.state, [], policy, at('2026-09-01'))).subscription.expiry).toBe(
			'2027-01-05'
		);
		expect(operator.operator).toBe(true);
	});
});
