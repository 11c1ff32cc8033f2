/**
 * The domain engine's public API: pure functions of (state, input, policy, now), imported by the
 * browser (preview) and by the Node server (verdict) alike. No DOM, no Yjs, no I/O, no clock.
 */

export type {
	Actor,
	ActorInput,
	PackKind,
	Params,
	PaymentMethod,
	Pool,
	Role,
	Term
} from './common-schema.ts';
export { ActorSchema, packKinds, roles } from './common-schema.ts';
export type { DomainError, Result } from './domain-result.ts';
export { errorCodes, warningCodes } from './error-codes.ts';
export type { ErrorCode, WarningCode } from './error-codes.ts';
export { historyKinds, HistoryEntrySchema, systemAuthor } from './history-entries.ts';
export type { HistoryEntry, HistoryKind } from './history-entries.ts';
export { emailKinds, EmailNoticeSchema, recipientRoles } from './email-notices.ts';
export type { EmailKind, EmailNotice } from './email-notices.ts';

// Schemas and the types inferred from them.
export { PolicySchema } from './policy-schema.ts';
export type { LicenseModel, Pack, Policy, PolicyInput, Product, Tier } from './policy-schema.ts';
export {
	GroupStateSchema,
	MemberSchema,
	DeviceSchema,
	InvoiceSchema,
	OrderSchema
} from './state-schema.ts';
export type {
	Device,
	GroupState,
	Holding,
	Invoice,
	Line,
	Member,
	Order,
	Subscription
} from './state-schema.ts';
export { IntentSchema } from './intent-schema.ts';
export type { Intent, IntentKind, IntentOf } from './intent-schema.ts';
export { DecisionSchema, FixSchema, WarningSchema } from './decision-schema.ts';
export type { Decision, Fix, Warning } from './decision-schema.ts';
export { LedgerPayloadSchema, ledgerEventTypes } from './ledger-schema.ts';
export type { LedgerPayload, LedgerPayloadOf } from './ledger-schema.ts';
export { QuoteRequestSchema } from './pricing-types.ts';
export type { Quote, QuoteRequest, QuoteRequestInput } from './pricing-types.ts';

// Parsing at the door.
export { parsePolicy } from './policy-parse.ts';
export { parseGroupState } from './state-parse.ts';
export { parseIntent, decideIntent, decideIntents } from './intent-decide.ts';
export type { BatchOutcome, DecideOutcome } from './intent-decide.ts';
export type { DecideOptions } from './intent-context.ts';

// Policies.
export { presets, presetInputs, presetResults } from './policy-presets.ts';

// Money, time, pricing.
export { roundingRule, basisPointsPerWhole } from './money-math.ts';
export type { RoundingRule, Ratio } from './money-math.ts';
export {
	isIsoDate,
	isInstant,
	dateOfInstant,
	instantOfDate,
	addDays,
	addMonths,
	daysBetween,
	msPerDay
} from './calendar-dates.ts';
export { quote } from './pricing-quote.ts';
export type { Proration } from './pricing-proration.ts';
export type { NextTier, TierChoice } from './pricing-tiers.ts';
export { allowedPaymentMethods } from './payment-methods.ts';
export {
	cardBrands,
	cardFieldCodes,
	CardSummarySchema,
	cardSummary,
	checkCard
} from './payment-card.ts';
export type {
	CardBrand,
	CardCheck,
	CardField,
	CardFieldCode,
	CardFields,
	CardSummary,
	CheckedCard
} from './payment-card.ts';

// Groups, orders, payments, the clock.
export { createGroup, NewGroupSchema } from './group-create.ts';
export type { NewGroupInput } from './group-create.ts';
export { placeOrder } from './order-place.ts';
export type { OrderOutcome } from './order-place.ts';
export { recordPayment, voidInvoice, PaymentSchema } from './payment-record.ts';
export type { PaymentInput } from './payment-record.ts';
export { advanceClock } from './clock-advance.ts';
export { setFirstExpiry, recordClaSigned } from './operator-actions.ts';
export type { Effects, Outcome } from './engine-outcome.ts';

// Ledger and view.
export { replayLedger, summarizeState } from './ledger-replay.ts';
export type { LedgerSummary } from './ledger-replay.ts';
export { groupView } from './group-view.ts';
export type { GroupView, PoolView, ProductView } from './group-view.ts';
export type { LedgerView, LockView, NextInvoiceView } from './group-view-billing.ts';
export type { AdminEntry } from './group-view-scan.ts';

// G3 / G4.
export {
	isRoleBasedAddress,
	isFreeMailAddress,
	adminAddressWarnings,
	userAddressWarnings
} from './address-warnings.ts';
