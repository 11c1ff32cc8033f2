/**
 * A license group's state, as the authority holds it and mirrors into the authority Yjs document.
 * Plain JSON only: records keyed by id (members, devices, invoices), arrays, strings, numbers,
 * booleans, null. Members live in one `Record<string, Member>` because a group may have 100,000.
 */

import * as v from 'valibot';
import {
	CountSchema,
	EmailSchema,
	IdSchema,
	InstantSchema,
	IsoDateSchema,
	MinorSchema,
	PaymentMethodSchema,
	PoolSchema,
	RoleSchema,
	TermSchema
} from './common-schema.ts';

/** A person known to the group: license holder, administrator, or both. */
export const MemberSchema = v.strictObject({
	id: IdSchema,
	email: EmailSchema,
	name: v.pipe(v.string(), v.maxLength(200)),
	/** U1: invited people show as awaiting registration until they register. */
	status: v.picklist(['active', 'awaiting-registration']),
	roles: v.array(RoleSchema),
	/** U1: the admin who gave the license (the giver becomes their license administrator). */
	licenseAdmin: v.nullable(IdSchema),
	/** Named licenses held, by product id (named model). */
	licenses: v.array(IdSchema),
	/** U3: the rights group (rights-group model); `null` elsewhere. */
	rightsGroup: v.nullable(IdSchema),
	/** P12: modules the person can access (module-access model). */
	modules: v.array(IdSchema),
	/** D3: enterprise permissions. */
	permissions: v.array(IdSchema),
	createdAt: InstantSchema
});

/** A member of the group. */
export type Member = v.InferOutput<typeof MemberSchema>;

/** Seats held for one product: purchased, the floating share (D2), a reduction waiting. */
export const HoldingSchema = v.strictObject({
	seats: CountSchema,
	/** D2: how many of `seats` form the floating pool; the rest are standard. */
	floating: CountSchema,
	/** A lower total that takes effect at the next renewal; `null` when none. */
	pendingSeats: v.nullable(CountSchema)
});

/** Seats held for one product. */
export type Holding = v.InferOutput<typeof HoldingSchema>;

/** A device (D1): identified by its code within the account; holds a license or not. */
export const DeviceSchema = v.strictObject({
	code: IdSchema,
	/** The installation that registered the code; another installation cannot reuse the code. */
	fingerprint: IdSchema,
	product: IdSchema,
	/** The last member who signed in on it. */
	memberId: IdSchema,
	/** The pool whose license it holds; `null` when it gave its license up. */
	pool: v.nullable(PoolSchema),
	firstSeenAt: InstantSchema,
	lastSeenAt: InstantSchema
});

/** A device. */
export type Device = v.InferOutput<typeof DeviceSchema>;

/** A priced line of an order, an invoice or a quote. */
export const LineSchema = v.strictObject({
	kind: v.picklist(['seats', 'pack', 'support', 'consumption']),
	/** Product, pack, support level or module id. */
	ref: IdSchema,
	quantity: CountSchema,
	unitPrice: MinorSchema,
	numerator: CountSchema,
	denominator: v.pipe(CountSchema, v.minValue(1)),
	/** For a percentage line: the rate and the base it applies to. */
	percentBasisPoints: v.nullable(CountSchema),
	base: v.nullable(MinorSchema),
	amount: MinorSchema
});

/** A priced line. */
export type Line = v.InferOutput<typeof LineSchema>;

/** An invoice (I1). */
export const InvoiceSchema = v.strictObject({
	id: IdSchema,
	reason: v.picklist(['order', 'renewal', 'consumption']),
	amount: MinorSchema,
	currency: v.string(),
	issuedOn: IsoDateSchema,
	dueOn: IsoDateSchema,
	status: v.picklist(['open', 'past-due', 'paid', 'void']),
	paidOn: v.nullable(IsoDateSchema),
	method: v.nullable(PaymentMethodSchema),
	/** I2: an admin told the vendor that payment is under way. */
	paymentInProgress: v.boolean(),
	lines: v.array(LineSchema)
});

/** An invoice. */
export type Invoice = v.InferOutput<typeof InvoiceSchema>;

/** A purchase, kept with its own prices forever (P4: never repriced). */
export const OrderSchema = v.strictObject({
	id: IdSchema,
	kind: v.picklist(['seats', 'pack']),
	ref: IdSchema,
	/** Seats or packs added by this purchase. */
	quantity: CountSchema,
	at: InstantSchema,
	author: IdSchema,
	term: TermSchema,
	/** The tier the purchase was priced at (P4); `null` for packs. */
	tierFrom: v.nullable(CountSchema),
	lines: v.array(LineSchema),
	total: MinorSchema,
	invoiceId: IdSchema
});

/** A purchase. */
export type Order = v.InferOutput<typeof OrderSchema>;

/** The subscription: term, single expiry (P7), auto-renewal (P10), support (P9), CLA (P6). */
export const SubscriptionSchema = v.strictObject({
	status: v.picklist(['none', 'active', 'expired']),
	term: v.nullable(TermSchema),
	startedOn: v.nullable(IsoDateSchema),
	/** The date the current term ends (00:00 UTC); every license of the group shares it. */
	expiry: v.nullable(IsoDateSchema),
	/** P7: an expiry the vendor operator set before the first purchase. */
	firstExpiry: v.nullable(IsoDateSchema),
	autoRenew: v.boolean(),
	support: v.nullable(IdSchema),
	/** P9: a support change that takes effect at the next renewal. */
	pendingSupport: v.nullable(v.strictObject({ level: v.nullable(IdSchema) })),
	claSignedOn: v.nullable(IsoDateSchema)
});

/** The subscription. */
export type Subscription = v.InferOutput<typeof SubscriptionSchema>;

/** A license group's whole state. */
export const GroupStateSchema = v.strictObject({
	schemaVersion: v.literal(1),
	groupId: IdSchema,
	policyId: IdSchema,
	createdAt: InstantSchema,
	members: v.record(IdSchema, MemberSchema),
	holdings: v.record(IdSchema, HoldingSchema),
	packs: v.record(IdSchema, CountSchema),
	devices: v.record(IdSchema, DeviceSchema),
	subscription: SubscriptionSchema,
	invoices: v.record(IdSchema, InvoiceSchema),
	orders: v.array(OrderSchema),
	/** I2: set while the group is locked out, with the invoices that caused it. */
	lock: v.nullable(v.strictObject({ since: IsoDateSchema, invoiceIds: v.array(IdSchema) })),
	/** P12: the current consumption period and its peak of uncovered users per module. */
	consumption: v.strictObject({
		periodStart: v.nullable(IsoDateSchema),
		peak: v.record(IdSchema, CountSchema)
	}),
	counters: v.strictObject({ order: CountSchema, invoice: CountSchema, licenseKey: CountSchema })
});

/** A license group's state. */
export type GroupState = v.InferOutput<typeof GroupStateSchema>;
