/**
 * Schema building blocks shared by policies, state, intents and ledger events. Messages that are
 * error codes (`'date.out-of-range'`) are lifted into the error's `code` by the parsers, so a bad
 * date inside an intent is reported as `date.out-of-range`, not as a generic `intent.invalid`.
 */

import * as v from 'valibot';
import { isInstant, isIsoDate } from './calendar-dates.ts';

/** An identifier: a non-empty string of at most 200 characters. */
export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** A calendar date `'YYYY-MM-DD'`, UTC, 1970-01-01 … 9999-12-31. */
export const IsoDateSchema = v.pipe(v.string(), v.check(isIsoDate, 'date.out-of-range'));

/** An instant: integer epoch milliseconds, 1970 … end of 9999. */
export const InstantSchema = v.pipe(v.number(), v.check(isInstant, 'date.out-of-range'));

/** A count of things (seats, users, days): a whole number ≥ 0. */
export const CountSchema = v.pipe(
	v.number(),
	v.integer('quantity.not-a-whole-number'),
	v.minValue(0, 'quantity.out-of-range'),
	v.maxValue(1_000_000_000, 'quantity.out-of-range')
);

/** A quantity someone asks for: a whole number between 0 and one million. */
export const QuantitySchema = v.pipe(
	v.number(),
	v.integer('quantity.not-a-whole-number'),
	v.minValue(0, 'quantity.out-of-range'),
	v.maxValue(1_000_000, 'quantity.out-of-range')
);

/** An amount of money in minor units (cents): a safe integer ≥ 0. */
export const MinorSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** An e-mail address (valibot's pragmatic check; the server confirms by sending mail). */
export const EmailSchema = v.pipe(v.string(), v.maxLength(254), v.email('email.invalid'));

/** The roles of G2. A person can hold several. */
export const roles = ['owner', 'admin', 'billable', 'viewer'] as const;

/** One role of G2. */
export const RoleSchema = v.picklist(roles);

/** A role of G2. */
export type Role = v.InferOutput<typeof RoleSchema>;

/** Billing terms (P6). */
export const TermSchema = v.picklist(['annual', 'monthly']);

/** A billing term (P6). */
export type Term = v.InferOutput<typeof TermSchema>;

/** Ways to pay an invoice (P5). */
export const PaymentMethodSchema = v.picklist(['card', 'check', 'wire', 'direct-debit']);

/** A way to pay an invoice (P5). */
export type PaymentMethod = v.InferOutput<typeof PaymentMethodSchema>;

/** Pools of licenses (D2): named and device licenses live in `standard`; `floating` moves itself. */
export const PoolSchema = v.picklist(['standard', 'floating']);

/** A pool kind (D2). */
export type Pool = v.InferOutput<typeof PoolSchema>;

/** Kinds of add-on packs (P11). */
export const packKinds = [
	'extra-users',
	'email-volume',
	'affiliated-companies',
	'assistance',
	'training'
] as const;

/** A pack kind (P11). */
export const PackKindSchema = v.picklist(packKinds);

/** A pack kind (P11). */
export type PackKind = v.InferOutput<typeof PackKindSchema>;

/** Parameters of a translated message: plain scalars only, so they survive JSON and Yjs. */
export const ParamsSchema = v.record(
	v.string(),
	v.union([v.string(), v.number(), v.boolean(), v.null()])
);

/** Parameters of a translated message. */
export type Params = v.InferOutput<typeof ParamsSchema>;

/**
 * Who acts, for the money-moving functions (G2). The server fills `passwordConfirmed` only after
 * checking the owner's password (P3), and `operator` only for the vendor's support desk.
 */
export const ActorSchema = v.strictObject({
	userId: IdSchema,
	roles: v.array(RoleSchema),
	passwordConfirmed: v.optional(v.boolean(), false),
	operator: v.optional(v.boolean(), false)
});

/** An actor as callers pass it. */
export type ActorInput = v.InferInput<typeof ActorSchema>;

/** A parsed actor. */
export type Actor = v.InferOutput<typeof ActorSchema>;
