/**
 * Intents: what an admin (or a user, or a device) proposes. They are written offline into the
 * workspace Yjs document and decided later by the authority, in arrival order, with
 * `decideIntent`. Every intent has an `id`, a `kind`, an `author` (user id) and `createdAt`.
 * Workspace content is untrusted: `decideIntent` parses every intent with this schema first.
 */

import * as v from 'valibot';
import {
	EmailSchema,
	IdSchema,
	InstantSchema,
	QuantitySchema,
	TermSchema
} from './common-schema.ts';

const base = { id: IdSchema, author: IdSchema, createdAt: InstantSchema };

/** Who receives a license: an existing member, or an e-mail address (U1: link or invite). */
export const TargetSchema = v.variant('by', [
	v.strictObject({ by: v.literal('member'), memberId: IdSchema }),
	v.strictObject({
		by: v.literal('email'),
		email: EmailSchema,
		name: v.pipe(v.string(), v.maxLength(200))
	})
]);

/** U1/U2: give a named license to a member or an e-mail address. */
const AssignLicense = v.strictObject({
	...base,
	kind: v.literal('assign-license'),
	product: IdSchema,
	target: TargetSchema
});

/** Add a person without a named license (a guest, a module user, an enterprise user: D3). */
const AddMember = v.strictObject({
	...base,
	kind: v.literal('add-member'),
	email: EmailSchema,
	name: v.pipe(v.string(), v.maxLength(200)),
	rightsGroup: v.nullable(IdSchema),
	permissions: v.array(IdSchema)
});

const RecallLicense = v.strictObject({
	...base,
	kind: v.literal('recall-license'),
	memberId: IdSchema,
	product: IdSchema
});

const ChangeRightsGroup = v.strictObject({
	...base,
	kind: v.literal('change-rights-group'),
	memberId: IdSchema,
	rightsGroup: IdSchema
});

const SetModuleAccess = v.strictObject({
	...base,
	kind: v.literal('set-module-access'),
	memberId: IdSchema,
	module: IdSchema,
	access: v.boolean()
});

const ActivateDevice = v.strictObject({
	...base,
	kind: v.literal('activate-device'),
	memberId: IdSchema,
	product: IdSchema,
	deviceCode: IdSchema,
	fingerprint: IdSchema
});

const MoveDeviceLicense = v.strictObject({
	...base,
	kind: v.literal('move-device-license'),
	fromDevice: IdSchema,
	toDevice: IdSchema
});

/** D2: an admin takes a standard license off a device (it stays registered), e.g. to move it. */
const ReleaseDeviceLicense = v.strictObject({
	...base,
	kind: v.literal('release-device-license'),
	deviceCode: IdSchema
});

const SetPoolSplit = v.strictObject({
	...base,
	kind: v.literal('set-pool-split'),
	product: IdSchema,
	floating: QuantitySchema
});

/**
 * G2/P3: the owner picks a new total. `passwordConfirmed` is set by the server after it checked
 * the owner's password; a workspace intent can claim it but the server must not trust the claim.
 */
const ChangeSeats = v.strictObject({
	...base,
	kind: v.literal('change-seats'),
	product: IdSchema,
	newTotal: QuantitySchema,
	term: v.nullable(TermSchema),
	support: v.nullable(IdSchema),
	passwordConfirmed: v.boolean()
});

const AddPack = v.strictObject({
	...base,
	kind: v.literal('add-pack'),
	pack: IdSchema,
	count: QuantitySchema,
	passwordConfirmed: v.boolean()
});

const SetAutoRenew = v.strictObject({
	...base,
	kind: v.literal('set-auto-renew'),
	on: v.boolean()
});
const ChangeSupport = v.strictObject({
	...base,
	kind: v.literal('change-support'),
	level: v.nullable(IdSchema)
});
const SetRoles = v.strictObject({
	...base,
	kind: v.literal('set-roles'),
	memberId: IdSchema,
	roles: v.array(v.picklist(['owner', 'admin', 'viewer']))
});
const SetBillableAdmin = v.strictObject({
	...base,
	kind: v.literal('set-billable-admin'),
	memberId: IdSchema
});
const ReportPayment = v.strictObject({
	...base,
	kind: v.literal('report-payment-in-progress'),
	invoiceId: IdSchema
});
const UpdateProfile = v.strictObject({
	...base,
	kind: v.literal('update-profile'),
	memberId: IdSchema,
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200))
});
const CompleteRegistration = v.strictObject({
	...base,
	kind: v.literal('complete-registration'),
	memberId: IdSchema
});

/** Every intent kind. */
export const IntentSchema = v.variant('kind', [
	AssignLicense,
	AddMember,
	RecallLicense,
	ChangeRightsGroup,
	SetModuleAccess,
	ActivateDevice,
	MoveDeviceLicense,
	ReleaseDeviceLicense,
	SetPoolSplit,
	ChangeSeats,
	AddPack,
	SetAutoRenew,
	ChangeSupport,
	SetRoles,
	SetBillableAdmin,
	ReportPayment,
	UpdateProfile,
	CompleteRegistration
]);

/** An intent. */
export type Intent = v.InferOutput<typeof IntentSchema>;

/** The kind of an intent. */
export type IntentKind = Intent['kind'];

/** The intent of one kind. */
export type IntentOf<K extends IntentKind> = Extract<Intent, { kind: K }>;
