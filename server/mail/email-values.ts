import type { Policy } from '../../src/lib/domain/index.ts';
import { formatDate, formatMoney, formatNumber } from '../../src/lib/i18n/format.ts';
import type { Language } from '../../src/lib/i18n/languages.ts';
import type { OutboxRecord } from '../storage/types.ts';

/** What a mail's parameters are shown with: the reader's language and the group's policy. */
export interface ValueContext {
	language: Language;
	policy: Policy | undefined;
	/** Translates a payment method (`wire` → "virement bancaire"). */
	method: (method: string) => string;
}

const moneyKeys = new Set(['amount', 'total']);
const dateKeys = new Set(['dueOn', 'expiry', 'promisedBy', 'on', 'from', 'to']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The display name of a product or pack id, as the policy names it. */
function productName(policy: Policy | undefined, id: string): string {
	const named = [...(policy?.products ?? []), ...(policy?.packs ?? [])].find((p) => p.id === id);
	return named?.name ?? id;
}

function list(items: string[], language: Language, type: 'conjunction' | 'disjunction'): string {
	return new Intl.ListFormat(language, { style: 'long', type }).format(items);
}

/** One parameter as the reader should see it. */
function display(
	key: string,
	value: string | number | boolean,
	params: OutboxRecord['params'],
	context: ValueContext
): string {
	const { language, policy } = context;
	if (typeof value === 'number' && moneyKeys.has(key)) {
		const currency = typeof params.currency === 'string' ? params.currency : policy?.currency;
		return currency ? formatMoney(value, currency, language) : formatNumber(value, language);
	}
	if (typeof value === 'number') return formatNumber(value, language);
	if (typeof value === 'boolean') return String(value);
	if (dateKeys.has(key) && isoDate.test(value)) return formatDate(value, language, 'long');
	if (key === 'ref' || key === 'product') return productName(policy, value);
	if (key === 'method') return context.method(value);
	if (key === 'methods') return list(value.split(',').map(context.method), language, 'disjunction');
	if (key === 'invoiceIds') return list(value.split(','), language, 'conjunction');
	return value;
}

/**
 * A mail's domain parameters formatted for its reader: money with the currency (minor units in,
 * `Intl` out), calendar dates in words, product ids as names, method lists joined the way the
 * language joins them. A `null` parameter shows as an empty string.
 */
export function displayValues(
	params: OutboxRecord['params'],
	context: ValueContext
): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(params)) {
		values[key] = value === null ? '' : display(key, value, params, context);
	}
	return values;
}
