import { describe, expect, it } from 'vitest';
import { isFreeMailAddress, isRoleBasedAddress } from '../../src/lib/domain/address-warnings.ts';
import { createGroup } from '../../src/lib/domain/group-create.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent } from '../../src/lib/domain/intent-decide.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { countBillable, parseGroupState } from '../../src/lib/domain/state-parse.ts';
import {
	at,
	bought,
	failure,
	groupWithSeats,
	intent,
	newGroup,
	preset,
	unwrap,
	withMember
} from './fixtures.ts';

const groups = preset('license-groups');

describe('groups and roles', () => {
	it('G1 purchases by every admin add up to the collective volume: 6 + 4 seats are priced at the 10-seat tier (USD 2,160)', () => {
		let state = withMember(newGroup(groups), { id: 'owner-2', roles: ['owner', 'admin'] });
		state = withMember(state, { id: 'admin-3', roles: ['admin'] });
		state = bought(groups, state, 'designer', 6, '2026-01-02').state;
		const second = {
			userId: 'owner-2',
			roles: ['owner' as const, 'admin' as const],
			passwordConfirmed: true
		};
		const order = unwrap(
			placeOrder(
				state,
				groups,
				{ kind: 'set-seats', product: 'designer', newTotal: 10 },
				second,
				at('2026-01-02')
			)
		);
		expect(order.quote.tier).toMatchObject({
			from: 10,
			unitPrice: 216_000,
			volumeBefore: 6,
			volumeAfter: 10
		});
		expect(order.quote.total).toBe(4 * 216_000);
		const view = unwrap(groupView(order.state, [], groups, at('2026-01-03')));
		expect(view.admins.map((a) => a.id).sort()).toEqual(['admin-3', 'owner-1', 'owner-2']);
	});

	it('G2 only the owner buys, confirming with the password; a viewer only reads', () => {
		let state = groupWithSeats(groups, 2);
		state = withMember(state, { id: 'admin-3', roles: ['admin'] });
		state = withMember(state, { id: 'viewer-4', roles: ['viewer'] });
		const byAdmin = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'designer',
				newTotal: 3,
				term: null,
				support: null,
				passwordConfirmed: true,
				author: 'admin-3'
			}),
			groups,
			at('2026-02-01')
		);
		expect(byAdmin.decision).toMatchObject({
			outcome: 'rejected',
			code: 'order.owner-only',
			fix: { kind: 'ask-owner' }
		});
		expect(byAdmin.state).toBe(state);
		const noPassword = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'designer',
				newTotal: 3,
				term: null,
				support: null,
				passwordConfirmed: false
			}),
			groups,
			at('2026-02-01')
		);
		expect(noPassword.decision).toMatchObject({
			outcome: 'rejected',
			code: 'order.password-required'
		});
		const byViewer = decideIntent(
			state,
			intent({
				kind: 'recall-license',
				memberId: 'admin-3',
				product: 'designer',
				author: 'viewer-4'
			}),
			groups,
			at('2026-02-01')
		);
		expect(byViewer.decision).toMatchObject({ outcome: 'rejected', code: 'role.read-only' });
		const byOwner = decideIntent(
			state,
			intent({
				kind: 'change-seats',
				product: 'designer',
				newTotal: 3,
				term: null,
				support: null,
				passwordConfirmed: true
			}),
			groups,
			at('2026-02-01')
		);
		expect(byOwner.decision.outcome).toBe('accepted');
		expect(byOwner.state.holdings['designer']?.seats).toBe(3);
	});

	it('G2 a group has exactly one billable admin: two are refused, naming another moves the role', () => {
		const state = withMember(newGroup(groups), { id: 'ben', roles: ['admin'] });
		const twice = withMember(state, { id: 'bea', roles: ['billable'] });
		expect(failure(parseGroupState(twice))).toMatchObject({
			code: 'state.invalid',
			path: 'members'
		});
		const moved = decideIntent(
			state,
			intent({ kind: 'set-billable-admin', memberId: 'ben' }),
			groups,
			at('2026-01-05')
		);
		expect(moved.decision.outcome).toBe('accepted');
		expect(countBillable(moved.state)).toBe(1);
		expect(moved.state.members['ben']?.roles).toContain('billable');
		expect(moved.state.members['owner-1']?.roles).not.toContain('billable');
		expect(parseGroupState(JSON.parse(JSON.stringify(moved.state))).ok).toBe(true);
	});

	it('G3 an enterprise admin account should be role-based: jane.doe@ is warned, licenses@ is not', () => {
		const devices = preset('enterprise-devices');
		const person = unwrap(
			createGroup(
				devices,
				{ groupId: 'g', owner: { id: 'o', email: 'jane.doe@acme.example', name: 'Jane' } },
				at('2026-01-01')
			)
		);
		expect(person.warnings).toEqual([
			{ code: 'address.not-role-based', params: { email: 'jane.doe@acme.example' } }
		]);
		const role = unwrap(
			createGroup(
				devices,
				{ groupId: 'g', owner: { id: 'o', email: 'licenses@acme.example', name: 'Licenses' } },
				at('2026-01-01')
			)
		);
		expect(role.warnings).toEqual([]);
		expect(isRoleBasedAddress('IT-Support@acme.example')).toBe(true);
		expect(isRoleBasedAddress('admin2+cad@acme.example')).toBe(true);
		expect(isRoleBasedAddress('peter.it@acme.example')).toBe(false);
	});

	it('G4 a free-mail address is accepted with a warning (gmail, hotmail.co.uk, web.de, orange.fr)', () => {
		const state = groupWithSeats(groups, 2);
		const gmail = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'sam@gmail.com', name: 'Sam' }
			}),
			groups,
			at('2026-01-05')
		);
		expect(gmail.decision).toMatchObject({
			outcome: 'accepted',
			warnings: [{ code: 'address.free-mail', params: { email: 'sam@gmail.com' } }]
		});
		const company = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'sam@acme.example', name: 'Sam' }
			}),
			groups,
			at('2026-01-05')
		);
		expect(company.decision).toMatchObject({ outcome: 'accepted', warnings: [] });
		for (const email of [
			'a@hotmail.co.uk',
			'a@web.de',
			'a@orange.fr',
			'a@free.fr',
			'a@GMX.de',
			'a@yahoo.fr'
		]) {
			expect(isFreeMailAddress(email)).toBe(true);
		}
		expect(isFreeMailAddress('a@freedom.fr')).toBe(false);
	});
});

describe('users and named licenses', () => {
	it('U1 giving a license to an existing account links it at once and the giver becomes its license admin', () => {
		const state = withMember(groupWithSeats(groups, 3), { id: 'admin-3', roles: ['admin'] });
		const linked = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'Trial.User@acme.example', name: 'Tia' },
				author: 'admin-3'
			}),
			groups,
			at('2026-01-05'),
			{ accounts: { 'trial.user@acme.example': 'user-77' } }
		);
		expect(linked.decision.outcome).toBe('accepted');
		expect(linked.state.members['user-77']).toMatchObject({
			status: 'active',
			licenseAdmin: 'admin-3',
			licenses: ['designer']
		});
		expect(linked.history.map((h) => h.kind)).toEqual(['member.linked', 'license.assigned']);
		expect(linked.emails.map((e) => e.kind)).toEqual(['license.given']);
	});

	it('U1 an unknown address gets an invitation and shows as awaiting registration until it registers', () => {
		const state = groupWithSeats(groups, 3);
		const invited = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'new@acme.example', name: 'Nia' }
			}),
			groups,
			at('2026-01-05')
		);
		const id = Object.keys(invited.state.members).find((m) => m.startsWith('invite-')) ?? '';
		expect(invited.state.members[id]).toMatchObject({
			status: 'awaiting-registration',
			licenses: ['designer']
		});
		expect(invited.emails).toEqual([
			{
				kind: 'invitation.sent',
				to: { role: 'member', memberId: id, email: 'new@acme.example' },
				params: { groupId: 'group-1' }
			}
		]);
		const pending = unwrap(groupView(invited.state, [], groups, at('2026-01-05')));
		expect(pending.products[0]?.pools[0]).toMatchObject({ size: 3, used: 1, pending: 1, free: 2 });
		const registered = decideIntent(
			invited.state,
			intent({ kind: 'complete-registration', memberId: id, author: id }),
			groups,
			at('2026-01-06')
		);
		expect(registered.state.members[id]?.status).toBe('active');
		const after = unwrap(groupView(registered.state, [], groups, at('2026-01-06')));
		expect(after.products[0]?.pools[0]).toMatchObject({ used: 1, pending: 0, free: 2 });
	});

	it('U2 a recalled license returns to the unallocated pool and waits for the next person', () => {
		let state = withMember(groupWithSeats(groups, 1), { id: 'leaver', licenses: ['designer'] });
		state = withMember(state, { id: 'newcomer' });
		const full = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'newcomer' }
			}),
			groups,
			at('2026-03-01')
		);
		expect(full.decision).toMatchObject({
			outcome: 'rejected',
			code: 'seat.none-free',
			fix: { kind: 'buy-seats', count: 1 },
			alternatives: [{ kind: 'recall-one', product: 'designer' }]
		});
		const recalled = decideIntent(
			state,
			intent({ kind: 'recall-license', memberId: 'leaver', product: 'designer' }),
			groups,
			at('2026-03-01')
		);
		expect(recalled.state.members['leaver']?.licenses).toEqual([]);
		expect(
			unwrap(groupView(recalled.state, [], groups, at('2026-03-01'))).products[0]?.pools[0]
		).toMatchObject({ size: 1, used: 0, free: 1 });
		const reassigned = decideIntent(
			recalled.state,
			intent({
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'member', memberId: 'newcomer' }
			}),
			groups,
			at('2026-04-01')
		);
		expect(reassigned.decision.outcome).toBe('accepted');
	});

	it('U3 named licenses follow the rights group: employee and admin take a seat, guest frees it, logging in does not matter', () => {
		const rights = preset('named-rights-groups');
		let state = groupWithSeats(rights, 2);
		state = withMember(state, { id: 'ann', rightsGroup: 'employee' });
		state = withMember(state, { id: 'bob', rightsGroup: 'admin', status: 'awaiting-registration' });
		state = withMember(state, { id: 'cid', rightsGroup: 'guest' });
		const promote = intent({
			kind: 'change-rights-group',
			memberId: 'cid',
			rightsGroup: 'employee'
		});
		expect(decideIntent(state, promote, rights, at('2026-02-01')).decision).toMatchObject({
			outcome: 'rejected',
			code: 'seat.none-free',
			params: { used: 2, purchased: 2 }
		});
		const demoted = decideIntent(
			state,
			intent({ kind: 'change-rights-group', memberId: 'ann', rightsGroup: 'guest' }),
			rights,
			at('2026-02-01')
		);
		expect(
			unwrap(groupView(demoted.state, [], rights, at('2026-02-01'))).products[0]?.pools[0]
		).toMatchObject({ used: 1, free: 1 });
		expect(decideIntent(demoted.state, promote, rights, at('2026-02-01')).decision.outcome).toBe(
			'accepted'
		);
	});

	it('U4 everyone who configures or receives data needs a licence: joining without one is refused, each person given one counts', () => {
		const annual = preset('annual-seats');
		const state = groupWithSeats(annual, 5);
		const bare = decideIntent(
			state,
			intent({
				kind: 'add-member',
				email: 'rep@acme.example',
				name: 'Rep',
				rightsGroup: null,
				permissions: []
			}),
			annual,
			at('2026-02-01')
		);
		expect(bare.decision).toMatchObject({ outcome: 'rejected', code: 'member.license-required' });
		const self = decideIntent(
			state,
			intent({
				kind: 'assign-license',
				product: 'router',
				target: { by: 'member', memberId: 'owner-1' }
			}),
			annual,
			at('2026-02-01')
		);
		const rep = decideIntent(
			self.state,
			intent({
				kind: 'assign-license',
				product: 'router',
				target: { by: 'email', email: 'rep@acme.example', name: 'Rep' }
			}),
			annual,
			at('2026-02-01')
		);
		expect(
			unwrap(groupView(rep.state, [], annual, at('2026-02-01'))).products[0]?.pools[0]
		).toMatchObject({ size: 5, used: 2, free: 3 });
	});

	it('U5 only the user edits their own name; admins see the change', () => {
		const state = withMember(groupWithSeats(groups, 1), {
			id: 'admin-3',
			name: 'Anna Smith',
			roles: ['admin']
		});
		const byOwner = decideIntent(
			state,
			intent({ kind: 'update-profile', memberId: 'admin-3', name: 'Anna Jones' }),
			groups,
			at('2026-05-01')
		);
		expect(byOwner.decision).toMatchObject({ outcome: 'rejected', code: 'profile.only-self' });
		const bySelf = decideIntent(
			state,
			intent({
				kind: 'update-profile',
				memberId: 'admin-3',
				name: 'Anna Jones',
				author: 'admin-3'
			}),
			groups,
			at('2026-05-01')
		);
		expect(bySelf.decision.outcome).toBe('accepted');
		const admins = unwrap(groupView(bySelf.state, [], groups, at('2026-05-01'))).admins;
		expect(admins.find((a) => a.id === 'admin-3')?.name).toBe('Anna Jones');
	});
});
