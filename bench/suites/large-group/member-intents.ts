import { randomUUID } from 'node:crypto';

/** The group the suite fills: the demo's named-users group (preset 002), whose Users screen has rights groups. */
export const largeGroupId = 'demo-named-users';

/** Names from the three languages the app speaks, accents included (the search folds them). */
const firstNames = [
	'Amélie',
	'Lukas',
	'Zoé',
	'Noah',
	'Chloé',
	'Jürgen',
	'Inès',
	'Théo',
	'Lou',
	'Ben'
];
const lastNames = ['Dubois', 'Müller', 'Bernard', 'Schmidt', 'Lefèvre', 'Keller', 'Smith', 'Roux'];
const domains = ['acme.example', 'acme-fr.example', 'acme-de.example', 'partner.example'];

/** The display name of the i-th seeded member (also what the browser part searches for). */
export function memberName(index: number): string {
	const first = firstNames[index % firstNames.length] ?? '';
	const last = lastNames[Math.floor(index / firstNames.length) % lastNames.length] ?? '';
	return `${first} ${last} ${index}`;
}

/**
 * The i-th `add-member` intent, as the CSV import proposes it (a guest: preset 002's default
 * rights group, which uses no seat, so that 100,000 people need no purchase first). Ids are
 * random UUIDs like the app's, so the documents hold ids of a realistic length.
 */
export function addMemberIntent(index: number, author: string, now: number) {
	return {
		id: randomUUID(),
		author,
		createdAt: now,
		kind: 'add-member',
		email: `person.${index}@${domains[index % domains.length] ?? ''}`,
		name: memberName(index),
		rightsGroup: 'guest',
		permissions: []
	};
}

/**
 * The batch sizes of a CSV import of `rows` rows (src/lib/state/csv-import.svelte.ts proposes
 * about twenty batches of 100 to 5,000 rows), so the authority receives what an import sends.
 */
export function importBatches(rows: number): number[] {
	const size = Math.min(5_000, Math.max(100, Math.ceil(rows / 20)));
	const batches: number[] = [];
	for (let left = rows; left > 0; left -= size) batches.push(Math.min(size, left));
	return batches;
}
