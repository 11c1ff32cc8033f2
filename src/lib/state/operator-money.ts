/**
 * Amounts typed by the vendor's desk, read into integer minor units. People copy amounts from
 * checks and bank statements in their own notation — `9600`, `9,600.00`, `9 600,00`,
 * `9.600,00`, `9'600.00` — so both separators are accepted: the last `.` or `,` is the decimal
 * separator when at most `minorDigits` digits follow it, every other one groups thousands. A
 * currency sign or code around the number is ignored.
 */

const groupSpaces = /[\s\u00a0\u202f'’]/g;

/** The amount in minor units, or undefined when the text is not an amount. */
export function parseAmount(text: string, minorDigits: number): number | undefined {
	// A pasted currency sign or code ("$9,600.00", "9 600,00 €") is not part of the number.
	const compact = text
		.trim()
		.replace(/^[^\d]+|[^\d]+$/g, '')
		.replace(groupSpaces, '');
	if (!/^\d[\d.,]*$/.test(compact)) return undefined;
	const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
	const tail = last < 0 ? '' : compact.slice(last + 1);
	const decimal = last >= 0 && tail.length > 0 && tail.length <= minorDigits;
	const whole = decimal ? compact.slice(0, last) : compact;
	const fraction = decimal ? tail : '';
	// Thousands groups must be whole: `1,23,4` is a typo, not 1234.
	if (!/^\d+$/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return undefined;
	const digits = whole.replace(/[.,]/g, '') + fraction.padEnd(minorDigits, '0');
	const minor = Number(digits);
	return Number.isSafeInteger(minor) ? minor : undefined;
}

/** Digits of a currency's minor unit (2 for USD and EUR, 0 for JPY), as Intl formats it. */
export function minorDigitsOf(currency: string): number {
	try {
		const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
		return options.maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}
