import type { HistoryEntry, HistoryKind } from '$lib/domain/index.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';
import {
	formatInstant,
	formatList,
	formatParams,
	packName,
	productName,
	roleList,
	supportName,
	type ValueContext
} from './domain-values.ts';

/**
 * H1: one history entry as a sentence, `history.kinds.<kind>` filled with its params in the
 * reader's language. The entry's `subject` (a member, device, product, invoice or key id) is
 * passed under a name the sentence can use.
 */

type Values = Record<string, string | number>;

/** What the subject of each kind is, and the placeholder that names it. */
const subjects: Partial<Record<HistoryKind, 'member' | 'device' | 'product' | 'invoice' | 'key'>> =
	{
		'member.added': 'member',
		'member.invited': 'member',
		'member.linked': 'member',
		'registration.completed': 'member',
		'profile.updated': 'member',
		'roles.changed': 'member',
		'license.assigned': 'member',
		'license.recalled': 'member',
		'rights-group.changed': 'member',
		'module-access.changed': 'member',
		'device.activated': 'device',
		'device.license-released': 'device',
		'device.license-moved': 'product',
		'seats.ordered': 'product',
		'seats.reduced': 'product',
		'seats.reduction-scheduled': 'product',
		'invoice.voided': 'invoice',
		'license-key.issued': 'key'
	};

/** Params whose meaning depends on the kind (a member id, a rights group, a support level …). */
function specialValues(entry: HistoryEntry, ctx: ValueContext, values: Values): void {
	const p = entry.params;
	const name = (id: unknown) => (typeof id === 'string' ? ctx.memberName(id) : '');
	switch (entry.kind) {
		case 'group.created':
			values.owner = name(p.owner);
			break;
		case 'roles.changed':
			values.roles = roleList(
				ctx,
				String(p.roles ?? '')
					.split(',')
					.filter(Boolean)
			);
			break;
		case 'billable-admin.changed':
			values.to = name(p.to);
			values.from = p.from === null ? t('history.values.nobody') : name(p.from);
			break;
		case 'profile.updated':
			values.from = String(p.from ?? '');
			values.to = String(p.to ?? '');
			break;
		case 'rights-group.changed':
			for (const key of ['from', 'to'] as const) {
				const id = p[key];
				values[key] =
					typeof id === 'string'
						? t(`groups.rightsGroups.${id}`, { defaultValue: id })
						: t('history.values.none');
			}
			break;
		case 'device.activated':
			values.memberId = name(p.memberId);
			break;
		case 'device.license-released':
			values.lastSeenAt = formatInstant(ctx, p.lastSeenAt ?? null);
			break;
		case 'device.license-moved':
			values.from = String(p.from ?? '');
			values.to = String(p.to ?? '');
			break;
		case 'support.change-scheduled':
			values.from = supportName(ctx, p.from ?? null);
			values.to = supportName(ctx, p.to ?? null);
			break;
		case 'support.changed':
			values.level = supportName(ctx, p.level ?? null);
			break;
		case 'pack.added':
			values.pack = packName(ctx, entry.subject ?? '');
			break;
		case 'group.locked':
			values.invoiceIds = formatList(String(p.invoiceIds ?? '').split(','), ctx.language);
			break;
		default:
			break;
	}
	if (typeof p.term === 'string') values.term = t(`history.values.terms.${p.term}`);
	if (typeof p.method === 'string') values.method = t(`history.values.methods.${p.method}`);
}

/** The i18next context that picks the right sentence for a boolean or a variant. */
function contextOf(entry: HistoryEntry): string | undefined {
	const p = entry.params;
	switch (entry.kind) {
		case 'auto-renew.changed':
			return p.on === true ? 'on' : 'off';
		case 'module-access.changed':
			return p.access === true ? 'granted' : 'removed';
		case 'device.activated':
			return typeof p.pool === 'string' ? p.pool : undefined;
		case 'device.license-released':
			return p.by === 'admin' ? 'admin' : typeof p.to === 'string' ? 'evicted' : undefined;
		case 'billable-admin.changed':
			return p.from === null ? 'first' : undefined;
		default:
			return undefined;
	}
}

/** The count that picks a plural form, where the sentence has one. */
function countOf(entry: HistoryEntry): number | undefined {
	const p = entry.params;
	if (entry.kind === 'seats.ordered' || entry.kind === 'pack.added')
		return typeof p.quantity === 'number' ? p.quantity : undefined;
	if (entry.kind === 'group.locked')
		return typeof p.graceDays === 'number' ? p.graceDays : undefined;
	return undefined;
}

/** The sentence for one history entry, in the current language. */
export function historyLine(entry: HistoryEntry, ctx: ValueContext): string {
	const values: Values = formatParams(ctx, entry.params);
	const subject = subjects[entry.kind];
	if (subject !== undefined && entry.subject !== null) {
		values[subject] =
			subject === 'member'
				? ctx.memberName(entry.subject)
				: subject === 'product'
					? productName(ctx, entry.subject)
					: entry.subject;
	}
	specialValues(entry, ctx, values);
	const context = contextOf(entry);
	const count = countOf(entry);
	return t(`history.kinds.${entry.kind}`, {
		...values,
		...(context === undefined ? {} : { context }),
		...(count === undefined ? {} : { count })
	});
}
