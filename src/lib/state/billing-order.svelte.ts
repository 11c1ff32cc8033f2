import { api } from '$lib/api/api-client.ts';
import type { Invoice, Quote, QuoteRequestInput } from '$lib/domain/index.ts';

/** What the server answers to an accepted order (server/authority/order-receipt.ts). */
export interface OrderReceipt {
	groupId: string;
	orderId: string | null;
	invoiceId: string | null;
	/** The quote that was charged: the same function as the browser's. */
	quote: Quote;
	invoice: Invoice | null;
	licenseKey: { token: string; payload: { keyId: string; expiry: string } } | null;
	ledger: { seq: number; type: string }[];
}

/** A refusal's code and its parameters, for `errorMessage`. */
export interface OrderError {
	code: string;
	params: Record<string, string | number>;
}

/** Where a confirmation stands. */
export type OrderPhase = 'editing' | 'sending' | 'done' | 'refused' | 'unreachable';

/** What the server says the same request costs right now, to compare with the browser's. */
export type ServerCheck =
	| { kind: 'pending' }
	| { kind: 'same' }
	| { kind: 'different'; total: number }
	| { kind: 'unavailable' };

/**
 * One confirmation dialog of an order (P3): the request and the total the owner saw are fixed
 * when the dialog opens, with a fresh `Idempotency-Key`. Every attempt from this dialog (a
 * wrong password, a network error) reuses the key, so a retry after a lost answer charges once;
 * a new dialog is a new key. A refusal changes nothing on the server; its code is kept for the
 * screen to translate.
 */
export class OrderConfirmation {
	readonly groupId: string;
	readonly request: QuoteRequestInput;
	/** The total the owner saw when confirming, in minor units. */
	readonly shownTotal: number;
	readonly key: string = crypto.randomUUID();
	#phase = $state<OrderPhase>('editing');
	#error = $state.raw<OrderError | null>(null);
	#receipt = $state.raw<OrderReceipt | null>(null);
	#check = $state.raw<ServerCheck>({ kind: 'pending' });

	constructor(groupId: string, request: QuoteRequestInput, shownTotal: number) {
		this.groupId = groupId;
		this.request = request;
		this.shownTotal = shownTotal;
	}

	get phase(): OrderPhase {
		return this.#phase;
	}

	get error(): OrderError | null {
		return this.#error;
	}

	get receipt(): OrderReceipt | null {
		return this.#receipt;
	}

	/** The server's price for the same request (another admin may have bought meanwhile, P4). */
	get check(): ServerCheck {
		return this.#check;
	}

	/** Asks the server for its quote of the same request; the order charges the server's. */
	async checkWithServer(): Promise<void> {
		const answer = await api.post<Quote>(`/api/groups/${this.groupId}/quote`, this.request);
		if (!answer.ok) {
			this.#check = { kind: 'unavailable' };
			return;
		}
		this.#check =
			answer.data.total === this.shownTotal
				? { kind: 'same' }
				: { kind: 'different', total: answer.data.total };
	}

	/** Sends the order with the owner's password; the same key on every attempt. */
	async submit(password: string): Promise<void> {
		if (this.#phase === 'sending' || this.#phase === 'done') return;
		this.#phase = 'sending';
		this.#error = null;
		const answer = await api.post<OrderReceipt>(
			`/api/groups/${this.groupId}/orders`,
			{ request: this.request, password },
			{ 'Idempotency-Key': this.key }
		);
		if (answer.ok) {
			this.#receipt = answer.data;
			this.#phase = 'done';
			return;
		}
		this.#error = { code: answer.code, params: answer.params ?? {} };
		// A lost answer or a server failure may have been charged: retry with the same key.
		this.#phase = answer.status === 0 || answer.status >= 500 ? 'unreachable' : 'refused';
	}
}
