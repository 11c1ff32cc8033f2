import type { Policy } from '$lib/domain/index.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '$lib/i18n/format.ts';
import { t } from '$lib/i18n/i18n.svelte.ts';
import type { GroupWorkspace } from '$lib/state/group-workspace.svelte.ts';

/**
 * The domain's params are data (ids, minor units, ISO dates, epoch ms); a sentence needs names,
 * money and dates in the reader's language. These helpers turn one into the other, always
 * through `Intl`, so the locale files only ever see finished words.
 */

/** What a sentence needs to name things and format amounts. */
export interface ValueContext {
	language: string;
	/** The group's currency, for amounts that do not carry their own. */
	currency: string;
	memberName: (id: string) => string;
	policy: Policy | undefined;
}

type Scalar = string | number | boolean | null;

const moneyKeys = new Set(['amount', 'total', 'price', 'expected', 'received', 'threshold']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const lists = new Map<string, Intl.ListFormat>();

/** "a, b and c" in the reader's language. */
export function formatList(items: readonly string[], language: string): string {
	let format = lists.get(language);
	if (!format) {
		format = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
		lists.set(language, format);
	}
	return format.format(items);
}

/** A product's or module's name from the policy, else its id. */
export function productName(ctx: ValueContext, id: string): string {
	return ctx.policy?.products.find((product) => product.id === id)?.name ?? id;
}

/** A pack's name from the policy, else its id. */
export function packName(ctx: ValueContext, id: string): string {
	return ctx.policy?.packs.find((pack) => pack.id === id)?.name ?? id;
}

/** A support level's name, or "no support". */
export function supportName(ctx: ValueContext, id: Scalar): string {
	if (typeof id !== 'string') return t('history.values.noSupport');
	return ctx.policy?.support?.levels.find((level) => level.id === id)?.name ?? id;
}

/** Translated role names, as a list ("Owner and License administrator"). */
export function roleList(ctx: ValueContext, roles: readonly string[]): string {
	if (roles.length === 0) return t('history.values.none');
	return formatList(
		roles.map((role) => t(`groups.roles.${role}`)),
		ctx.language
	);
}

/**
 * One param, formatted by what its name says it is: amounts in minor units become money, ISO
 * dates become dates, numbers are grouped, ids of products become names.
 */
export function formatValue(
	ctx: ValueContext,
	key: string,
	value: Scalar,
	currency = ctx.currency
): string | number {
	if (value === null) return t('history.values.none');
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') {
		return moneyKeys.has(key)
			? formatMoney(value, currency, ctx.language)
			: formatNumber(value, ctx.language);
	}
	if (isoDate.test(value)) return formatDate(value, ctx.language);
	if (key === 'product' || key === 'module') return productName(ctx, value);
	if (key === 'pack') return packName(ctx, value);
	return value;
}

/** Every param formatted (for error and warning sentences shown on these screens). */
export function formatParams(
	ctx: ValueContext,
	params: Readonly<Record<string, Scalar>>
): Record<string, string | number> {
	const currency = typeof params.currency === 'string' ? params.currency : ctx.currency;
	const out: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(params)) {
		out[key] = formatValue(ctx, key, value, currency);
	}
	return out;
}

/** An instant (epoch ms) as date and time. */
export function formatInstant(ctx: ValueContext, value: Scalar): string {
	return typeof value === 'number' ? formatDateTime(value, ctx.language) : String(value);
}

/** The value context of an open group (its currency, member names and policy). */
export function workspaceValues(
	workspace: Pick<GroupWorkspace, 'view' | 'policy' | 'preview'>,
	language: string
): ValueContext {
	return {
		language,
		currency: workspace.view?.currency ?? workspace.policy?.currency ?? 'EUR',
		memberName: (id) => workspace.preview?.state.members[id]?.name ?? id,
		policy: workspace.policy
	};
}
