import {
	placeOrder,
	quote,
	type DomainError,
	type Quote,
	type QuoteRequestInput,
	type Role,
	type Term
} from '$lib/domain/index.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';

/** A quote, or why there is none; `blocked` is what would stop the order even at this price. */
export type QuoteState =
	| { kind: 'none' }
	| { kind: 'quote'; quote: Quote; blocked: DomainError | null }
	| { kind: 'refused'; error: DomainError };

/** What is being bought: a new seat total (P3) or packs (P11). */
export type PurchaseMode = 'seats' | 'pack';

/**
 * P3: the owner picks a new total and sees its price before confirming. The price is the
 * domain's own `quote()` on the decided state (what the authority will charge on), with the
 * browser's clock, so it works offline and equals the server's to the cent. Nothing here prices
 * anything itself; `blocked` asks the domain's `placeOrder` (as the owner, password confirmed)
 * what would refuse the order beyond the price: a lock (I2), a missing CLA (P6), no change.
 */
export class BillingQuote {
	readonly #workspace: GroupWorkspace;
	#mode = $state<PurchaseMode>('seats');
	#product = $state('');
	#pack = $state('');
	/** The total typed in; `null` while the field is empty. */
	#newTotal = $state<number | null>(null);
	#term = $state<Term | null>(null);
	#support = $state<string | null>(null);
	#now = $state(Date.now());
	readonly #timer: ReturnType<typeof setInterval>;

	readonly #productId = $derived.by(() => {
		const products = this.#workspace.policy?.products ?? [];
		return products.some((p) => p.id === this.#product) ? this.#product : (products[0]?.id ?? '');
	});

	readonly #packId = $derived.by(() => {
		const packs = this.#workspace.policy?.packs ?? [];
		return packs.some((p) => p.id === this.#pack) ? this.#pack : (packs[0]?.id ?? '');
	});

	readonly #current = $derived.by(() => {
		const state = this.#workspace.decided;
		if (this.#mode === 'pack') return state?.packs[this.#packId] ?? 0;
		return state?.holdings[this.#productId]?.seats ?? 0;
	});

	readonly #request = $derived.by((): QuoteRequestInput | null => {
		if (this.#newTotal === null) return null;
		if (this.#mode === 'pack') {
			if (this.#packId === '') return null;
			return { kind: 'add-pack', pack: this.#packId, count: this.#newTotal };
		}
		if (this.#productId === '') return null;
		return {
			kind: 'set-seats',
			product: this.#productId,
			newTotal: this.#newTotal,
			term: this.#term,
			support: this.#support
		};
	});

	readonly #result = $derived.by((): QuoteState => {
		const state = this.#workspace.decided;
		const policy = this.#workspace.policy;
		const request = this.#request;
		if (!state || !policy || !request) return { kind: 'none' };
		const priced = quote(state, policy, request, this.#now);
		if (!priced.ok) return { kind: 'refused', error: priced.error };
		const owner = { userId: this.#workspace.userId, roles: ['owner' as Role] };
		const tried = placeOrder(
			state,
			policy,
			request,
			{ ...owner, passwordConfirmed: true },
			this.#now
		);
		return { kind: 'quote', quote: priced.value, blocked: tried.ok ? null : tried.error };
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
		// Proration counts days: a screen left open past midnight must price the new day.
		this.#timer = setInterval(() => (this.#now = Date.now()), 60_000);
	}

	get mode(): PurchaseMode {
		return this.#mode;
	}

	/** The product whose total is being changed. */
	get product(): string {
		return this.#productId;
	}

	/** The pack being added. */
	get pack(): string {
		return this.#packId;
	}

	/** Seats of the product (or packs held) now, as decided by the authority. */
	get current(): number {
		return this.#current;
	}

	/** The new seat total, or the number of packs to add. */
	get newTotal(): number | null {
		return this.#newTotal;
	}

	get term(): Term | null {
		return this.#term;
	}

	get support(): string | null {
		return this.#support;
	}

	/** Whether this purchase would start the subscription, so term and support can be chosen. */
	get starts(): boolean {
		return this.#workspace.decided?.subscription.status !== 'active';
	}

	/** The request as it would be sent, or `null` until a total is entered. */
	get request(): QuoteRequestInput | null {
		return this.#request;
	}

	get result(): QuoteState {
		return this.#result;
	}

	/** The instant the quote was computed at. */
	get now(): number {
		return this.#now;
	}

	/** Switches between a seat total and packs; the amount starts empty. */
	setMode(mode: PurchaseMode): void {
		this.#mode = mode;
		this.#newTotal = null;
	}

	selectProduct(product: string): void {
		this.#mode = 'seats';
		this.#product = product;
		this.#newTotal = null;
	}

	selectPack(pack: string): void {
		this.#mode = 'pack';
		this.#pack = pack;
		this.#newTotal = null;
	}

	/** The typed total: any number (the domain says what is wrong with it), or `null` if empty. */
	setTotal(value: number | null): void {
		this.#newTotal = value === null || Number.isNaN(value) ? null : value;
		this.#now = Date.now();
	}

	setTerm(term: Term | null): void {
		this.#term = term;
	}

	setSupport(level: string | null): void {
		this.#support = level;
	}

	destroy(): void {
		clearInterval(this.#timer);
	}
}
