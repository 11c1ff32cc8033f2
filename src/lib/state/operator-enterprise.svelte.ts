import { api } from '$lib/api/api-client.ts';
import { adminAddressWarnings, userAddressWarnings } from '$lib/domain/address-warnings.ts';
import type { Warning } from '$lib/domain/index.ts';
import type { Language } from '$lib/i18n/languages.ts';
import { problemOf, type Problem } from './account-problem.ts';
import { enterpriseProblem, sameAddress, type PersonDraft } from './operator-enterprise-check.ts';
import { permissionsOf, policies } from './operator-policies.ts';

export type { PersonDraft } from './operator-enterprise-check.ts';

/** A user row of the form; `key` keeps rows apart while they are added and removed. */
export interface UserDraft extends PersonDraft {
	key: number;
	permissions: string[];
}

/** What the server answers: what was (or would be) created and the warnings (G3, G4). */
export interface EnterpriseAnswer {
	group: { id: string; name: string; policyId: string; vendorId: string };
	admin: { id: string; email: string; name: string };
	users: { id: string; email: string; name: string; permissions: string[] }[];
	warnings: Warning[];
	created: boolean;
}

const blankPerson = (language: Language): PersonDraft => ({
	email: '',
	name: '',
	password: '',
	language
});

/**
 * D3, G3: the operator creates an enterprise account — the group, its administrator on a
 * role-based company address, its users with passwords and permissions. Addresses warn as they
 * are typed (G3 for the administrator, G4 free-mail for users); the form is checked locally,
 * then by the server in a dry run whose warnings are shown before anything is created. Any
 * edit after the dry run asks for a new one.
 */
export class EnterpriseForm {
	readonly group = $state({ id: '', name: '', policyId: policies[0]?.id ?? '', vendorId: '' });
	readonly admin = $state<PersonDraft>(blankPerson('en'));
	readonly users = $state<UserDraft[]>([]);
	#vendors = $state.raw<string[]>([]);
	#checked = $state.raw<{ body: string; answer: EnterpriseAnswer } | undefined>(undefined);
	#created = $state.raw<EnterpriseAnswer | undefined>(undefined);
	#problem = $state.raw<Problem | undefined>(undefined);
	#busy = $state<'check' | 'create' | undefined>(undefined);
	#nextKey = 1;
	readonly #language: Language;

	readonly #body = $derived.by(() => ({
		group: { ...this.group, id: this.group.id.trim(), name: this.group.name.trim() },
		admin: trimmed(this.admin),
		users: this.users.map(({ key: _key, ...user }) => ({
			...trimmed(user),
			permissions: user.permissions
		}))
	}));

	constructor(language: Language) {
		this.#language = language;
		this.admin.language = language;
	}

	/** The vendors the desk already serves, to choose from. */
	get vendors(): string[] {
		return this.#vendors;
	}

	/** The permissions users can get under the chosen policy (D3: device accounts). */
	get permissions(): string[] {
		return permissionsOf(this.group.policyId);
	}

	/** G3, as the administrator's address is typed. */
	get adminWarnings(): Warning[] {
		return this.admin.email.includes('@') ? adminAddressWarnings(this.admin.email.trim()) : [];
	}

	/** G4 for one user's address, as it is typed. */
	userWarnings(user: UserDraft): Warning[] {
		return user.email.includes('@') ? userAddressWarnings(user.email.trim()) : [];
	}

	/** Whether this address is used by someone else in the form (D3: unique e-mails). */
	isDuplicate(email: string, self: PersonDraft): boolean {
		if (email.trim() === '') return false;
		return [this.admin, ...this.users].some(
			(person) => person !== self && sameAddress(person.email, email)
		);
	}

	/** The server's dry-run answer for exactly the current input, if any. */
	get checked(): EnterpriseAnswer | undefined {
		const checked = this.#checked;
		return checked && checked.body === JSON.stringify(this.#body) ? checked.answer : undefined;
	}

	get created(): EnterpriseAnswer | undefined {
		return this.#created;
	}

	get problem(): Problem | undefined {
		return this.#problem;
	}

	/** What is being sent: the dry run or the creation. */
	get busy(): 'check' | 'create' | undefined {
		return this.#busy;
	}

	addUser(): void {
		this.users.push({ key: this.#nextKey++, ...blankPerson(this.#language), permissions: [] });
	}

	removeUser(key: number): void {
		const index = this.users.findIndex((user) => user.key === key);
		if (index >= 0) this.users.splice(index, 1);
	}

	/** Proposes the vendor ids of the groups the desk already serves. */
	async loadVendors(): Promise<void> {
		const result = await api.get<{ groups: { vendorId: string }[] }>(
			'/api/operator/groups?limit=200'
		);
		if (!result.ok) return;
		const ids = result.data.groups.map((group) => group.vendorId);
		this.#vendors = ids.filter((id, index) => ids.indexOf(id) === index).sort();
		if (this.group.vendorId === '' && this.#vendors[0]) this.group.vendorId = this.#vendors[0];
	}

	/**
	 * The submit button: a dry run first; with no warning the account is created at once,
	 * otherwise the warnings are shown and a second press creates it anyway.
	 */
	async submit(): Promise<void> {
		const body = this.#body;
		this.#problem = enterpriseProblem(body);
		if (this.#problem || this.#busy) return;
		if (this.checked) {
			await this.#send(false);
			return;
		}
		const answer = await this.#send(true);
		if (answer && answer.warnings.length === 0) await this.#send(false);
	}

	async #send(dryRun: boolean): Promise<EnterpriseAnswer | undefined> {
		const text = JSON.stringify(this.#body);
		this.#busy = dryRun ? 'check' : 'create';
		const result = await api.post<EnterpriseAnswer>('/api/operator/enterprise-accounts', {
			...this.#body,
			dryRun
		});
		this.#busy = undefined;
		if (!result.ok) {
			this.#problem = problemOf(result);
			return undefined;
		}
		if (dryRun) this.#checked = { body: text, answer: result.data };
		else this.#created = result.data;
		return result.data;
	}
}

function trimmed(person: PersonDraft): PersonDraft {
	return { ...person, email: person.email.trim(), name: person.name.trim() };
}
