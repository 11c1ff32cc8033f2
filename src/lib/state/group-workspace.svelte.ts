import {
	groupView,
	parsePolicy,
	type GroupState,
	type GroupView,
	type HistoryEntry,
	type Member,
	type Policy
} from '$lib/domain/index.ts';
import type { DecisionRecord } from '$lib/sync/authority-doc.ts';
import { AuthorityProjection } from '$lib/sync/authority-projection.ts';
import { GroupConnection, type SyncStatus } from '$lib/sync/group-connection.ts';
import { localEdit } from '$lib/sync/note-binding.ts';
import {
	myUndecidedIntents,
	noDecisions,
	previewPending,
	type Preview
} from '$lib/sync/pending-intents.ts';
import { announceEditing, readPresence, type Presence } from '$lib/sync/presence.ts';
import type { SyncNoticeCode } from '$lib/sync/protocol.ts';
import {
	intentLog,
	intentsMap,
	observeNotes,
	proposeIntent,
	readNotes
} from '$lib/sync/workspace-doc.ts';
import { SvelteMap } from 'svelte/reactivity';
import { followBrowserNetwork } from './browser-network.ts';
import { checkLedger, type LedgerTrust } from './ledger-trust.ts';
import { NoteEditor } from './note-editor.svelte.ts';

export interface Notice {
	id: number;
	code: SyncNoticeCode;
}

/** An intent as a screen proposes it; id, author and time are filled in here. */
export type IntentDraft = { kind: string } & Record<string, unknown>;

/**
 * One open license group, projected from its two Y.Docs into read-only Svelte state: the
 * decided state plus my pending intents applied by the domain engine (marked pending), the
 * group view, decisions, history, the verified ledger, notes, presence and sync status.
 * Projections are rebuilt from Yjs observers; components never touch Yjs.
 */
export class GroupWorkspace {
	readonly groupId: string;
	readonly userId: string;
	readonly canWrite: boolean;
	readonly #connection: GroupConnection;
	readonly #projection: AuthorityProjection;
	#state = $state.raw<GroupState | undefined>(undefined);
	#policy = $state.raw<Policy | undefined>(undefined);
	#decisions = $state.raw<ReadonlyMap<string, DecisionRecord>>(noDecisions);
	#history = $state.raw<readonly HistoryEntry[]>([]);
	#ledger = $state.raw<LedgerTrust>({ verified: [], rejected: [], keysKnown: true });
	#myIntents = $state.raw<Record<string, unknown>[]>([]);
	#dismissed = $state.raw<readonly string[]>([]);
	#now = $state(Date.now());
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

	readonly #preview = $derived.by((): Preview | undefined => {
		const state = this.#state;
		const policy = this.#policy;
		if (!state || !policy) return undefined;
		return previewPending(state, this.#myIntents, policy, this.#now);
	});

	readonly #view = $derived.by((): GroupView | undefined => {
		const preview = this.#preview;
		const policy = this.#policy;
		if (!preview || !policy) return undefined;
		const payloads = this.#ledger.verified.map((event) => event.payload);
		const result = groupView(preview.state, payloads, policy, this.#now);
		return result.ok ? result.value : undefined;
	});

	readonly #members = $derived.by((): Member[] => {
		const state = this.#preview?.state;
		if (!state) return [];
		return Object.values(state.members).sort((a, b) => a.name.localeCompare(b.name));
	});

	constructor(options: { groupId: string; userId: string; canWrite: boolean; serverUrl: string }) {
		this.groupId = options.groupId;
		this.userId = options.userId;
		this.canWrite = options.canWrite;
		this.#connection = new GroupConnection(options);
		this.#projection = new AuthorityProjection(this.#connection.authority);
		this.#dismissed = readDismissed(this.groupId);
		this.#watch();
		void this.#connection.whenLoaded().then(() => {
			this.#refreshAll();
			this.#loaded = true;
		});
		const tick = setInterval(() => (this.#now = Date.now()), 60_000);
		this.#cleanup.push(() => {
			clearInterval(tick);
		});
		this.#cleanup.push(
			followBrowserNetwork(
				() => this.#connection.disconnect(),
				() => this.#connection.connect()
			)
		);
	}

	/** The decided state (without my pending intents). */
	get decided(): GroupState | undefined {
		return this.#state;
	}

	/** The decided state with my pending intents applied, and those intents. */
	get preview(): Preview | undefined {
		return this.#preview;
	}

	get view(): GroupView | undefined {
		return this.#view;
	}

	get policy(): Policy | undefined {
		return this.#policy;
	}

	get members(): Member[] {
		return this.#members;
	}

	get decisions(): ReadonlyMap<string, DecisionRecord> {
		return this.#decisions;
	}

	/** My intents the authority rejected, that I have not dismissed yet, newest first. */
	get myRejections(): { intentId: string; record: DecisionRecord }[] {
		const out: { intentId: string; record: DecisionRecord }[] = [];
		for (const [intentId, record] of this.#decisions) {
			if (record.author !== this.userId || record.decision.outcome !== 'rejected') continue;
			if (!this.#dismissed.includes(intentId)) out.push({ intentId, record });
		}
		return out.sort((a, b) => b.record.decidedAt - a.record.decidedAt);
	}

	get history(): readonly HistoryEntry[] {
		return this.#history;
	}

	get ledger(): LedgerTrust {
		return this.#ledger;
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

	/** The name of the group as the authority knows it. */
	get name(): string | undefined {
		return this.#projection.meta.name;
	}

	/**
	 * Proposes an intent: it shows at once, marked pending, and the authority decides it when
	 * this client is online. Returns its id.
	 */
	propose(draft: IntentDraft): string {
		const id = crypto.randomUUID();
		proposeIntent(
			this.#connection.workspace,
			{ ...draft, id, author: this.userId, createdAt: Date.now() },
			localEdit
		);
		return id;
	}

	/** Proposes several intents in one transaction: one sync message, one new preview. */
	proposeMany(drafts: readonly IntentDraft[]): string[] {
		const ids: string[] = [];
		this.#connection.workspace.transact(() => {
			for (const draft of drafts) ids.push(this.propose(draft));
		}, localEdit);
		return ids;
	}

	dismissRejection(intentId: string): void {
		this.#dismissed = [...this.#dismissed, intentId];
		writeDismissed(this.groupId, this.#dismissed);
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
		this.#projection.destroy();
		this.#connection.destroy();
	}

	#refreshAll(): void {
		this.#state = this.#projection.state;
		this.#decisions = this.#projection.decisions;
		this.#history = this.#projection.history;
		this.#refreshPolicy();
		this.#refreshMyIntents();
		void this.#refreshLedger();
		for (const [id, text] of Object.entries(readNotes(this.#connection.workspace))) {
			this.#notes.set(id, text);
		}
	}

	#refreshPolicy(): void {
		const parsed = parsePolicy(this.#projection.meta.policy);
		this.#policy = parsed.ok ? parsed.value : undefined;
	}

	#refreshMyIntents(): void {
		this.#myIntents = myUndecidedIntents(
			this.#connection.workspace,
			this.userId,
			this.#projection.decisions
		);
	}

	async #refreshLedger(): Promise<void> {
		this.#ledger = await checkLedger(this.#projection.ledger, this.groupId);
	}

	#watch(): void {
		const connection = this.#connection;
		this.#cleanup.push(
			this.#projection.onChange((parts) => {
				if (parts.has('state')) this.#state = this.#projection.state;
				if (parts.has('decisions')) {
					this.#decisions = this.#projection.decisions;
					this.#refreshMyIntents();
				}
				if (parts.has('history')) this.#history = this.#projection.history;
				if (parts.has('meta')) this.#refreshPolicy();
				if (parts.has('ledger')) void this.#refreshLedger();
			})
		);
		// Proposed (either layout) or pruned once decided: my pending intents are read again.
		const intents = [intentsMap(connection.workspace), intentLog(connection.workspace)];
		const onIntents = () => {
			this.#refreshMyIntents();
		};
		for (const type of intents) type.observe(onIntents);
		this.#cleanup.push(() => {
			for (const type of intents) type.unobserve(onIntents);
		});
		this.#cleanup.push(
			observeNotes(connection.workspace, (ids) => {
				for (const id of ids) {
					const text = connection.workspace.getText(`note:${id}`).toJSON();
					if (text) this.#notes.set(id, text);
					else this.#notes.delete(id);
				}
			}),
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
}

const dismissedKey = (groupId: string) => `tessera:dismissed:${groupId}`;

function readDismissed(groupId: string): readonly string[] {
	try {
		return JSON.parse(localStorage.getItem(dismissedKey(groupId)) ?? '[]') as string[];
	} catch {
		return [];
	}
}

function writeDismissed(groupId: string, ids: readonly string[]): void {
	try {
		localStorage.setItem(dismissedKey(groupId), JSON.stringify(ids));
	} catch {
		// Dismissals are a convenience; losing one shows a notice again.
	}
}
