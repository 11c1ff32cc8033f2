import { formatDate, formatMoney } from './format.ts';
import { i18n } from './i18n.svelte.ts';

type Params = Record<string, string | number | boolean | null>;

/** Params that are amounts in minor units (the domain's and the server's names for them). */
const moneyKeys = new Set([
	'amount',
	'total',
	'price',
	'expected',
	'received',
	'threshold',
	'outstanding'
]);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Params as a sentence needs them: dates (`2027-01-31`) and amounts in minor units become words
 * of the reader's language through `Intl`. Other numbers stay numbers: i18next picks plural forms
 * from them.
 */
function readable(params: Params, currency: string | undefined): Params {
	const language = i18n.language;
	const out: Params = {};
	for (const [key, value] of Object.entries(params)) {
		if (typeof value === 'string' && isoDate.test(value)) out[key] = formatDate(value, language);
		else if (typeof value === 'number' && moneyKeys.has(key) && currency) {
			out[key] = formatMoney(value, currency, language);
		} else out[key] = value;
	}
	return out;
}

/**
 * The reader's sentence for an error code from the server or the domain (`auth.invalid-credentials`
 * → `errors.auth.invalid-credentials`); an unknown code still gets a sentence, with the code in it.
 * Give the group's currency so that amounts read as money.
 */
export function errorMessage(
	code: string,
	params: Params = {},
	context: { currency?: string } = {}
): string {
	const key = `errors.${code}`;
	return i18n.has(key)
		? i18n.t(key, readable(params, context.currency))
		: i18n.t('errors.unknown', { code });
}
