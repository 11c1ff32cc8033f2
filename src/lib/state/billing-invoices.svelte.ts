import {
	allowedPaymentMethods,
	type CardSummary,
	type Invoice,
	type LedgerPayload,
	type PaymentMethod
} from '$lib/domain/index.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';

/** An invoice with what the screen says about paying it. */
export interface InvoiceRow {
	invoice: Invoice;
	/** P5: the methods this amount allows (card under the threshold; check or wire at or over). */
	methods: PaymentMethod[];
	/** I2: "payment under way" was told to the vendor; `pending` while my intent is undecided. */
	reported: 'no' | 'pending' | 'yes';
	/** I2: this invoice keeps the group locked. */
	locking: boolean;
	/** Paid by card: the card's brand and last four digits, from the verified ledger. */
	card: CardSummary | undefined;
}

/** Newest first: by issue date, then by id (ids count up). */
function newestFirst(a: Invoice, b: Invoice): number {
	return b.issuedOn.localeCompare(a.issuedOn) || b.id.localeCompare(a.id, 'en', { numeric: true });
}

/**
 * The invoices of a group (I1) with the payment methods their amounts allow (P5, by the
 * domain's `allowedPaymentMethods`) and the "payment under way" notice (I2), which is an intent:
 * it shows at once, marked pending, and works offline.
 */
export class BillingInvoices {
	readonly #workspace: GroupWorkspace;

	readonly #rows = $derived.by((): InvoiceRow[] => {
		const preview = this.#workspace.preview?.state;
		const decided = this.#workspace.decided;
		const policy = this.#workspace.policy;
		if (!preview || !policy) return [];
		const locking = preview.lock?.invoiceIds ?? [];
		// Only signed events this browser verified say which card paid: the state keeps the method.
		const cards: Record<string, CardSummary> = {};
		for (const event of this.#workspace.ledger.verified) {
			const payload = event.payload as LedgerPayload;
			if (payload.type === 'payment.recorded' && payload.card)
				cards[payload.invoiceId] = payload.card;
		}
		return Object.values(preview.invoices)
			.sort(newestFirst)
			.map((invoice) => {
				const told = decided?.invoices[invoice.id]?.paymentInProgress === true;
				return {
					invoice,
					methods: allowedPaymentMethods(policy, invoice.amount),
					reported: told ? 'yes' : invoice.paymentInProgress ? 'pending' : 'no',
					locking: locking.includes(invoice.id),
					card: cards[invoice.id]
				};
			});
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
	}

	get rows(): InvoiceRow[] {
		return this.#rows;
	}

	/** Every method the vendor takes under this policy, for the payment choice (P5). */
	get vendorMethods(): PaymentMethod[] {
		const payment = this.#workspace.policy?.payment;
		if (!payment) return [];
		const all = [...payment.below, ...payment.atOrAbove];
		return all.filter((method, index) => all.indexOf(method) === index);
	}

	/** P5: the amount from which card is refused, or `null` when any amount may use any method. */
	get threshold(): number | null {
		return this.#workspace.policy?.payment.threshold ?? null;
	}

	/** I2: tells the vendor that payment of an invoice is under way (an intent; offline too). */
	reportPayment(invoiceId: string): string {
		return this.#workspace.propose({ kind: 'report-payment-in-progress', invoiceId });
	}
}
