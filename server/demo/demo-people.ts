import type { GroupRole } from '../storage/types.ts';

/**
 * The demo cast. Admins sign in; members are the license holders shown in each group.
 * Names from the three languages Tessera speaks, so every screen shows real-looking data.
 */
export interface DemoAdmin {
	email: string;
	name: string;
	language: 'en' | 'fr' | 'de';
	/** group id → roles there */
	roles: Record<string, GroupRole[]>;
	vendorRole?: 'operator';
}

export interface DemoGroup {
	id: string;
	name: string;
	policyId: string;
	members: number;
}

/** One demo group per policy preset (DOMAIN.md, "The five policies"). */
export const demoGroups: DemoGroup[] = [
	{
		id: 'demo-license-groups',
		name: 'Acme Interiors — Design studio',
		policyId: 'license-groups',
		members: 24
	},
	{
		id: 'demo-annual-seats',
		name: 'Acme Interiors — Sales routing',
		policyId: 'annual-seats',
		members: 12
	},
	{
		id: 'demo-named-users',
		name: 'Acme Interiors — Projects',
		policyId: 'named-rights-groups',
		members: 18
	},
	{
		id: 'demo-enterprise-devices',
		name: 'Acme Interiors — Warehouse counting',
		policyId: 'enterprise-devices',
		members: 10
	},
	{
		id: 'demo-modules-packs',
		name: 'Acme Interiors — Back office',
		policyId: 'modules-packs',
		members: 8
	}
];

const all = (roles: GroupRole[]) =>
	Object.fromEntries(demoGroups.map((group) => [group.id, roles])) as Record<string, GroupRole[]>;

/** The vendor's demo support desk: its account marks a data directory as a demo installation. */
export const demoOperatorEmail = 'operator@tessera.example';

export const demoAdmins: DemoAdmin[] = [
	{
		email: 'olivia.owner@acme.example',
		name: 'Olivia Owner',
		language: 'en',
		roles: {
			...all(['owner']),
			'demo-license-groups': ['owner', 'billable'],
			'demo-annual-seats': ['owner', 'billable']
		}
	},
	{ email: 'alex.admin@acme.example', name: 'Alex Admin', language: 'en', roles: all(['admin']) },
	{
		email: 'camille.martin@acme.example',
		name: 'Camille Martin',
		language: 'fr',
		roles: {
			'demo-license-groups': ['admin'],
			'demo-named-users': ['admin', 'billable'],
			'demo-enterprise-devices': ['admin', 'billable'],
			'demo-modules-packs': ['admin', 'billable']
		}
	},
	{
		email: 'jonas.weber@acme.example',
		name: 'Jonas Weber',
		language: 'de',
		roles: { 'demo-license-groups': ['admin'], 'demo-named-users': ['admin'] }
	},
	{
		email: 'vera.viewer@acme.example',
		name: 'Vera Viewer',
		language: 'en',
		roles: { 'demo-license-groups': ['viewer'] }
	},
	{
		email: demoOperatorEmail,
		name: 'Nora Operator',
		language: 'en',
		roles: {},
		vendorRole: 'operator'
	}
];

const firstNames = [
	'Amélie',
	'Lukas',
	'Sophie',
	'Noah',
	'Chloé',
	'Felix',
	'Emma',
	'Louis',
	'Hannah',
	'Hugo',
	'Mia',
	'Paul',
	'Léa',
	'Jakob',
	'Zoé',
	'Elias',
	'Inès',
	'Maximilian',
	'Lina',
	'Théo',
	'Clara',
	'Ben',
	'Manon',
	'Leon',
	'Jade',
	'Finn',
	'Alice',
	'Jonas',
	'Lou',
	'Anton'
];
const lastNames = [
	'Dubois',
	'Müller',
	'Bernard',
	'Schmidt',
	'Lefèvre',
	'Schneider',
	'Moreau',
	'Fischer',
	'Laurent',
	'Becker',
	'Garcia',
	'Hoffmann',
	'Roux',
	'Wagner',
	'Fournier',
	'Keller',
	'Smith',
	'Johnson',
	'Brown',
	'Taylor'
];

/** A deterministic member list for a group: the same demo on every machine. */
export function demoMembers(group: DemoGroup): { name: string; email: string }[] {
	const offset = demoGroups.indexOf(group) * 7;
	return Array.from({ length: group.members }, (_, i) => {
		const first = firstNames[(i + offset) % firstNames.length] ?? 'Alex';
		const last = lastNames[(i * 3 + offset) % lastNames.length] ?? 'Doe';
		const local = `${first}.${last}`
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
		return { name: `${first} ${last}`, email: `${local}@acme.example` };
	});
}
