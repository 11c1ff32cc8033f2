import type { GroupSummary } from '$lib/api/api-client.ts';
import type { Device, Member, Policy } from '$lib/domain/index.ts';
import { DeviceSchema, MemberSchema, SubscriptionSchema } from '$lib/domain/state-schema.ts';
import { authorityMaps, readMeta } from '$lib/sync/authority-doc.ts';
import { DocChannel } from '$lib/sync/doc-channel.ts';
import * as v from 'valibot';
import { GroupList } from './group-list.svelte.ts';

/** What I hold in one group, read from its authority document. */
export interface MyGroupLicenses {
	group: GroupSummary;
	/** False until the document is loaded (from this device or the server). */
	loaded: boolean;
	/** Me as the group lists me; undefined when I hold nothing there. */
	member: Member | undefined;
	devices: Device[];
	policy: Policy | undefined;
	/** The subscription's expiry, shared by every license of the group (P7). */
	expiry: string | null;
}

/** One group's authority document, read-only, kept where the group screen keeps it. */
class AuthorityReader {
	readonly #channel: DocChannel;
	readonly #userId: string;

	constructor(group: GroupSummary, userId: string, serverUrl: string, onChange: () => void) {
		this.#userId = userId;
		this.#channel = new DocChannel({
			url: `${serverUrl}/sync`,
			room: `${group.id}/authority`,
			// The group screen's IndexedDB copy: an offline visit shows what it last saw.
			storageName: `tessera/${userId}/${group.id}/authority`,
			writable: false,
			WebSocket: globalThis.WebSocket
		});
		this.#channel.doc.on('update', onChange);
		// A first sync of an unchanged copy changes no data, only whether it is loaded.
		this.#channel.onChange = onChange;
		void this.#channel.whenLoaded().then(onChange);
	}

	get loaded(): boolean {
		return this.#channel.synced || authorityMaps.group(this.#channel.doc).size > 0;
	}

	read(group: GroupSummary): MyGroupLicenses {
		const doc = this.#channel.doc;
		const raw = authorityMaps.members(doc).get(this.#userId);
		const devices: Device[] = [];
		for (const value of authorityMaps.devices(doc).values()) {
			if (v.is(DeviceSchema, value) && value.memberId === this.#userId) devices.push(value);
		}
		const subscription = authorityMaps.group(doc).get('subscription');
		return {
			group,
			loaded: this.loaded,
			member: v.is(MemberSchema, raw) ? raw : undefined,
			devices: devices.sort((a, b) => a.code.localeCompare(b.code)),
			policy: readMeta(doc).policy,
			expiry: v.is(SubscriptionSchema, subscription) ? subscription.expiry : null
		};
	}

	destroy(): void {
		this.#channel.destroy();
	}
}

/**
 * "My licenses" and "my devices": for every group the user can open, what the group's authority
 * document lists for them. License holders without a role reach no group document, so only the
 * groups they help administer appear (the list says so).
 */
export class MyLicenses {
	readonly #list: GroupList;
	readonly #userId: string;
	readonly #serverUrl: string;
	/** Not reactive on purpose: the projection below is what screens follow. */
	readonly #readers: Record<string, AuthorityReader | undefined> = {};
	#groups = $state.raw<MyGroupLicenses[] | undefined>(undefined);
	#scheduled = false;

	constructor(userId: string, serverUrl: string) {
		this.#userId = userId;
		this.#serverUrl = serverUrl;
		this.#list = new GroupList(userId);
	}

	/** Undefined while the group list loads. */
	get groups(): MyGroupLicenses[] | undefined {
		return this.#groups;
	}

	/** The groups' list is the one from the last visit (offline). */
	get fromCache(): boolean {
		return this.#list.fromCache;
	}

	get error(): { code: string } | undefined {
		return this.#list.error;
	}

	/** Every device of mine, across the groups, with its group. */
	get devices(): { group: MyGroupLicenses; device: Device }[] {
		return (this.#groups ?? []).flatMap((group) =>
			group.devices.map((device) => ({ group, device }))
		);
	}

	async load(): Promise<void> {
		await this.#list.load();
		for (const group of this.#list.groups ?? []) {
			this.#readers[group.id] ??= new AuthorityReader(group, this.#userId, this.#serverUrl, () => {
				this.#schedule();
			});
		}
		this.#refresh();
	}

	/** Several updates in one turn (a first sync) are read once. */
	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			this.#refresh();
		});
	}

	#refresh(): void {
		const groups = this.#list.groups ?? [];
		this.#groups = groups.flatMap((group) => this.#readers[group.id]?.read(group) ?? []);
	}

	destroy(): void {
		for (const id of Object.keys(this.#readers)) {
			this.#readers[id]?.destroy();
			this.#readers[id] = undefined;
		}
	}
}
