import { api, type GroupSummary } from '$lib/api/api-client.ts';
import type { Device, Member } from '$lib/domain/index.ts';

/** What a group's policy says about the names of my licenses and how they are held. */
export interface HeldPolicy {
	products: { id: string; name: string }[];
	licenseModel: { kind: string };
}

/** What I hold in one group. */
export interface MyGroupLicenses {
	group: Pick<GroupSummary, 'id' | 'name' | 'policyId'>;
	/** Always true here: the server answers for every group at once. */
	loaded: boolean;
	member: Member | undefined;
	devices: Device[];
	policy: HeldPolicy | undefined;
	/** The subscription's expiry, shared by every license of the group (P7). */
	expiry: string | null;
}

interface Answer {
	groups: {
		group: MyGroupLicenses['group'];
		member: Member;
		devices: Device[];
		policy: HeldPolicy;
		expiry: string | null;
	}[];
}

const cacheKey = (userId: string) => `tessera:my-licenses:${userId}`;

/**
 * "My licenses" and "my devices" in every group that lists me, administered by me or not
 * (`GET /api/me/licenses`), kept for offline visits.
 */
export class MyLicenses {
	readonly #userId: string;
	#groups = $state.raw<MyGroupLicenses[] | undefined>(undefined);
	#fromCache = $state(false);
	#error = $state.raw<{ code: string } | undefined>(undefined);

	constructor(userId: string) {
		this.#userId = userId;
	}

	/** Undefined while loading. */
	get groups(): MyGroupLicenses[] | undefined {
		return this.#groups;
	}

	/** The list shown is the one from the last visit (offline). */
	get fromCache(): boolean {
		return this.#fromCache;
	}

	get error(): { code: string } | undefined {
		return this.#error;
	}

	/** Every device of mine, across the groups, with its group. */
	get devices(): { group: MyGroupLicenses; device: Device }[] {
		return (this.#groups ?? []).flatMap((group) =>
			group.devices.map((device) => ({ group, device }))
		);
	}

	async load(): Promise<void> {
		const result = await api.get<Answer>('/api/me/licenses');
		if (result.ok) {
			this.#show(result.data);
			this.#fromCache = false;
			this.#error = undefined;
			try {
				localStorage.setItem(cacheKey(this.#userId), JSON.stringify(result.data));
			} catch {
				// Without the cache the list is simply not available offline.
			}
		} else if (result.status === 0) {
			this.#show(readCache(this.#userId));
			this.#fromCache = true;
		} else {
			this.#error = { code: result.code };
		}
	}

	destroy(): void {
		this.#groups = undefined;
	}

	#show(answer: Answer): void {
		this.#groups = answer.groups.map((entry) => ({ ...entry, loaded: true }));
	}
}

function readCache(userId: string): Answer {
	try {
		return JSON.parse(localStorage.getItem(cacheKey(userId)) ?? '{"groups":[]}') as Answer;
	} catch {
		return { groups: [] };
	}
}
