import type { HistoryEntry, HistoryKind, LedgerPayload } from '$lib/domain/index.ts';

/**
 * The pure half of the history screen: which family each kind belongs to, and which signed
 * ledger event a history line stands for (H1: billing lines are only as trustworthy as the
 * ledger event behind them).
 */

/** The families the history can be filtered by. */
export const kindGroups = [
	'members',
	'admins',
	'licenses',
	'devices',
	'billing',
	'subscription'
] as const;

/** A family of history kinds. */
export type KindGroup = (typeof kindGroups)[number];

/** Every kind in exactly one family; a new kind does not compile until it has one. */
export const groupOfKind = {
	'member.added': 'members',
	'member.invited': 'members',
	'member.linked': 'members',
	'registration.completed': 'members',
	'profile.updated': 'members',
	'rights-group.changed': 'members',
	'module-access.changed': 'members',
	'group.created': 'admins',
	'roles.changed': 'admins',
	'billable-admin.changed': 'admins',
	'license.assigned': 'licenses',
	'license.recalled': 'licenses',
	'pool.split-changed': 'licenses',
	'seats.ordered': 'licenses',
	'seats.reduction-scheduled': 'licenses',
	'seats.reduced': 'licenses',
	'pack.added': 'licenses',
	'license-key.issued': 'licenses',
	'device.activated': 'devices',
	'device.license-released': 'devices',
	'device.license-moved': 'devices',
	'invoice.issued': 'billing',
	'invoice.past-due': 'billing',
	'invoice.voided': 'billing',
	'payment.recorded': 'billing',
	'payment.in-progress-reported': 'billing',
	'consumption.billed': 'billing',
	'group.locked': 'billing',
	'group.unlocked': 'billing',
	'subscription.started': 'subscription',
	'subscription.renewed': 'subscription',
	'subscription.expired': 'subscription',
	'auto-renew.changed': 'subscription',
	'support.change-scheduled': 'subscription',
	'support.changed': 'subscription',
	'cla.signed': 'subscription',
	'expiry.set': 'subscription'
} as const satisfies Record<HistoryKind, KindGroup>;

/**
 * History kinds that move money or lock the group: the authority also signs a ledger event for
 * each, of this type. Their history line is only as trustworthy as that event.
 */
const ledgerTypeOf: Partial<Record<HistoryKind, LedgerPayload['type']>> = {
	'subscription.started': 'subscription.started',
	'seats.ordered': 'order.placed',
	'pack.added': 'order.placed',
	'license-key.issued': 'license-key.issued',
	'invoice.issued': 'invoice.issued',
	'invoice.past-due': 'invoice.past-due',
	'invoice.voided': 'invoice.voided',
	'payment.recorded': 'payment.recorded',
	'group.locked': 'group.locked',
	'group.unlocked': 'group.unlocked',
	'subscription.renewed': 'subscription.renewed',
	'subscription.expired': 'subscription.expired',
	'seats.reduced': 'seats.reduced',
	'consumption.billed': 'consumption.billed'
};

/** How a history line stands against the verified ledger. */
export type Verification = 'verified' | 'unverified' | 'unknown' | null;

/** One row of the history screen. */
export interface HistoryRow {
	index: number;
	entry: HistoryEntry;
	group: KindGroup;
	verification: Verification;
}

/** The identity of a ledger event: its type, instant and what it is about. */
function payloadKey(payload: unknown): string | undefined {
	if (typeof payload !== 'object' || payload === null) return undefined;
	const p = payload as Record<string, unknown>;
	const about =
		p.type === 'order.placed' ? p.ref : p.type === 'seats.reduced' ? p.product : p.invoiceId;
	const id = typeof p.keyId === 'string' ? p.keyId : about;
	return `${String(p.type)}|${String(p.at)}|${typeof id === 'string' ? id : ''}`;
}

/** The identity of the ledger event a history entry stands for, if it stands for one. */
export function entryKey(entry: HistoryEntry): string | undefined {
	const type = ledgerTypeOf[entry.kind];
	if (type === undefined) return undefined;
	const invoiceId = entry.params.invoiceId;
	const bySubject = ['order.placed', 'seats.reduced', 'license-key.issued', 'invoice.voided'];
	const id = bySubject.includes(type)
		? (entry.subject ?? '')
		: typeof invoiceId === 'string'
			? invoiceId
			: '';
	return `${type}|${String(entry.at)}|${id}`;
}

/** Local midnight of a `YYYY-MM-DD` day, or undefined when the field is empty or invalid. */
function dayStart(day: string, nextDay = false): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return undefined;
	const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
	return Number.isNaN(at.getTime()) ? undefined : at.getTime();
}

/** The instants `[from, to)` of a range of local days, the last day included. */
export function dayRange(from: string, to: string): { from?: number; to?: number } {
	return { from: dayStart(from), to: dayStart(to, true) };
}

/** The identities of the verified ledger events. */
export function verifiedKeys(events: readonly { payload: unknown }[]): ReadonlySet<string> {
	const keys = new Set<string>();
	for (const event of events) {
		const key = payloadKey(event.payload);
		if (key !== undefined) keys.add(key);
	}
	return keys;
}

/** The distinct authors of a history, in order of appearance. */
export function authorsOf(history: readonly HistoryEntry[]): string[] {
	return [...new Set(history.map((entry) => entry.author))];
}
