/**
 * Ledger event payloads: everything that moves money, as the authority appends it. The server
 * wraps each payload with a sequence number, the previous event's hash and an Ed25519 signature;
 * this module only defines what is signed. `replayLedger` rebuilds balances from these payloads, so
 * "balances equal a replay of the ledger" can be checked at any time.
 */

import * as v from 'valibot';
import {
	CountSchema,
	IdSchema,
	InstantSchema,
	IsoDateSchema,
	MinorSchema,
	PaymentMethodSchema,
	TermSchema
} from './common-schema.ts';
import { CardSummarySchema } from './payment-card.ts';
import { LineSchema } from './state-schema.ts';

const meta = { groupId: IdSchema, at: InstantSchema, author: IdSchema };
const Counts = v.record(IdSchema, CountSchema);

/** Every ledger payload type. */
export const LedgerPayloadSchema = v.variant('type', [
	v.strictObject({
		...meta,
		type: v.literal('subscription.started'),
		term: TermSchema,
		startedOn: IsoDateSchema,
		expiry: IsoDateSchema,
		autoRenew: v.boolean(),
		support: v.nullable(IdSchema)
	}),
	v.strictObject({
		...meta,
		type: v.literal('order.placed'),
		orderId: IdSchema,
		kind: v.picklist(['seats', 'pack']),
		ref: IdSchema,
		quantity: CountSchema,
		/** The product's seat total after the order (seats) or the pack count after it (packs). */
		newTotal: CountSchema,
		tierFrom: v.nullable(CountSchema),
		lines: v.array(LineSchema),
		total: MinorSchema,
		invoiceId: IdSchema
	}),
	v.strictObject({
		...meta,
		type: v.literal('license-key.issued'),
		keyId: IdSchema,
		seats: Counts,
		packs: Counts,
		expiry: IsoDateSchema,
		/** P8: the key is promised by this date (business days after the order). */
		promisedBy: IsoDateSchema
	}),
	v.strictObject({
		...meta,
		type: v.literal('invoice.issued'),
		invoiceId: IdSchema,
		reason: v.picklist(['order', 'renewal', 'consumption']),
		amount: MinorSchema,
		currency: v.string(),
		issuedOn: IsoDateSchema,
		dueOn: IsoDateSchema,
		paymentMethods: v.array(PaymentMethodSchema)
	}),
	v.strictObject({
		...meta,
		type: v.literal('invoice.past-due'),
		invoiceId: IdSchema,
		on: IsoDateSchema
	}),
	v.strictObject({
		...meta,
		type: v.literal('payment.recorded'),
		invoiceId: IdSchema,
		amount: MinorSchema,
		method: PaymentMethodSchema,
		on: IsoDateSchema,
		/** A card payment: its brand and last four digits (never the number). */
		card: v.optional(CardSummarySchema),
		/** The payment provider's reference of the charge. */
		reference: v.optional(IdSchema)
	}),
	v.strictObject({
		...meta,
		type: v.literal('invoice.voided'),
		invoiceId: IdSchema,
		on: IsoDateSchema
	}),
	v.strictObject({
		...meta,
		type: v.literal('group.locked'),
		on: IsoDateSchema,
		invoiceIds: v.array(IdSchema)
	}),
	v.strictObject({ ...meta, type: v.literal('group.unlocked'), on: IsoDateSchema }),
	v.strictObject({
		...meta,
		type: v.literal('subscription.renewed'),
		from: IsoDateSchema,
		to: IsoDateSchema,
		seats: Counts,
		packs: Counts,
		support: v.nullable(IdSchema),
		total: MinorSchema,
		invoiceId: IdSchema
	}),
	v.strictObject({ ...meta, type: v.literal('subscription.expired'), on: IsoDateSchema }),
	v.strictObject({
		...meta,
		type: v.literal('seats.reduced'),
		product: IdSchema,
		from: CountSchema,
		to: CountSchema,
		on: IsoDateSchema
	}),
	v.strictObject({
		...meta,
		type: v.literal('consumption.billed'),
		periodStart: IsoDateSchema,
		periodEnd: IsoDateSchema,
		users: Counts,
		total: MinorSchema,
		invoiceId: IdSchema
	})
]);

/** A ledger event payload. */
export type LedgerPayload = v.InferOutput<typeof LedgerPayloadSchema>;

/** The payload of one type. */
export type LedgerPayloadOf<T extends LedgerPayload['type']> = Extract<LedgerPayload, { type: T }>;

/** The list of ledger payload types, e.g. for the server's storage and the UI's labels. */
export const ledgerEventTypes = LedgerPayloadSchema.options.map(
	(option) => option.entries.type.literal
);
