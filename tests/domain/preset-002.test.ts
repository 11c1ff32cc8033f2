/**
 * Seed 002 ("How do I add licenses?" of a project-management cloud), walked with the
 * `named-rights-groups` preset.
 */

import { describe, expect, it } from 'vitest';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import {
	at,
	bought,
	failure,
	intent,
	newGroup,
	owner,
	preset,
	unwrap,
	withMember
} from './fixtures.ts';

const policy = preset('named-rights-groups');

/** A cloud with a paid annual contract of 3 users from 2026-03-01, an admin and three people. */
function cloud(): GroupState {
	let state = bought(policy, newGroup(policy, '2026-03-01'), 'workspace', 3, '2026-03-01').state;
	state = withMember(state, { id: 'adm', roles: ['admin'], rightsGroup: 'admin' });
	state = withMember(state, { id: 'emp', rightsGroup: 'employee' });
	return withMember(state, { id: 'gus', rightsGroup: 'guest' });
}

describe('preset 002 — named licenses by rights group', () => {
	it('G2 only the cloud owner, as contract partner, books additional licenses ("Upgrade")', () => {
		const byAdmin = decideIntent(
			cloud(),
			intent({
				kind: 'change-seats',
				product: 'workspace',
				newTotal: 5,
				term: null,
				support: null,
				passwordConfirmed: true,
				author: 'adm'
			}),
			policy,
			at('2026-06-01')
		);
		expect(byAdmin.decision).toMatchObject({ outcome: 'rejected', code: 'order.owner-only' });
	});

	it('P3 the owner selects the new total number of users and sees the change in amount before confirming', () => {
		const preview = unwrap(
			quote(
				cloud(),
				policy,
				{ kind: 'set-seats', product: 'workspace', newTotal: 5 },
				at('2026-03-01')
			)
		);
		expect(preview).toMatchObject({
			current: 3,
			requested: 5,
			delta: 2,
			total: 26_400,
			recurring: { before: 39_600, after: 66_000 }
		});
	});

	it('P3 the booking is authorised with the owner password; then the cloud has the additional licenses', () => {
		const state = cloud();
		const noPassword = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'workspace',
				newTotal: 5,
				term: null,
				support: null,
				passwordConfirmed: false
			}),
			policy,
			at('2026-06-01')
		);
		expect(noPassword.decision).toMatchObject({
			outcome: 'rejected',
			code: 'order.password-required'
		});
		const confirmed = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'workspace',
				newTotal: 5,
				term: null,
				support: null,
				passwordConfirmed: true
			}),
			policy,
			at('2026-06-01')
		);
		expect(
			unwrap(groupView(confirmed.state, [], policy, at('2026-06-01'))).products[0]?.pools[0]
		).toMatchObject({ size: 5, used: 2, free: 3 });
	});

	it('P2 billed on a daily basis, proportionally to the main contract term (92 of 365 days left: 2 × 132.00 × 184/365)', () => {
		const upgrade = unwrap(
			placeOrder(
				cloud(),
				policy,
				{ kind: 'set-seats', product: 'workspace', newTotal: 5 },
				owner,
				at('2026-08-29')
			)
		);
		// 2026-08-29 → 2027-03-01 is 184 days: 2 × 13,200 × 184/365 = 13,308.49 → 13,308.
		expect(upgrade.quote).toMatchObject({
			proration: { basis: 'day', remaining: 184, of: 365 },
			total: 13_308
		});
		const monthly = bought(
			policy,
			newGroup(policy, '2026-02-01'),
			'workspace',
			1,
			'2026-02-01',
			'monthly'
		);
		const midFebruary = unwrap(
			quote(
				monthly.state,
				policy,
				{ kind: 'set-seats', product: 'workspace', newTotal: 2 },
				at('2026-02-15')
			)
		);
		// A monthly main contract: 14 of February's 28 days, 12.90 × 14/28 = 6.45.
		expect(midFebruary).toMatchObject({ proration: { remaining: 14, of: 28 }, total: 645 });
	});

	it('I3 the invoice goes to the e-mail address on file (the billable admin)', () => {
		const upgrade = unwrap(
			placeOrder(
				cloud(),
				policy,
				{ kind: 'set-seats', product: 'workspace', newTotal: 4 },
				owner,
				at('2026-06-01')
			)
		);
		expect(upgrade.emails.find((e) => e.kind === 'invoice.issued')?.to).toEqual({
			role: 'billable-admin',
			memberId: 'owner-1',
			email: 'licenses@acme.example'
		});
	});

	it('U1 U3 new free licenses invite new users or upgrade a guest to a higher permission group', () => {
		const batch = decideIntents(
			cloud(),
			[
				intent({
					kind: 'add-member',
					email: 'neu@acme.example',
					name: 'Neu',
					rightsGroup: 'employee',
					permissions: []
				}),
				intent({ kind: 'change-rights-group', memberId: 'gus', rightsGroup: 'employee' })
			],
			policy,
			at('2026-06-01')
		);
		expect(batch.decisions.map((d) => d.outcome)).toEqual(['accepted', 'rejected']);
		expect(batch.decisions[1]).toMatchObject({
			code: 'seat.none-free',
			fix: { kind: 'buy-seats', product: 'workspace', count: 1 }
		});
		const invited = Object.values(batch.state.members).find((m) => m.email === 'neu@acme.example');
		expect(invited).toMatchObject({ status: 'awaiting-registration', rightsGroup: 'employee' });
	});

	it('U3 removing the rights group (employee to guest) frees the license; being logged in or not changes nothing', () => {
		const state = withMember(cloud(), {
			id: 'away',
			rightsGroup: 'employee',
			status: 'awaiting-registration'
		});
		expect(
			unwrap(groupView(state, [], policy, at('2026-06-01'))).products[0]?.pools[0]
		).toMatchObject({ used: 3, pending: 1, free: 0 });
		const freed = decideIntent(
			state,
			intent({ kind: 'change-rights-group', memberId: 'emp', rightsGroup: 'guest' }),
			policy,
			at('2026-06-01')
		);
		expect(
			unwrap(groupView(freed.state, [], policy, at('2026-06-01'))).products[0]?.pools[0]
		).toMatchObject({ used: 2, free: 1 });
		const unknown = decideIntent(
			state,
			intent({ kind: 'change-rights-group', memberId: 'emp', rightsGroup: 'owner' }),
			policy,
			at('2026-06-01')
		);
		expect(unknown.decision).toMatchObject({ code: 'rights-group.unknown' });
	});

	it('P3 a lower total applies at once here, never below the users in licensed groups, and is not refunded', () => {
		const lower = unwrap(
			placeOrder(
				cloud(),
				policy,
				{ kind: 'set-seats', product: 'workspace', newTotal: 2 },
				owner,
				at('2026-06-01')
			)
		);
		expect(lower.quote).toMatchObject({ effective: 'now', total: 0 });
		expect(lower.events.map((e) => e.type)).toEqual(['seats.reduced']);
		expect(
			failure(
				placeOrder(
					lower.state,
					policy,
					{ kind: 'set-seats', product: 'workspace', newTotal: 1 },
					owner,
					at('2026-06-02')
				)
			)
		).toMatchObject({ code: 'seat.reduction-below-used', params: { used: 2, requested: 1 } });
	});
});
