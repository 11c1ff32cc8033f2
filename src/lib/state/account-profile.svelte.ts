import { api, type CurrentUser } from '$lib/api/api-client.ts';
import { problemOf, type Problem } from './account-problem.ts';

/** What `PATCH /api/me` answers: the user, and the groups that now show the new name (U5). */
interface ProfileAnswer {
	user: CurrentUser;
	renamedIn?: string[];
}

/** The longest name the server accepts. */
export const maxNameLength = 200;

/**
 * U5: the signed-in user edits their own name. The server writes it into the account and into
 * every group that lists them, so their admins see it; the answer says in how many groups.
 */
export class AccountProfile {
	#name = $state('');
	#saved = $state.raw<{ name: string; groups: number } | undefined>(undefined);
	#problem = $state.raw<Problem | undefined>(undefined);
	#busy = $state(false);
	readonly #current: () => CurrentUser | null | undefined;
	readonly #refresh: () => Promise<void>;

	/**
	 * @param current the signed-in user (the session's)
	 * @param refresh re-reads the session after a change, so the header shows the new name
	 */
	constructor(current: () => CurrentUser | null | undefined, refresh: () => Promise<void>) {
		this.#current = current;
		this.#refresh = refresh;
		this.#name = current()?.name ?? '';
	}

	get name(): string {
		return this.#name;
	}
	set name(value: string) {
		this.#name = value;
		this.#problem = undefined;
	}

	/** The last name saved, and in how many groups it now shows. */
	get saved(): { name: string; groups: number } | undefined {
		return this.#saved;
	}

	get problem(): Problem | undefined {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Saves the name; nothing is sent when it is empty or unchanged. */
	async save(): Promise<boolean> {
		const name = this.#name.trim();
		this.#saved = undefined;
		if (name === '') {
			this.#problem = { key: 'account.profile.nameRequired' };
			return false;
		}
		if (name === this.#current()?.name) {
			this.#problem = { key: 'account.profile.unchanged' };
			return false;
		}
		this.#busy = true;
		const result = await api.patch<ProfileAnswer>('/api/me', { name });
		this.#busy = false;
		if (!result.ok) {
			this.#problem = problemOf(result);
			return false;
		}
		this.#name = result.data.user.name;
		this.#saved = { name: result.data.user.name, groups: result.data.renamedIn?.length ?? 0 };
		await this.#refresh();
		return true;
	}
}
