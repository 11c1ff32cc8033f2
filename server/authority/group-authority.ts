import { randomUUID } from 'node:crypto';
import {
	readLedgerMirror,
	readState,
	writeMeta,
	writeOutcome,
	writeStateChange,
	type ChangedKeys,
	type DecisionRecord
} from '../../src/lib/sync/authority-doc.ts';
import type {
	EmailNotice,
	GroupState,
	HistoryEntry,
	LedgerPayload,
	Policy
} from '../../src/lib/domain/index.ts';
import { genesisHash, type SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import type { GroupRecord, IdempotencyRecord, OutboxRecord, Storage } from '../storage/types.ts';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { eventFromStored, type AuthoritySigner } from './authority-signer.ts';

/** A change the authority makes to a group: the domain's outcome plus the decisions it answers. */
export interface AuthorityChange {
	reason: string;
	state: GroupState;
	events: readonly LedgerPayload[];
	history: readonly HistoryEntry[];
	emails: readonly EmailNotice[];
	decisions?: readonly DecisionRecord[];
	/**
	 * The members and devices the change wrote, when known (decided intents): the document
	 * update then visits those entries only, not every entry of a 100,000-member group.
	 */
	changes?: ChangedKeys;
	/**
	 * The answer to the request behind the change, built from its signed events and stored in the
	 * same transaction (orders: exactly once).
	 */
	idempotency?: (signed: readonly SignedLedgerEvent[]) => IdempotencyRecord;
}

export interface GroupAuthorityDeps {
	registry: RoomRegistry;
	storage: Storage;
	signer: AuthoritySigner;
}

/**
 * One group as the authority holds it: the state in memory (read once from the authority
 * document), the head of its signed ledger, and the one way to change them — `commit`, which
 * signs the ledger events and stores them together with the document change before anyone sees
 * either.
 */
export class GroupAuthority {
	readonly group: GroupRecord;
	readonly policy: Policy;
	readonly room: Room;
	readonly #deps: GroupAuthorityDeps;
	#state: GroupState | undefined;
	#head: { seq: number; hash: string };

	private constructor(
		deps: GroupAuthorityDeps,
		group: GroupRecord,
		policy: Policy,
		room: Room,
		head: { seq: number; hash: string }
	) {
		this.#deps = deps;
		this.group = group;
		this.policy = policy;
		this.room = room;
		this.#state = readState(room.doc).state;
		this.#head = head;
	}

	/** Loads a group's authority document (and keeps it loaded until `release`). */
	static async open(
		deps: GroupAuthorityDeps,
		group: GroupRecord,
		policy: Policy
	): Promise<GroupAuthority> {
		const room = await deps.registry.open(group.id, 'authority');
		room.pins++;
		const last = await deps.storage.authority.lastLedgerEvent(group.id);
		const authority = new GroupAuthority(deps, group, policy, room, {
			seq: last?.seq ?? 0,
			hash: last?.hash ?? genesisHash
		});
		await authority.#reconcile();
		return authority;
	}

	/** The group's state, or undefined before the group was initialised. */
	get state(): GroupState | undefined {
		return this.#state;
	}

	get ledgerHead(): { seq: number; hash: string } {
		return this.#head;
	}

	/**
	 * Signs the change's ledger events, then stores them, the document change and its e-mails in
	 * one atomic commit, then shows it to the peers. On a failed commit the document is reloaded
	 * from storage (memory may be ahead of it) and the error is rethrown: nothing happened.
	 */
	async commit(change: AuthorityChange, at: number): Promise<SignedLedgerEvent[]> {
		const signed: SignedLedgerEvent[] = [];
		const stored = [];
		let previous = this.#head;
		for (const payload of change.events) {
			const next = await this.#deps.signer.sign(this.group.id, previous, at, payload);
			signed.push(next.event);
			stored.push(next.stored);
			previous = { seq: next.event.seq, hash: next.event.hash };
		}
		const before = this.#state;
		const idempotency = change.idempotency?.(signed);
		try {
			await this.room.commitAsServer(
				change.reason,
				(doc) => {
					if (before === undefined) writeMeta(doc, { name: this.group.name, policy: this.policy });
					writeStateChange(doc, before, change.state, change.changes);
					writeOutcome(doc, {
						...(change.decisions ? { decisions: change.decisions } : {}),
						history: change.history,
						ledger: signed
					});
				},
				stored,
				change.emails.map((email) => outboxRecord(this.group.id, email, at)),
				idempotency
			);
		} catch (error) {
			this.#deps.registry.evict(this.room);
			throw error;
		}
		this.#state = change.state;
		this.#head = previous;
		return signed;
	}

	/** Lets the authority document unload once nobody uses it. */
	release(): void {
		this.room.pins--;
		this.#deps.registry.release(this.room);
	}

	/**
	 * Brings the document's ledger mirror and metadata up to date with what SQL holds. Commits
	 * are atomic, so this only repairs a document restored from an older backup.
	 */
	async #reconcile(): Promise<void> {
		const mirrored = readLedgerMirror(this.room.doc).length;
		const missing = await this.#deps.storage.authority.ledger(this.group.id, mirrored);
		const needsMeta = this.#state !== undefined;
		if (missing.length === 0 && !needsMeta) return;
		await this.room.commitAsServer('reconcile', (doc) => {
			if (needsMeta) writeMeta(doc, { name: this.group.name, policy: this.policy });
			writeOutcome(doc, { ledger: missing.map(eventFromStored) });
		});
	}
}

function outboxRecord(groupId: string, email: EmailNotice, at: number): OutboxRecord {
	return {
		id: randomUUID(),
		groupId,
		kind: email.kind,
		recipient: email.to,
		params: email.params,
		createdAt: at,
		sentAt: null,
		attempts: 0,
		lastError: null
	};
}
