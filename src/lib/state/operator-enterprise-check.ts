import type { Language } from '$lib/i18n/languages.ts';
import type { Problem } from './account-problem.ts';

/** A person to create with a password: the account's administrator or one of its users. */
export interface PersonDraft {
	email: string;
	name: string;
	password: string;
	language: Language;
}

/** The server's rules for an enterprise account's group id and passwords. */
export const groupIdPattern = /^[a-z0-9][a-z0-9-]{2,62}$/;
export const minEnterprisePassword = 8;

/** A plausible address; the server's schema stays the judge. */
const addressPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether two typed addresses are the same mailbox (case and spaces aside). */
export function sameAddress(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The first thing wrong with an enterprise account before it is sent (D3): a group id that
 * cannot be one, a missing field, an address that is not one, the same address twice, a short
 * password. Undefined when the server may judge the rest.
 */
export function enterpriseProblem(body: {
	group: { id: string; name: string; vendorId: string };
	admin: PersonDraft;
	users: PersonDraft[];
}): Problem | undefined {
	const people = [body.admin, ...body.users];
	const { group } = body;
	if (!groupIdPattern.test(group.id)) return { key: 'operator.account.problems.groupId' };
	const missing = [group.name, group.vendorId.trim()].some((value) => value === '');
	if (missing || people.some((person) => person.email === '' || person.name === ''))
		return { key: 'operator.account.problems.required' };
	const invalid = people.find((person) => !addressPattern.test(person.email));
	if (invalid) return { key: 'operator.account.problems.email', params: { email: invalid.email } };
	const seen = new Set<string>();
	for (const person of people) {
		const address = person.email.toLowerCase();
		if (seen.has(address))
			return { key: 'operator.account.problems.duplicate', params: { email: person.email } };
		seen.add(address);
	}
	if (people.some((person) => person.password.length < minEnterprisePassword))
		return { key: 'operator.account.problems.password', params: { min: minEnterprisePassword } };
	return undefined;
}
