import type { Member } from '$lib/domain/index.ts';
import { membersMap, readMembers } from '$lib/sync/authority-doc.ts';
import { GroupConnection, type SyncStatus } from '$lib/sync/group-connection.ts';
import { announceEditing, readPresence, type Presence } from '$lib/sync/presence.ts';
import type { SyncNoticeCode } from '$lib/sync/protocol.ts';
import { observeNotes, readNotes } from '$lib/sync/workspace-doc.ts';
import { SvelteMap } from 'svelte/reactivity';
import { NoteEditor } from './note-editor.svelte.ts';

export interface Notice {
	id: number;
	code: SyncNoticeCode;
}

/**
 * One open license group, projected from its two Y.Docs into read-only Svelte state:
 * members (authority), notes (workspace), presence, sync status and the server's notices.
 * Projections are rebuilt from Yjs observers; components never touch Yjs.
 */
export class GroupWorkspace {
	readonly groupId: string;
	readonly canWrite: boolean;
	readonly #connection: GroupConnection;
	#members = $state.raw<Member[]>([]);
	/** Fine-grained: typing in one note re-renders only that note's cell. */
	readonly #notes = new SvelteMap<string, string>();
	#status = $state.raw<SyncStatus>({
		connection: 'connecting',
		pending: false,
		lastSyncedAt: undefined
	});
	#presence = $state.raw<Presence[]>([]);
	#notices = $state.raw<Notice[]>([]);
	#loaded = $state(false);
	readonly #cleanup: (() => void)[] = [];
	#noticeId = 0;

	constructor(options: { groupId: string; userId: string; canWrite: boolean; serverUrl: string }) {
		this.groupId = options.groupId;
		this.canWrite = options.canWrite;
		this.#connection = new GroupConnection(options);
		this.#watch();
		void this.#connection.whenLoaded().then(() => {
			this.#loaded = true;
			this.#refreshMembers();
			for (const [id, text] of Object.entries(readNotes(this.#connection.workspace))) {
				this.#notes.set(id, text);
			}
		});
	}

	get members(): Member[] {
		return this.#members;
	}

	get notes(): ReadonlyMap<string, string> {
		return this.#notes;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	get presence(): Presence[] {
		return this.#presence;
	}

	get notices(): Notice[] {
		return this.#notices;
	}

	/** True once the IndexedDB copy is loaded (instant on a repeat visit, even offline). */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** An editor for one member's shared note; announces to the others who is editing. */
	openNote(memberId: string): NoteEditor {
		announceEditing(this.#connection.awareness, memberId);
		return new NoteEditor(this.#connection.workspace, memberId, this.canWrite, () => {
			announceEditing(this.#connection.awareness, null);
		});
	}

	dismissNotice(id: number): void {
		this.#notices = this.#notices.filter((notice) => notice.id !== id);
	}

	destroy(): void {
		for (const stop of this.#cleanup) stop();
		this.#connection.destroy();
	}

	#watch(): void {
		const connection = this.#connection;
		const members = membersMap(connection.authority);
		const onMembers = () => {
			this.#refreshMembers();
		};
		members.observe(onMembers);
		this.#cleanup.push(() => {
			members.unobserve(onMembers);
		});
		this.#cleanup.push(
			observeNotes(connection.workspace, (ids) => {
				for (const id of ids) {
					const text = connection.workspace.getText(`note:${id}`).toJSON();
					if (text) this.#notes.set(id, text);
					else this.#notes.delete(id);
				}
			})
		);
		this.#cleanup.push(
			connection.onStatus(() => {
				this.#status = connection.status;
			}),
			connection.onNotice((notice) => {
				this.#notices = [...this.#notices, { id: ++this.#noticeId, code: notice.code }];
			})
		);
		const onPresence = () => {
			this.#presence = readPresence(connection.awareness);
		};
		connection.awareness.on('change', onPresence);
		this.#cleanup.push(() => {
			connection.awareness.off('change', onPresence);
		});
	}

	#refreshMembers(): void {
		const { members } = readMembers(this.#connection.authority);
		members.sort((a, b) => a.name.localeCompare(b.name));
		this.#members = members;
	}
}
