import type { CardBrand, CardFields } from '../../src/lib/domain/index.ts';

/**
 * The port every card processor plugs into (P5: invoices under the threshold are paid by card).
 * Tessera ships one adapter, the demo card provider (demo-card-provider.ts), the only one that
 * can run on an offline machine; a Stripe adapter would implement this same interface — one
 * PaymentIntent created and confirmed with `amount`, `currency`, the card and `idempotencyKey`
 * as Stripe's own `Idempotency-Key`, its `pi_…` id as `providerReference`, and
 * `card_declined`/`insufficient_funds` mapped to the codes below. With Stripe the card details
 * would be tokenised in the browser by Stripe.js and arrive here as a token, so that `card`
 * becomes that token; nothing else of the flow changes.
 */
export interface PaymentProvider {
	/** Short name for configuration and `GET /api/payments/config` (e.g. `demo`). */
	readonly name: string;
	/** True when no real money moves (a processor's test mode): the UI says so. */
	readonly testMode: boolean;
	/** In test mode, the documented test card numbers, for the form to show. */
	readonly testCards?: TestCards;
	/**
	 * Charges a card once per `idempotencyKey`: the same key answers the first answer and never
	 * charges twice, so a retry after a lost answer or a crash is safe. Throws only when the
	 * processor cannot be reached or answers something unexpected (nothing is known charged).
	 */
	charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** One charge, in the invoice's currency and integer minor units. */
export interface ChargeRequest {
	amount: number;
	/** ISO 4217, e.g. `USD`. */
	currency: string;
	/** The card as the payer typed it; the processor checks it (number, expiry, CVC, name). */
	card: CardFields;
	/** Unique per attempt of one request; the same key must carry the same request. */
	idempotencyKey: string;
	/** What the processor shows beside the charge (an invoice and group reference). */
	description: string;
}

/** What a processor answers: the charge went through, or the card was refused and why. */
export type ChargeResult =
	| { status: 'succeeded'; providerReference: string; brand: CardBrand; last4: string }
	| { status: 'declined'; code: DeclineCode; field?: 'number' | 'expiry' | 'cvc' | 'name' };

/** Why a card was refused; each has a sentence under `errors.card.*`. */
export type DeclineCode =
	| 'card.declined'
	| 'card.insufficient-funds'
	| 'card.number-invalid'
	| 'card.expiry-invalid'
	| 'card.expired'
	| 'card.cvc-invalid'
	| 'card.name-required';

/** A test mode's documented card numbers, as a person types them. */
export interface TestCards {
	succeeds: string;
	declined: string;
	insufficientFunds: string;
}
