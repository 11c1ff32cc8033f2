import { advanceClock, dateOfInstant } from '../../src/lib/domain/index.ts';
import type { AccountStore } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import { notInitialized, runDomainOperation } from './domain-operation.ts';

export interface SchedulerDeps {
	engine: AuthorityEngine;
	accounts: AccountStore;
	onError: (error: unknown) => void;
	/** How often the timer looks for due work (default one minute). */
	intervalMs?: number;
}

/** What one pass over the groups did. */
export interface SchedulerRun {
	/** Groups looked at. */
	groups: number;
	/** Groups whose state changed (a renewal, an invoice past due, a lock-out …), in id order. */
	changed: string[];
}

/** Groups read from storage per page, so that a pass never holds every group record at once. */
const pageSize = 200;

/**
 * Runs the calendar of every group: due dates, the lock-out after the grace days, renewals and
 * consumption billing (the domain's `advanceClock`), through the authority like any other change.
 * It asks the engine's clock, so tests move time instead of sleeping; a pass after a test-clock
 * move is run synchronously by the route that moved it.
 */
export class Scheduler {
	readonly #deps: SchedulerDeps;
	#timer: NodeJS.Timeout | undefined;
	#tick: Promise<void> | undefined;
	/**
	 * The UTC day each group was last advanced on by the timer. Everything `advanceClock` does is
	 * decided by the date, and the changes made during a day (orders, payments) settle their own
	 * lock and dues, so the timer advances a group at most once a day instead of loading every
	 * group's document every minute.
	 */
	readonly #advancedOn = new Map<string, string>();

	constructor(deps: SchedulerDeps) {
		this.#deps = deps;
	}

	/** Starts the timer (unref'd: it never keeps the process alive) and runs a first pass now. */
	start(): void {
		if (this.#timer) return;
		this.#timer = setInterval(() => {
			this.#startTick();
		}, this.#deps.intervalMs ?? 60_000);
		this.#timer.unref();
		this.#startTick();
	}

	/** Stops the timer and waits for a pass under way (shutdown: before the engine closes). */
	async stop(): Promise<void> {
		clearInterval(this.#timer);
		this.#timer = undefined;
		await this.#tick;
	}

	/**
	 * Advances every group that has a state to the clock's now, one group at a time; a group
	 * that fails is reported and the others still run. `onlyNewDays` skips groups already
	 * advanced today (the timer's passes).
	 */
	async runAll(options: { onlyNewDays?: boolean } = {}): Promise<SchedulerRun> {
		const run: SchedulerRun = { groups: 0, changed: [] };
		let afterId = '';
		for (;;) {
			const page = await this.#deps.accounts.listGroups({ afterId, limit: pageSize });
			for (const group of page) {
				run.groups += 1;
				if (await this.#advance(group.id, options.onlyNewDays ?? false)) {
					run.changed.push(group.id);
				}
			}
			const last = page.at(-1);
			if (!last || page.length < pageSize) return run;
			afterId = last.id;
		}
	}

	async #advance(groupId: string, onlyNewDays: boolean): Promise<boolean> {
		const today = dateOfInstant(this.#deps.engine.clock.now());
		if (onlyNewDays && this.#advancedOn.get(groupId) === today) return false;
		try {
			const result = await runDomainOperation(this.#deps.engine, groupId, 'clock', advanceClock, {
				skipUnchanged: true
			});
			// A group without a state yet has nothing due; it is looked at again tomorrow.
			this.#advancedOn.set(groupId, today);
			if (!result.ok && result.error.code !== notInitialized.code) {
				this.#deps.onError(new Error(`clock of ${groupId} refused: ${result.error.code}`));
			}
			return result.ok && result.committed;
		} catch (error) {
			this.#deps.onError(error);
			return false;
		}
	}

	#startTick(): void {
		if (this.#tick) return;
		this.#tick = this.runAll({ onlyNewDays: true })
			.then(() => undefined, this.#deps.onError)
			.finally(() => {
				this.#tick = undefined;
			});
	}
}
