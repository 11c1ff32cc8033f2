import { api, type GroupSummary } from '$lib/api/api-client.ts';

const cacheKey = (userId: string) => `tessera:groups:${userId}`;

/** The groups the user administers, with the last list kept for offline visits. */
export class GroupList {
	#groups = $state.raw<GroupSummary[] | undefined>(undefined);
	#fromCache = $state(false);
	#error = $state.raw<{ code: string } | undefined>(undefined);
	readonly #userId: string;

	constructor(userId: string) {
		this.#userId = userId;
	}

	get groups(): GroupSummary[] | undefined {
		return this.#groups;
	}

	/** True when the list shown is the cached one because the server cannot be reached. */
	get fromCache(): boolean {
		return this.#fromCache;
	}

	get error(): { code: string } | undefined {
		return this.#error;
	}

	/** The group with this id, from the last list (server or cache). */
	find(groupId: string): GroupSummary | undefined {
		return (this.#groups ?? readCache(this.#userId)).find((group) => group.id === groupId);
	}

	async load(): Promise<void> {
		const result = await api.get<GroupSummary[]>('/api/groups');
		if (result.ok) {
			this.#groups = result.data;
			this.#fromCache = false;
			this.#error = undefined;
			writeCache(this.#userId, result.data);
			return;
		}
		if (result.status === 0) {
			this.#groups = readCache(this.#userId);
			this.#fromCache = true;
			return;
		}
		this.#error = { code: result.code };
	}
}

function readCache(userId: string): GroupSummary[] {
	try {
		return JSON.parse(localStorage.getItem(cacheKey(userId)) ?? '[]') as GroupSummary[];
	} catch {
		return [];
	}
}

function writeCache(userId: string, groups: GroupSummary[]): void {
	try {
		localStorage.setItem(cacheKey(userId), JSON.stringify(groups));
	} catch {
		// Without the cache the list is simply not available offline.
	}
}
