/**
 * The policy: everything that differs between vendors, as data. Five vendors, one engine — a rule
 * that varies is a field here, never an `if (vendor === …)` in the engine. Cross-field rules (tiers
 * rise, every tier prices every offered term, references resolve) live in `policy-parse.ts`.
 */

import * as v from 'valibot';
import {
	CountSchema,
	IdSchema,
	MinorSchema,
	PackKindSchema,
	PaymentMethodSchema,
	PoolSchema,
	TermSchema
} from './common-schema.ts';

/** A price per term: per seat per year (`annual`) and/or per seat per month (`monthly`). */
export const TermPricesSchema = v.strictObject({
	annual: v.optional(MinorSchema),
	monthly: v.optional(MinorSchema)
});

/** A volume tier (P4): from this collective volume on, a seat costs `unitPrice`. */
export const TierSchema = v.strictObject({
	from: v.pipe(CountSchema, v.minValue(1)),
	unitPrice: TermPricesSchema
});

/** A product: a licensed application (`seat`) or a module of a subscription (`module`, P11/P12). */
export const ProductSchema = v.strictObject({
	id: IdSchema,
	name: v.string(),
	kind: v.picklist(['seat', 'module']),
	/** Volume tiers, rising; the first starts at 1 and gives the list unit price. */
	tiers: v.pipe(v.array(TierSchema), v.minLength(1)),
	/** Most units one group may hold (a module is subscribed once); `null` for no limit. */
	maxQuantity: v.nullable(v.pipe(CountSchema, v.minValue(1))),
	/** Users included with the module (P12: the administrator). */
	includedUsers: CountSchema,
	/** Price per uncovered extra user per consumption period (P12); `null` when not billed so. */
	consumptionPrice: v.nullable(MinorSchema),
	/** A pack kind the module needs before it is usable (the e-mailing engine needs e-mails). */
	requiresPack: v.nullable(PackKindSchema)
});

/** An add-on pack (P11). `module` names the module an extra-users pack belongs to. */
export const PackSchema = v.strictObject({
	id: IdSchema,
	name: v.string(),
	kind: PackKindSchema,
	module: v.nullable(IdSchema),
	/** What one pack gives: users, e-mails, companies, tickets or sessions. */
	units: v.pipe(CountSchema, v.minValue(1)),
	price: TermPricesSchema,
	/** `recurring` packs renew with the subscription and are prorated; `one-off` are not. */
	billing: v.picklist(['recurring', 'one-off'])
});

/** A support level priced as a percentage of the licence fee (P9). */
export const SupportLevelSchema = v.strictObject({
	id: IdSchema,
	name: v.string(),
	/** Percentage in basis points: 2,000 is 20 %. */
	percentBasisPoints: v.pipe(CountSchema, v.maxValue(10_000))
});

/** Support as a percentage of the licence fee, changeable only at renewal (P9). */
export const SupportSchema = v.strictObject({
	levels: v.pipe(v.array(SupportLevelSchema), v.minLength(1)),
	/** How many days before the expiry a change for the next term may be requested. */
	renewalWindowDays: CountSchema
});

/** A rights group of a named-license product (U3). */
export const RightsGroupSchema = v.strictObject({ id: IdSchema, consumesSeat: v.boolean() });

/** How licenses are held: named, by rights group (U3), by device (D1/D2), or by module access. */
export const LicenseModelSchema = v.variant('kind', [
	v.strictObject({
		kind: v.literal('named'),
		/** U4: everyone in the group needs a licence, visible application or not. */
		everyoneNeedsSeat: v.boolean()
	}),
	v.strictObject({
		kind: v.literal('rights-group'),
		product: IdSchema,
		groups: v.pipe(v.array(RightsGroupSchema), v.minLength(1)),
		defaultGroup: IdSchema
	}),
	v.strictObject({
		kind: v.literal('device'),
		pools: v.pipe(v.array(PoolSchema), v.minLength(1)),
		floatingRule: v.literal('least-recently-used'),
		/** Permissions an admin may give enterprise users (D3). */
		permissions: v.array(IdSchema)
	}),
	v.strictObject({ kind: v.literal('module-access') })
]);

/** Which payment methods an invoice amount allows (P5). */
export const PaymentRuleSchema = v.strictObject({
	/** `null`: no threshold, `below` always applies. */
	threshold: v.nullable(MinorSchema),
	below: v.pipe(v.array(PaymentMethodSchema), v.minLength(1)),
	atOrAbove: v.array(PaymentMethodSchema)
});

/** A vendor's policy. */
export const PolicySchema = v.strictObject({
	id: IdSchema,
	name: v.string(),
	/** The seed page the policy comes from, `'000'` … `'004'`. */
	seed: v.pipe(v.string(), v.regex(/^\d{3}$/)),
	currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
	/** Digits of the minor unit (2 for cents), for display only: the engine counts minor units. */
	minorDigits: v.pipe(CountSchema, v.maxValue(3)),
	products: v.pipe(v.array(ProductSchema), v.minLength(1)),
	terms: v.pipe(v.array(TermSchema), v.minLength(1)),
	proration: v.picklist(['month', 'day']),
	/** P1: the smallest total a product's subscription may have; 0 for none. */
	minimumOrder: CountSchema,
	payment: PaymentRuleSchema,
	invoiceDueDays: CountSchema,
	/** I2: days past the due date after which the group is locked out. */
	graceDays: CountSchema,
	licenseModel: LicenseModelSchema,
	packs: v.array(PackSchema),
	/** Pack units included without buying (e.g. one affiliated company). */
	includedUnits: v.record(PackKindSchema, CountSchema),
	support: v.nullable(SupportSchema),
	/** P6: terms that need the signed licence agreement. */
	claRequiredFor: v.array(TermSchema),
	/** P10: auto-renewal at the first purchase. */
	autoRenewDefault: v.boolean(),
	/** Whether a lower seat total waits for the renewal or applies at once (never refunded). */
	seatReductions: v.picklist(['at-renewal', 'immediate']),
	/** P3: the owner confirms a purchase with their password. */
	ownerConfirmsWithPassword: v.boolean(),
	/** P7: the vendor operator may set the first expiry date. */
	operatorMaySetFirstExpiry: v.boolean(),
	/** P8: business days within which a purchase's licence key is delivered; `null`: at once. */
	licenseKeyWithinBusinessDays: v.nullable(CountSchema),
	/** P12: uncovered extra users are billed per module and per period. */
	consumption: v.nullable(v.strictObject({ period: v.literal('month') })),
	/** G3: the group's admin account should use a role-based address. */
	roleBasedAdminAddress: v.boolean(),
	/** G4: warn users who sign up with a free-mail address. */
	warnFreeMail: v.boolean()
});

/** A policy as written in a preset or a JSON file, before parsing. */
export type PolicyInput = v.InferInput<typeof PolicySchema>;

/** A parsed, validated policy. */
export type Policy = v.InferOutput<typeof PolicySchema>;

/** A product of a policy. */
export type Product = v.InferOutput<typeof ProductSchema>;

/** A pack of a policy. */
export type Pack = v.InferOutput<typeof PackSchema>;

/** A volume tier. */
export type Tier = v.InferOutput<typeof TierSchema>;

/** A license model. */
export type LicenseModel = v.InferOutput<typeof LicenseModelSchema>;
