/**
 * E-mails the engine asks the server to send: a kind (translated into a template), a recipient
 * and parameters. I3: every purchase, renewal and invoice e-mail goes to the group's billable
 * administrator — resolved here, once, so no caller can pick someone else.
 */

import * as v from 'valibot';
import type { Params } from './common-schema.ts';
import { ParamsSchema } from './common-schema.ts';
import type { GroupState } from './state-schema.ts';

/** Every kind of e-mail; the UI/server template is `email.<kind>`. */
export const emailKinds = [
	'purchase.confirmation',
	'license-key.delivered',
	'invoice.issued',
	'invoice.reminder',
	'invoice.paid',
	'group.locked',
	'group.unlocked',
	'renewal.completed',
	'subscription.expired',
	'seats.reduced',
	'invitation.sent',
	'license.given',
	'payment-in-progress.reported',
	'training.scheduling-requested'
] as const;

/** A kind of e-mail. */
export type EmailKind = (typeof emailKinds)[number];

/** Who an e-mail is for. `vendor` is the vendor's support desk. */
export const recipientRoles = ['billable-admin', 'owner', 'member', 'vendor'] as const;

/** An e-mail to send. */
export const EmailNoticeSchema = v.strictObject({
	kind: v.picklist(emailKinds),
	to: v.strictObject({
		role: v.picklist(recipientRoles),
		memberId: v.nullable(v.string()),
		email: v.nullable(v.string())
	}),
	params: ParamsSchema
});

/** An e-mail to send. */
export type EmailNotice = v.InferOutput<typeof EmailNoticeSchema>;

/** The billable administrator (G2: exactly one per group), or `null` for a broken state. */
function billableAdmin(state: GroupState): { id: string; email: string } | null {
	for (const id in state.members) {
		const member = state.members[id];
		if (member?.roles.includes('billable') === true) return { id, email: member.email };
	}
	return null;
}

/** I3: a billing e-mail (purchase, renewal, invoice, reminder, lock) to the billable admin. */
export function billingEmail(state: GroupState, kind: EmailKind, params: Params): EmailNotice {
	const admin = billableAdmin(state);
	return {
		kind,
		to: { role: 'billable-admin', memberId: admin?.id ?? null, email: admin?.email ?? null },
		params
	};
}

/** An e-mail to one person (an invitation, a license given). */
export function memberEmail(
	memberId: string,
	email: string,
	kind: EmailKind,
	params: Params
): EmailNotice {
	return { kind, to: { role: 'member', memberId, email }, params };
}

/** An e-mail to the vendor's support desk (payment under way, training to schedule). */
export function vendorEmail(kind: EmailKind, params: Params): EmailNotice {
	return { kind, to: { role: 'vendor', memberId: null, email: null }, params };
}
