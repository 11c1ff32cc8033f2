import { api, type CurrentUser } from '$lib/api/api-client.ts';
import { userAddressWarnings } from '$lib/domain/address-warnings.ts';
import type { Warning } from '$lib/domain/index.ts';
import type { Language } from '$lib/i18n/languages.ts';
import { problemOf, type Problem } from './account-problem.ts';

/** Who is invited where, as `GET /api/invitations/:token` answers. */
export interface InvitationView {
	groupName: string;
	email: string;
	name: string;
}

/** The server's rule (U1): a password of at least this many characters. */
export const minPasswordLength = 10;

/**
 * What makes a password too weak to send, checked before the server sees it: shorter than the
 * server's minimum, the e-mail address itself, or one character repeated.
 */
export function passwordProblem(password: string, email: string): Problem | undefined {
	if (password.length < minPasswordLength)
		return { key: 'registration.problems.passwordTooShort', params: { min: minPasswordLength } };
	const lower = password.toLowerCase();
	const address = email.toLowerCase();
	if (lower === address || lower === address.split('@')[0])
		return { key: 'registration.problems.passwordLikeEmail' };
	if (/^(.)\1*$/su.test(password)) return { key: 'registration.problems.passwordRepeated' };
	return undefined;
}

/**
 * U1, G4: registering from an invitation link. Reads who is invited where, checks the form
 * locally (a weak password is refused before anything is sent, so nothing changes), warns when
 * the invited address is a free-mail one, and registers; the server signs the person in.
 */
export class Registration {
	readonly token: string;
	#view = $state.raw<InvitationView | undefined>(undefined);
	#loadProblem = $state.raw<Problem | undefined>(undefined);
	#problem = $state.raw<Problem | undefined>(undefined);
	#busy = $state(false);
	#name = $state('');
	#password = $state('');
	#repeat = $state('');
	#language = $state<Language>('en');

	readonly #warnings = $derived.by((): Warning[] =>
		this.#view ? userAddressWarnings(this.#view.email) : []
	);

	constructor(token: string, language: Language) {
		this.token = token;
		this.#language = language;
	}

	/** The invitation, once read; undefined while loading or when it cannot be used. */
	get view(): InvitationView | undefined {
		return this.#view;
	}

	/** Why the link cannot be used (`invitation.unknown`, `invitation.expired`, offline…). */
	get loadProblem(): Problem | undefined {
		return this.#loadProblem;
	}

	/** Why the last attempt to register was refused. */
	get problem(): Problem | undefined {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** G4: a free-mail address is allowed, with a warning. */
	get warnings(): Warning[] {
		return this.#warnings;
	}

	get name(): string {
		return this.#name;
	}
	set name(value: string) {
		this.#name = value;
	}

	get password(): string {
		return this.#password;
	}
	set password(value: string) {
		this.#password = value;
	}

	get repeat(): string {
		return this.#repeat;
	}
	set repeat(value: string) {
		this.#repeat = value;
	}

	get language(): Language {
		return this.#language;
	}
	set language(value: Language) {
		this.#language = value;
	}

	async load(): Promise<void> {
		const result = await api.get<InvitationView>(
			`/api/invitations/${encodeURIComponent(this.token)}`
		);
		if (!result.ok) {
			this.#loadProblem = problemOf(result);
			return;
		}
		this.#view = result.data;
		this.#name = result.data.name;
	}

	/** The first thing wrong with the form, or undefined when it may be sent. */
	check(): Problem | undefined {
		if (this.#name.trim() === '') return { key: 'registration.problems.nameRequired' };
		const weak = passwordProblem(this.#password, this.#view?.email ?? '');
		if (weak) return weak;
		if (this.#password !== this.#repeat) return { key: 'registration.problems.passwordMismatch' };
		return undefined;
	}

	/** Registers; answers the new user, or undefined with {@link problem} set. */
	async submit(): Promise<CurrentUser | undefined> {
		this.#problem = this.check();
		if (this.#problem || this.#busy) return undefined;
		this.#busy = true;
		const result = await api.post<{ user: CurrentUser }>(
			`/api/invitations/${encodeURIComponent(this.token)}/register`,
			{ name: this.#name.trim(), password: this.#password, language: this.#language }
		);
		this.#busy = false;
		if (result.ok) return result.data.user;
		this.#problem = problemOf(result);
		return undefined;
	}
}
