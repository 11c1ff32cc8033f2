import { api } from '$lib/api/api-client.ts';
import {
	checkCard,
	dateOfInstant,
	type CardBrand,
	type CardField,
	type CardFieldCode,
	type CardFields,
	type Invoice
} from '$lib/domain/index.ts';

/** The card processor the server is connected to (`GET /api/payments/config`). */
export interface CardProvider {
	provider: string;
	/** No real money moves; the form says so and shows the test cards. */
	testMode: boolean;
	testCards?: { succeeds: string; declined: string; insufficientFunds: string };
}

let asked: Promise<CardProvider | null> | undefined;

/**
 * Whether the server can take cards, asked once per page load; an unreachable server is asked
 * again next time, so that a form appears once it is back. `null`: no processor is connected,
 * and the screen keeps saying so instead of showing a form that cannot work.
 */
export function cardProvider(): Promise<CardProvider | null> {
	asked ??= api.get<{ card: CardProvider | null }>('/api/payments/config').then((answer) => {
		if (!answer.ok) asked = undefined;
		return answer.ok ? answer.data.card : null;
	});
	return asked;
}

/** What the server answers to a card payment (server/payments/card-payment.ts). */
export interface CardReceipt {
	groupId: string;
	invoiceId: string;
	payment: { amount: number; currency: string; brand: CardBrand; last4: string; reference: string };
	invoice: Invoice;
	lock: unknown;
	ledger: { seq: number; type: string }[];
}

/** Where a card payment stands. */
export type CardPhase = 'editing' | 'sending' | 'paid' | 'refused' | 'unreachable';

/** A refusal's code and parameters, for `errorMessage`. */
export interface CardError {
	code: string;
	params: Record<string, string | number>;
}

/**
 * Paying one invoice by card (P5). The fields are checked here first, with the same checks as
 * the processor, so a typo is shown next to its field without a round trip. Every send of the
 * same attempt carries one `Idempotency-Key`, so a retry after a lost answer charges at most
 * once; after a refusal (a declined card, a wrong field) the next attempt gets a new key, since
 * the processor answers a key's first answer again.
 */
export class CardPayment {
	readonly groupId: string;
	readonly invoiceId: string;
	readonly amount: number;
	#key: string = crypto.randomUUID();
	#phase = $state<CardPhase>('editing');
	#fieldErrors = $state.raw<Partial<Record<CardField, CardFieldCode>>>({});
	#error = $state.raw<CardError | null>(null);
	#receipt = $state.raw<CardReceipt | null>(null);

	constructor(groupId: string, invoice: Pick<Invoice, 'id' | 'amount'>) {
		this.groupId = groupId;
		this.invoiceId = invoice.id;
		this.amount = invoice.amount;
	}

	get phase(): CardPhase {
		return this.#phase;
	}

	/** The problem of each field, as a code under `errors.card.*`. */
	get fieldErrors(): Partial<Record<CardField, CardFieldCode>> {
		return this.#fieldErrors;
	}

	/** Why the server or the processor refused, when it did. */
	get error(): CardError | null {
		return this.#error;
	}

	get receipt(): CardReceipt | null {
		return this.#receipt;
	}

	/** The key of the current attempt (for tests and support). */
	get key(): string {
		return this.#key;
	}

	/** Checks the fields, then sends the payment; `now` dates the expiry check. */
	async submit(fields: CardFields, now: number = Date.now()): Promise<void> {
		if (this.#phase === 'sending' || this.#phase === 'paid') return;
		const checked = checkCard(fields, dateOfInstant(now));
		this.#fieldErrors = checked.ok ? {} : checked.errors;
		if (!checked.ok) return;
		this.#phase = 'sending';
		this.#error = null;
		const answer = await api.post<CardReceipt>(
			`/api/groups/${encodeURIComponent(this.groupId)}/invoices/${encodeURIComponent(this.invoiceId)}/card-payment`,
			{ amount: this.amount, card: fields },
			{ 'Idempotency-Key': this.#key }
		);
		if (answer.ok) {
			this.#receipt = answer.data;
			this.#phase = 'paid';
			return;
		}
		const params = answer.params ?? {};
		this.#error = { code: answer.code, params };
		const field = params.field;
		if (typeof field === 'string' && answer.code.startsWith('card.')) {
			this.#fieldErrors = { [field]: answer.code as CardFieldCode };
		}
		// Unreachable or failed on the way: the charge may have happened, so retry with this key.
		const unknown = answer.status === 0 || answer.status === 500 || answer.status === 502;
		this.#phase = unknown ? 'unreachable' : 'refused';
		if (!unknown) this.#key = crypto.randomUUID();
	}
}
