import type { QuoteRequestInput } from '../../src/lib/domain/index.ts';

/**
 * What each demo group has been through: the opening purchase (signed into the ledger) and the
 * first licenses handed out, so every screen has real data on a new machine. Steps run through
 * the authority exactly as live requests would.
 */
export type DemoStep =
	| { kind: 'cla' }
	| { kind: 'order'; request: QuoteRequestInput }
	| { kind: 'intents'; make: (people: DemoPeople) => Record<string, unknown>[] };

/** The people a scenario can refer to: admins by user id, members by e-mail. */
export interface DemoPeople {
	ownerId: string;
	adminId: string;
	members: { email: string; name: string }[];
}

let sequence = 0;
/** A demo intent's base fields. */
const base = (kind: string, author: string) => ({
	id: `demo-${String(++sequence).padStart(4, '0')}`,
	kind,
	author,
	createdAt: 0
});

const giveLicenses = (product: string, count: number) => (people: DemoPeople) =>
	people.members.slice(0, count).map((member) => ({
		...base('assign-license', people.adminId),
		product,
		target: { by: 'email', email: member.email, name: member.name }
	}));

const addMembers =
	(rightsGroup: (index: number) => string | null, permissions: string[] = []) =>
	(people: DemoPeople) =>
		people.members.map((member, index) => ({
			...base('add-member', people.adminId),
			email: member.email,
			name: member.name,
			rightsGroup: rightsGroup(index),
			permissions
		}));

/** One scenario per policy preset, keyed by policy id. */
export const demoScenarios: Record<string, DemoStep[]> = {
	// 000: volume tiers (12 seats reach the 10+ tier), 10 given, 2 left unallocated (U2).
	'license-groups': [
		{ kind: 'cla' },
		{
			kind: 'order',
			request: { kind: 'set-seats', product: 'designer', newTotal: 12, term: 'annual' }
		},
		{ kind: 'intents', make: giveLicenses('designer', 10) }
	],
	// 001: annual only, minimum 5, premier support as a percentage.
	'annual-seats': [
		{ kind: 'cla' },
		{
			kind: 'order',
			request: {
				kind: 'set-seats',
				product: 'router',
				newTotal: 8,
				term: 'annual',
				support: 'premier'
			}
		},
		{ kind: 'intents', make: giveLicenses('router', 6) }
	],
	// 002: named licenses by rights group; guests use no seat.
	'named-rights-groups': [
		{
			kind: 'order',
			request: { kind: 'set-seats', product: 'workspace', newTotal: 14, term: 'monthly' }
		},
		{ kind: 'intents', make: addMembers((index) => (index % 4 === 3 ? 'guest' : 'employee')) }
	],
	// 003: enterprise users and device licenses, part of them floating.
	'enterprise-devices': [
		{ kind: 'cla' },
		{
			kind: 'order',
			request: { kind: 'set-seats', product: 'counter', newTotal: 6, term: 'annual' }
		},
		{ kind: 'intents', make: addMembers(() => null, ['count']) }
	],
	// 004: modules with included users, an extra-users pack.
	'modules-packs': [
		{
			kind: 'order',
			request: { kind: 'set-seats', product: 'sales', newTotal: 1, term: 'monthly' }
		},
		{ kind: 'order', request: { kind: 'set-seats', product: 'crm', newTotal: 1, term: 'monthly' } },
		{ kind: 'order', request: { kind: 'add-pack', pack: 'extra-users-sales', count: 2 } },
		{ kind: 'intents', make: addMembers(() => null) }
	]
};
