import { presets, type GroupState, type Policy } from '../../src/lib/domain/index.ts';
import { closeCodes } from '../../src/lib/sync/protocol.ts';
import type { Clock } from '../clock.ts';
import type { GroupRecord, GroupRole, Storage } from '../storage/types.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuthoritySigner } from './authority-signer.ts';
import { GroupAuthority, type AuthorityChange } from './group-authority.ts';

/** Failures the engine reports with a code (an HTTP route turns them into an answer). */
export class AuthorityError extends Error {
	override name = 'AuthorityError';
	readonly code: string;

	constructor(code: string, message = code) {
		super(message);
		this.code = code;
	}
}

export interface AuthorityEngineDeps {
	registry: RoomRegistry;
	storage: Storage;
	signer: AuthoritySigner;
	clock: Clock;
	/**
	 * Closes a user's sockets in a group after their roles changed: with roles left they
	 * reconnect at once with the new rights; with none, for good.
	 */
	disconnectUser: (userId: string, groupId: string, code: number) => void;
	onError: (error: unknown) => void;
	/** How long an idle group stays loaded. */
	idleMs?: number;
}

const groupRoles: readonly GroupRole[] = ['owner', 'admin', 'billable', 'viewer'];

/**
 * The authority: every change to a group's state goes through `run`, which serialises the work
 * on one group (so two decisions never interleave) while different groups proceed in parallel.
 */
export class AuthorityEngine {
	readonly #deps: AuthorityEngineDeps;
	readonly #loaded = new Map<string, Promise<GroupAuthority>>();
	readonly #queues = new Map<string, Promise<unknown>>();
	readonly #idleTimers = new Map<string, NodeJS.Timeout>();
	/** Committed changes and signed ledger events since start (for /metrics). */
	readonly counts = { commits: 0, ledgerEvents: 0 };

	constructor(deps: AuthorityEngineDeps) {
		this.#deps = deps;
	}

	get clock(): Clock {
		return this.#deps.clock;
	}

	/** The policy of a group (a preset named by the group's `policy_id`). */
	policyOf(group: GroupRecord): Policy {
		const policy = presets[group.policyId];
		if (!policy) throw new AuthorityError('policy.invalid', `unknown policy ${group.policyId}`);
		return policy;
	}

	/** Runs `task` on a group once every earlier task on that group has finished. */
	run<T>(groupId: string, task: (authority: GroupAuthority) => Promise<T>): Promise<T> {
		const previous = this.#queues.get(groupId) ?? Promise.resolve();
		const next = previous
			.catch(() => undefined)
			.then(async () => {
				const authority = await this.#authority(groupId);
				try {
					return await task(authority);
				} finally {
					this.#scheduleIdle(groupId);
				}
			});
		const tail = next.catch(() => undefined);
		this.#queues.set(groupId, tail);
		void tail.then(() => {
			if (this.#queues.get(groupId) === tail) this.#queues.delete(groupId);
		});
		return next;
	}

	/**
	 * Commits a change and mirrors the roles it touched into SQL, where the websocket upgrade and
	 * the API check them; a user whose roles changed is disconnected from the group at once.
	 */
	async commit(authority: GroupAuthority, change: AuthorityChange, touched: readonly string[]) {
		const at = this.#deps.clock.now();
		const before = authority.state;
		const signed = await authority.commit(change, at);
		this.counts.commits++;
		this.counts.ledgerEvents += signed.length;
		await this.#syncPeople(authority.group.id, before, change, touched);
		return signed;
	}

	/** Releases every loaded group (shutdown). */
	async close(): Promise<void> {
		for (const timer of this.#idleTimers.values()) clearTimeout(timer);
		this.#idleTimers.clear();
		await Promise.allSettled([...this.#queues.values()]);
		for (const loading of this.#loaded.values()) {
			const authority = await loading.catch(() => undefined);
			authority?.release();
		}
		this.#loaded.clear();
	}

	async #authority(groupId: string): Promise<GroupAuthority> {
		let loading = this.#loaded.get(groupId);
		if (!loading) {
			loading = (async () => {
				const group = await this.#deps.storage.accounts.findGroup(groupId);
				if (!group) throw new AuthorityError('group.not-found');
				return GroupAuthority.open(this.#deps, group, this.policyOf(group));
			})();
			this.#loaded.set(groupId, loading);
			loading.catch(() => this.#loaded.delete(groupId));
		}
		const authority = await loading;
		// A room evicted after a failed commit must be loaded afresh.
		if (this.#deps.registry.get(groupId, 'authority') !== authority.room) {
			this.#loaded.delete(groupId);
			return this.#authority(groupId);
		}
		return authority;
	}

	#scheduleIdle(groupId: string): void {
		const existing = this.#idleTimers.get(groupId);
		if (existing) {
			// Restarting the timer costs less than a new one per task (thousands a second under load).
			existing.refresh();
			return;
		}
		const timer = setTimeout(() => {
			this.#idleTimers.delete(groupId);
			if (this.#queues.has(groupId)) return;
			const loading = this.#loaded.get(groupId);
			this.#loaded.delete(groupId);
			void loading?.then((authority) => {
				authority.release();
			});
		}, this.#deps.idleMs ?? 60_000);
		timer.unref();
		this.#idleTimers.set(groupId, timer);
	}

	/**
	 * Mirrors what SQL needs of the members a change touched: their roles (checked at every
	 * upgrade and route) and the membership index (GET /api/me/licenses, U5 renames). Callers
	 * that know what they touched say so; otherwise a changed members record is compared.
	 */
	async #syncPeople(
		groupId: string,
		before: GroupState | undefined,
		change: AuthorityChange,
		touched: readonly string[]
	) {
		const { accounts } = this.#deps.storage;
		const ids = new Set(touched);
		const previous = before?.members ?? {};
		// Comparing 100,000 records costs a few milliseconds: only when the caller could not say.
		if (ids.size === 0 && previous !== change.state.members) {
			for (const id of Object.keys(change.state.members)) {
				if (previous[id] !== change.state.members[id]) ids.add(id);
			}
			for (const id of Object.keys(previous)) if (!(id in change.state.members)) ids.add(id);
		}
		for (const memberId of ids) {
			const user = await accounts.findUserById(memberId);
			if (!user) continue;
			const member = change.state.members[memberId];
			await accounts.setMembership(groupId, memberId, member !== undefined);
			const next = groupRoles.filter((role) => member?.roles.includes(role));
			const current = await accounts.rolesIn(groupId, memberId);
			if (current.join() === next.join()) continue;
			await accounts.setRoles(groupId, memberId, next);
			const code = next.length > 0 ? closeCodes.rolesChanged : closeCodes.accessRevoked;
			this.#deps.disconnectUser(memberId, groupId, code);
		}
	}
}
