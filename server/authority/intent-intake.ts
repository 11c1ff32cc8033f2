import { decideIntents, type Decision } from '../../src/lib/domain/index.ts';
import { authorityMaps, type DecisionRecord } from '../../src/lib/sync/authority-doc.ts';
import {
	deleteIntents,
	observeIntents,
	writtenIntents,
	type WrittenIntent
} from '../../src/lib/sync/workspace-doc.ts';
import type { AccountStore } from '../storage/types.ts';
import type { Room, RoomOrigin } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import type { GroupAuthority } from './group-authority.ts';

/** How long decided intents wait before they are pruned together. */
const pruneDelayMs = 1000;

/** An intent ready for the engine: its value with the author the server vouches for. */
interface Candidate {
	id: string;
	author: string | undefined;
	value: unknown;
	createdAt: number;
}

/**
 * Feeds the intents admins write into workspaces to the authority, in arrival order: a
 * transaction's new intents are queued as it arrives, and a workspace loaded with intents that
 * have no decision yet (written before a restart) queues those first.
 */
export class IntentIntake {
	readonly #engine: AuthorityEngine;
	readonly #registry: RoomRegistry;
	readonly #accounts: AccountStore;
	readonly #onError: (error: unknown) => void;
	readonly #arrivals = new Map<string, string[]>();
	/** Workspaces whose pruning broke Yjs' clean-up (see `#pruneDecided`). */
	readonly #unprunable = new Set<string>();
	/** Decided intents waiting to be pruned, by workspace (see `#schedulePrune`). */
	readonly #pruning = new Map<Room, Set<string>>();
	#pruneTimer: ReturnType<typeof setTimeout> | undefined;
	readonly #unsubscribe: () => void;

	constructor(deps: {
		engine: AuthorityEngine;
		registry: RoomRegistry;
		accounts: AccountStore;
		onError: (error: unknown) => void;
	}) {
		this.#engine = deps.engine;
		this.#registry = deps.registry;
		this.#accounts = deps.accounts;
		this.#onError = deps.onError;
		this.#unsubscribe = deps.registry.onLoad((room) => {
			if (room.kind === 'workspace') this.#watch(room);
		});
	}

	/**
	 * Resolves when every intent that has arrived so far is decided and pruned (tests and
	 * shutdown).
	 */
	async settle(groupId: string): Promise<void> {
		await this.#engine.run(groupId, () => Promise.resolve());
		this.#flushPrunes();
	}

	stop(): void {
		this.#unsubscribe();
		this.#flushPrunes();
	}

	#watch(room: Room): void {
		const stop = observeIntents(room.doc, (added) => {
			this.#queue(room, added);
		});
		room.doc.once('destroy', stop);
		const present = [...writtenIntents(room.doc).keys()];
		if (present.length > 0) this.#queue(room, present);
	}

	#queue(room: Room, ids: string[]): void {
		const queue = this.#arrivals.get(room.groupId) ?? [];
		queue.push(...this.#inArrivalOrder(room, ids));
		this.#arrivals.set(room.groupId, queue);
		room.pins++;
		this.#engine
			.run(room.groupId, (authority) => this.#decideQueued(room, authority))
			.catch(this.#onError)
			.finally(() => {
				room.pins--;
				this.#registry.release(room);
			});
	}

	/** Within one transaction there is no arrival order: the proposal time, then the id, decide. */
	#inArrivalOrder(room: Room, ids: string[]): string[] {
		const written = writtenIntents(room.doc);
		const createdAt = (id: string) => {
			const value = written.get(id)?.value as { createdAt?: unknown } | undefined;
			return typeof value?.createdAt === 'number' ? value.createdAt : 0;
		};
		return ids.sort((a, b) => createdAt(a) - createdAt(b) || a.localeCompare(b));
	}

	async #decideQueued(room: Room, authority: GroupAuthority): Promise<void> {
		const queued = this.#arrivals.get(room.groupId) ?? [];
		this.#arrivals.delete(room.groupId);
		const decided = authorityMaps.decisions(authority.room.doc);
		const written = writtenIntents(room.doc);
		const seen = new Set<string>();
		const candidates: Candidate[] = [];
		const leftovers: string[] = [];
		for (const id of queued) {
			if (seen.has(id)) continue;
			seen.add(id);
			if (decided.has(id)) {
				leftovers.push(id);
				continue;
			}
			const candidate = this.#candidate(room, written.get(id));
			if (candidate) candidates.push(candidate);
		}
		// Decided before a restart that came before their pruning.
		this.#schedulePrune(room, leftovers);
		const state = authority.state;
		if (candidates.length === 0 || !state) return;
		const now = this.#engine.clock.now();
		const accounts = await this.#accountsFor(candidates);
		// In place: the authority owns its state, and a copy of 100,000 members per batch would
		// hold up every group's decisions on this event loop.
		const outcome = decideIntents(
			state,
			candidates.map((candidate) => candidate.value),
			authority.policy,
			now,
			{ accounts, inPlace: true }
		);
		const decisions = outcome.decisions.map((decision, index) =>
			record(decision, candidates[index], now)
		);
		try {
			await this.#engine.commit(
				authority,
				{ reason: 'intents', ...outcome, decisions, changes: outcome.changes },
				outcome.changes.members
			);
		} catch (error) {
			outcome.revert?.();
			throw error;
		}
		this.#schedulePrune(
			room,
			candidates.map((candidate) => candidate.id)
		);
	}

	/**
	 * Prunes decided intents a moment later, many decisions in one workspace update: pruning each
	 * decision at once cost every group's decisions a few milliseconds at p99 (one more stored
	 * and relayed update per intent), and clients see the decision well before the intent goes.
	 */
	#schedulePrune(room: Room, ids: readonly string[]): void {
		if (ids.length === 0) return;
		let pending = this.#pruning.get(room);
		if (pending === undefined) {
			pending = new Set();
			this.#pruning.set(room, pending);
			room.pins++;
		}
		for (const id of ids) pending.add(id);
		if (this.#pruneTimer === undefined) {
			this.#pruneTimer = setTimeout(() => {
				this.#flushPrunes();
			}, pruneDelayMs);
			this.#pruneTimer.unref();
		}
	}

	#flushPrunes(): void {
		clearTimeout(this.#pruneTimer);
		this.#pruneTimer = undefined;
		const pruning = [...this.#pruning];
		this.#pruning.clear();
		for (const [room, ids] of pruning) {
			// A room reloaded meanwhile is pruned of these at its next load.
			if (!room.doc.isDestroyed) this.#pruneDecided(room, [...ids]);
			room.pins--;
			this.#registry.release(room);
		}
	}

	/**
	 * Deletes decided intents from the workspace. Their decisions, in the authority document, are
	 * what anyone reads from then on (pending = in the workspace without a decision), and a group
	 * that imported 100,000 people would otherwise reload 100,000 spent intents forever. Runs
	 * after the decisions are committed; a crash in between leaves intents the next load prunes.
	 *
	 * A workspace holding a malformed update (only a hostile client sends one; found by the C4
	 * sweep) can make Yjs' clean-up throw on a deletion, which leaves the document unusable: the
	 * room is then reloaded from storage, and that document is not pruned again in this process
	 * (it would break again at every load). Its decided intents stay, skipped as before.
	 */
	#pruneDecided(room: Room, ids: readonly string[]): void {
		if (ids.length === 0 || this.#unprunable.has(room.name)) return;
		try {
			room.doc.transact(
				() => {
					deleteIntents(room.doc, new Set(ids));
				},
				{ kind: 'server', reason: 'prune-decided' } satisfies RoomOrigin
			);
		} catch (error) {
			this.#unprunable.add(room.name);
			this.#onError(error);
			room.checkHealth();
		}
	}

	/**
	 * The intent as the server vouches for it: its author is whoever wrote it (known from the
	 * Yjs client id the session claimed), whatever the value says; a workspace intent never
	 * carries a confirmed password — only the orders route can confirm one.
	 */
	#candidate(room: Room, written: WrittenIntent | undefined): Candidate | undefined {
		if (!written) return undefined;
		const { id } = written;
		const author = room.ownerOf(written.clientId);
		const value = written.value;
		const base =
			typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
		const vouched = {
			...base,
			id,
			author: author ?? 'unknown-writer',
			...('passwordConfirmed' in base ? { passwordConfirmed: false } : {})
		};
		const createdAt = typeof base.createdAt === 'number' ? base.createdAt : 0;
		return { id, author, value: vouched, createdAt };
	}

	/** U1: which of the e-mail addresses in these intents already have an account. */
	async #accountsFor(candidates: readonly Candidate[]): Promise<Record<string, string>> {
		const emails = new Set<string>();
		for (const { value } of candidates) {
			const intent = value as { email?: unknown; target?: { email?: unknown } };
			for (const email of [intent.email, intent.target?.email]) {
				if (typeof email === 'string') emails.add(email.trim().toLowerCase());
			}
		}
		const accounts: Record<string, string> = {};
		for (const email of emails) {
			const user = await this.#accounts.findUserByEmail(email);
			if (user) accounts[email] = user.id;
		}
		return accounts;
	}
}

function record(decision: Decision, candidate: Candidate | undefined, now: number): DecisionRecord {
	return { decision, author: candidate?.author ?? '', decidedAt: now };
}
