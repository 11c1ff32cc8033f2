/**
 * What a quote asks and answers. A quote carries everything the screen needs to SHOW the formula:
 * each line's quantity × unit price × proration factor (or base × percentage), the tier used and
 * why, the proration's time basis, the rounding rule, the total and the payment methods.
 */

import * as v from 'valibot';
import type { PaymentMethod, Term } from './common-schema.ts';
import { IdSchema, QuantitySchema, TermSchema } from './common-schema.ts';
import type { RoundingRule } from './money-math.ts';
import type { Proration } from './pricing-proration.ts';
import type { NextTier, TierChoice } from './pricing-tiers.ts';
import type { Line } from './state-schema.ts';

/** P3: the owner picks a new total of seats; or P11: adds packs. */
export const QuoteRequestSchema = v.variant('kind', [
	v.strictObject({
		kind: v.literal('set-seats'),
		product: IdSchema,
		newTotal: QuantitySchema,
		/** The term when this purchase starts the subscription (P6); ignored afterwards. */
		term: v.optional(v.nullable(TermSchema), null),
		/** The support level when this purchase starts the subscription (P9). */
		support: v.optional(v.nullable(IdSchema), null)
	}),
	v.strictObject({ kind: v.literal('add-pack'), pack: IdSchema, count: QuantitySchema })
]);

/** A quote request, as the UI or an HTTP body sends it. */
export type QuoteRequestInput = v.InferInput<typeof QuoteRequestSchema>;

/** A parsed quote request. */
export type QuoteRequest = v.InferOutput<typeof QuoteRequestSchema>;

/** A request to set a product's seat total. */
export type SetSeatsRequest = Extract<QuoteRequest, { kind: 'set-seats' }>;

/** A request to add packs. */
export type AddPackRequest = Extract<QuoteRequest, { kind: 'add-pack' }>;

/** The price of a change, without doing it. */
export interface Quote {
	kind: 'seats' | 'pack';
	/** The product or pack id. */
	ref: string;
	currency: string;
	/** The one rounding rule (see `money-math.ts`), for the screen to state. */
	rounding: RoundingRule;
	term: Term;
	/** Whether this purchase starts the subscription (first purchase or restart after expiry). */
	starts: boolean;
	/** Seats (or packs) held now, and the requested total (or packs added). */
	current: number;
	requested: number;
	/** Units charged by this quote. */
	delta: number;
	/** When the change applies: now, or at the renewal (a reduction that waits). */
	effective: 'now' | 'at-renewal';
	/** P4: the tier used and why; `null` for packs. */
	tier: TierChoice | null;
	nextTier: NextTier | null;
	/** P2: the proration factor and its time basis. */
	proration: Proration;
	/** P7: the single expiry this purchase ends on. */
	expiry: string;
	lines: Line[];
	total: number;
	/** P5: how this amount may be paid, and the threshold that decided it. */
	paymentMethods: PaymentMethod[];
	paymentThreshold: number | null;
	/** P3: the recurring price of this product (or pack) per term, before and after the change. */
	recurring: { before: number; after: number };
}
