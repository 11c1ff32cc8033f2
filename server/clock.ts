/**
 * The server's notion of time. Everything that depends on the date (sessions, due dates,
 * lock-outs, renewals) asks this clock, so that tests can move it instead of sleeping.
 */
export interface Clock {
	now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that starts at the wall clock and can be set forward (test mode only): it keeps
 * ticking from wherever it was set, so durations still pass naturally between moves.
 */
export class SettableClock implements Clock {
	#offsetMs = 0;

	now(): number {
		return Date.now() + this.#offsetMs;
	}

	/** Sets the current time; moving backwards is refused because schedules assume monotony. */
	set(epochMs: number): boolean {
		if (!Number.isSafeInteger(epochMs) || epochMs < this.now() - 1000) return false;
		this.#offsetMs = epochMs - Date.now();
		return true;
	}
}
