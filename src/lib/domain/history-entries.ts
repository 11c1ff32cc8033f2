/**
 * H1: every action on the group and its subscription is listed with its date and author, in
 * order. Engine functions return the entries an action produces; the caller appends them to the
 * group's history (the authority document). Rejected intents produce none: nothing happened.
 */

import * as v from 'valibot';
import type { Params } from './common-schema.ts';
import { IdSchema, InstantSchema, ParamsSchema } from './common-schema.ts';

/** Every kind of history entry; the UI translates `history.<kind>`. */
export const historyKinds = [
	'group.created',
	'member.added',
	'member.invited',
	'member.linked',
	'registration.completed',
	'profile.updated',
	'roles.changed',
	'billable-admin.changed',
	'license.assigned',
	'license.recalled',
	'rights-group.changed',
	'module-access.changed',
	'device.activated',
	'device.license-released',
	'device.license-moved',
	'pool.split-changed',
	'subscription.started',
	'seats.ordered',
	'seats.reduction-scheduled',
	'seats.reduced',
	'pack.added',
	'license-key.issued',
	'invoice.issued',
	'invoice.past-due',
	'invoice.voided',
	'payment.recorded',
	'payment.in-progress-reported',
	'group.locked',
	'group.unlocked',
	'auto-renew.changed',
	'support.change-scheduled',
	'support.changed',
	'subscription.renewed',
	'subscription.expired',
	'consumption.billed',
	'cla.signed',
	'expiry.set'
] as const;

/** A kind of history entry. */
export type HistoryKind = (typeof historyKinds)[number];

/** The author of what the scheduler does by itself (due dates, renewals, lock-out). */
export const systemAuthor = 'system';

/** One line of the group's history. */
export const HistoryEntrySchema = v.strictObject({
	at: InstantSchema,
	author: IdSchema,
	kind: v.picklist(historyKinds),
	/** What the action was about (a member, device, invoice, product id), if anything. */
	subject: v.nullable(v.string()),
	params: ParamsSchema
});

/** One line of the group's history. */
export type HistoryEntry = v.InferOutput<typeof HistoryEntrySchema>;

/** Builds a history entry. */
export function historyEntry(
	at: number,
	author: string,
	kind: HistoryKind,
	subject: string | null,
	params: Params = {}
): HistoryEntry {
	return { at, author, kind, subject, params };
}
