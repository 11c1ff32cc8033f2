/**
 * Decisions on intents, and the fixes a rejection suggests. A fix is data the UI turns into a
 * one-click action ("buy 1 seat", "recall one"), so the loser of a race for the last seat sees why
 * and what to do.
 */

import * as v from 'valibot';
import { IdSchema, IsoDateSchema, ParamsSchema, CountSchema } from './common-schema.ts';
import { errorCodes, warningCodes } from './error-codes.ts';

/** A suggested fix for a rejection. */
export const FixSchema = v.variant('kind', [
	v.strictObject({ kind: v.literal('buy-seats'), product: IdSchema, count: CountSchema }),
	v.strictObject({ kind: v.literal('recall-one'), product: IdSchema }),
	v.strictObject({ kind: v.literal('set-total'), product: IdSchema, total: CountSchema }),
	v.strictObject({ kind: v.literal('add-pack'), pack: IdSchema, count: CountSchema }),
	v.strictObject({ kind: v.literal('move-device-license'), product: IdSchema }),
	v.strictObject({ kind: v.literal('pay-invoice'), invoiceId: IdSchema }),
	v.strictObject({ kind: v.literal('sign-cla') }),
	v.strictObject({ kind: v.literal('wait-until'), date: IsoDateSchema }),
	v.strictObject({ kind: v.literal('assign-license'), memberId: IdSchema }),
	v.strictObject({ kind: v.literal('renew') }),
	v.strictObject({ kind: v.literal('ask-owner') })
]);

/** A suggested fix for a rejection. */
export type Fix = v.InferOutput<typeof FixSchema>;

/** A warning attached to an accepted action (G3, G4, P12). */
export const WarningSchema = v.strictObject({
	code: v.picklist(warningCodes),
	params: ParamsSchema
});

/** A warning attached to an accepted action. */
export type Warning = v.InferOutput<typeof WarningSchema>;

/** The verdict on one intent. */
export const DecisionSchema = v.variant('outcome', [
	v.strictObject({
		intentId: v.string(),
		outcome: v.literal('accepted'),
		warnings: v.array(WarningSchema)
	}),
	v.strictObject({
		intentId: v.string(),
		outcome: v.literal('rejected'),
		code: v.picklist(errorCodes),
		params: ParamsSchema,
		path: v.optional(v.string()),
		fix: v.optional(FixSchema),
		alternatives: v.optional(v.array(FixSchema))
	})
]);

/** The verdict on one intent: accepted (maybe with warnings) or rejected with a code and a fix. */
export type Decision = v.InferOutput<typeof DecisionSchema>;
