/**
 * Numbers, money and dates in the reader's language, always through `Intl`, never by hand.
 * Money arrives as integer minor units (cents) with its ISO currency code.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
	key: string,
	make: () => T
): T {
	let format = cache.get(key) as T | undefined;
	if (!format) {
		format = make();
		cache.set(key, format);
	}
	return format;
}

/** Formats integer minor units, e.g. (123456, 'EUR', 'fr') → "1 234,56 €". */
export function formatMoney(minor: number, currency: string, language: string): string {
	const format = cached(
		`money:${language}:${currency}`,
		() => new Intl.NumberFormat(language, { style: 'currency', currency })
	);
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}

export function formatNumber(value: number, language: string): string {
	return cached(`number:${language}`, () => new Intl.NumberFormat(language)).format(value);
}

/** A calendar date ('YYYY-MM-DD', read in UTC) or an instant (epoch ms). */
export function formatDate(
	value: string | number,
	language: string,
	style: 'medium' | 'long' = 'medium'
): string {
	const date = typeof value === 'number' ? new Date(value) : new Date(`${value}T00:00:00Z`);
	return cached(
		`date:${language}:${style}`,
		() => new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' })
	).format(date);
}

/** Date and time of an instant, in the reader's time zone. */
export function formatDateTime(epochMs: number, language: string): string {
	return cached(
		`datetime:${language}`,
		() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
	).format(new Date(epochMs));
}

/** "2 minutes ago" / "il y a 2 minutes" / "vor 2 Minuten", relative to `now`. */
export function formatRelative(epochMs: number, now: number, language: string): string {
	const format = cached(
		`relative:${language}`,
		() => new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
	);
	const seconds = Math.round((epochMs - now) / 1000);
	if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
	const minutes = Math.round(seconds / 60);
	if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (Math.abs(hours) < 24) return format.format(hours, 'hour');
	return format.format(Math.round(hours / 24), 'day');
}
