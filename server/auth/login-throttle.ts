/**
 * Login rate limits that slow attackers without letting them lock a real user out (OWASP ASVS
 * 2.2.1): three sliding windows.
 *
 * - per address: one client cannot spray many accounts;
 * - per account and address: one client cannot guess one account's password;
 * - per account, all addresses: a distributed guess slows down too — but a browser that signed
 *   in to that account before (it holds the known-device cookie) is exempt, so an attacker
 *   hammering an account does not lock its owner out.
 */
export interface ThrottleWindow {
	/** Attempts allowed within the window. */
	limit: number;
	windowMs: number;
}

export interface ThrottleLimits {
	perAddress: ThrottleWindow;
	perAccountAddress: ThrottleWindow;
	perAccount: ThrottleWindow;
}

export const defaultThrottleLimits: ThrottleLimits = {
	perAddress: { limit: 30, windowMs: 10 * 60_000 },
	perAccountAddress: { limit: 5, windowMs: 15 * 60_000 },
	perAccount: { limit: 20, windowMs: 60 * 60_000 }
};

/** Sliding-window counters of failed (or attempted) sign-ins, in memory. */
export class LoginThrottle {
	readonly #limits: ThrottleLimits;
	readonly #hits = new Map<string, number[]>();

	constructor(limits: ThrottleLimits = defaultThrottleLimits) {
		this.#limits = limits;
	}

	/**
	 * Whether a sign-in may be tried now; when not, how long to wait. Checked before the
	 * password is hashed, so refused attempts cost the server nothing.
	 */
	check(
		account: string,
		address: string,
		knownDevice: boolean,
		now: number
	): { allowed: true } | { allowed: false; retryAfterMs: number } {
		const windows: [string, ThrottleWindow][] = [
			[`a:${address}`, this.#limits.perAddress],
			[`aa:${account}|${address}`, this.#limits.perAccountAddress]
		];
		if (!knownDevice) windows.push([`acc:${account}`, this.#limits.perAccount]);
		let wait = 0;
		for (const [key, window] of windows) wait = Math.max(wait, this.#waitFor(key, window, now));
		return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
	}

	/** Every attempt counts against the address; failures also against the account. */
	record(account: string, address: string, succeeded: boolean, now: number): void {
		this.#hit(`a:${address}`, now, this.#limits.perAddress);
		if (succeeded) {
			this.#hits.delete(`aa:${account}|${address}`);
			return;
		}
		this.#hit(`aa:${account}|${address}`, now, this.#limits.perAccountAddress);
		this.#hit(`acc:${account}`, now, this.#limits.perAccount);
	}

	/** Drops windows that have fully expired (called periodically; memory stays bounded). */
	sweep(now: number): void {
		const { perAddress, perAccountAddress, perAccount } = this.#limits;
		const longest = Math.max(perAddress.windowMs, perAccountAddress.windowMs, perAccount.windowMs);
		for (const [key, hits] of this.#hits) {
			if ((hits.at(-1) ?? 0) <= now - longest) this.#hits.delete(key);
		}
	}

	#waitFor(key: string, window: ThrottleWindow, now: number): number {
		const hits = this.#recent(key, window, now);
		if (hits.length < window.limit) return 0;
		return (hits[hits.length - window.limit] ?? now) + window.windowMs - now;
	}

	#hit(key: string, now: number, window: ThrottleWindow): void {
		const hits = this.#recent(key, window, now);
		hits.push(now);
		// Only the last `limit` hits matter for the decision; older ones are dropped.
		if (hits.length > window.limit) hits.splice(0, hits.length - window.limit);
		this.#hits.set(key, hits);
	}

	#recent(key: string, window: ThrottleWindow, now: number): number[] {
		const hits = (this.#hits.get(key) ?? []).filter((at) => at > now - window.windowMs);
		if (hits.length === 0) this.#hits.delete(key);
		return hits;
	}
}
