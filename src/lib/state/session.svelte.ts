import { api, type ApiResult, type CurrentUser } from '$lib/api/api-client.ts';

const cacheKey = 'tessera:user';

/**
 * Who is signed in. The last known user is kept in localStorage so that the app still opens
 * offline; the server remains the judge as soon as it can be reached.
 */
class Session {
	#user = $state.raw<CurrentUser | null | undefined>(undefined);
	#offline = $state(false);

	/** undefined while unknown, null when signed out. */
	get user(): CurrentUser | null | undefined {
		return this.#user;
	}

	/** True when the last check could not reach the server and the cached user is shown. */
	get offline(): boolean {
		return this.#offline;
	}

	/** Asks the server who we are; offline, falls back to the last known user. */
	async refresh(): Promise<void> {
		const result = await api.get<{ user: CurrentUser }>('/api/me');
		if (result.ok) {
			this.#set(result.data.user);
			this.#offline = false;
		} else if (result.status === 0) {
			this.#offline = true;
			this.#user = readCache();
		} else {
			this.#set(null);
		}
	}

	async signIn(email: string, password: string): Promise<ApiResult<{ user: CurrentUser }>> {
		const result = await api.post<{ user: CurrentUser }>('/api/auth/login', { email, password });
		if (result.ok) {
			this.#set(result.data.user);
			this.#offline = false;
		}
		return result;
	}

	async signOut(): Promise<void> {
		await api.post('/api/auth/logout');
		this.#set(null);
	}

	/** Saves the language on the profile, so that every device of the user speaks it. */
	async saveLanguage(language: string): Promise<void> {
		const result = await api.patch<{ user: CurrentUser }>('/api/me', { language });
		if (result.ok) this.#set(result.data.user);
	}

	#set(user: CurrentUser | null): void {
		this.#user = user;
		try {
			if (user) localStorage.setItem(cacheKey, JSON.stringify(user));
			else localStorage.removeItem(cacheKey);
		} catch {
			// Storage may be full or disabled; the session itself does not depend on it.
		}
	}
}

function readCache(): CurrentUser | null {
	try {
		const raw = localStorage.getItem(cacheKey);
		return raw ? (JSON.parse(raw) as CurrentUser) : null;
	} catch {
		return null;
	}
}

export const session = new Session();
