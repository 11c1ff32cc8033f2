/**
 * Card details as a person types them (P5: card payments under the threshold): the checks a card
 * form and a card processor both make before any money moves — the number's Luhn digit and
 * length for its brand, an expiry `MM/YY` that has not passed, a CVC of the brand's length and a
 * cardholder name. The browser runs them to say what is wrong next to the field; the demo card
 * provider runs the same ones, as a processor would. Time comes in as a calendar date.
 */

import * as v from 'valibot';
import { isIsoDate } from './calendar-dates.ts';

/** Card brands the checks know; any other valid number is `unknown`. */
export const cardBrands = ['visa', 'mastercard', 'amex', 'discover', 'unknown'] as const;

/** A card brand. */
export type CardBrand = (typeof cardBrands)[number];

/** What a payment record keeps of a card: its brand and last four digits, never the number. */
export const CardSummarySchema = v.strictObject({
	brand: v.picklist(cardBrands),
	last4: v.pipe(v.string(), v.regex(/^\d{4}$/))
});

/** The brand and last four digits of a card. */
export type CardSummary = v.InferOutput<typeof CardSummarySchema>;

/** The fields of a card form, as typed (spaces and dashes allowed in the number). */
export interface CardFields {
	number: string;
	/** `MM/YY` (also `MM / YY`, `MMYY`). */
	expiry: string;
	cvc: string;
	name: string;
}

/** The field a card problem belongs to. */
export type CardField = keyof CardFields;

/** Why a field is refused; each has a sentence under `errors.card.*`. */
export const cardFieldCodes = [
	'card.number-invalid',
	'card.expiry-invalid',
	'card.expired',
	'card.cvc-invalid',
	'card.name-required'
] as const;

/** A field problem's code. */
export type CardFieldCode = (typeof cardFieldCodes)[number];

/** A card whose fields passed the checks. */
export interface CheckedCard extends CardSummary {
	/** Digits only. */
	number: string;
	expMonth: number;
	/** Four digits. */
	expYear: number;
	cvc: string;
	name: string;
}

/** The checked card, or the problem of each refused field. */
export type CardCheck =
	| { ok: true; card: CheckedCard }
	| { ok: false; errors: Partial<Record<CardField, CardFieldCode>> };

/** The digits of a typed card number, when it has nothing but digits, spaces and dashes. */
export function cardDigits(typed: string): string | null {
	const trimmed = typed.trim();
	if (!/^[\d -]{1,40}$/.test(trimmed)) return null;
	return trimmed.replace(/[ -]/g, '');
}

/** The brand a number's first digits announce. */
export function cardBrand(digits: string): CardBrand {
	if (/^4/.test(digits)) return 'visa';
	if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard';
	if (/^3[47]/.test(digits)) return 'amex';
	if (/^6(011|5)/.test(digits)) return 'discover';
	return 'unknown';
}

/** The lengths a brand's numbers have. */
const lengths: Record<CardBrand, readonly number[]> = {
	visa: [13, 16, 19],
	mastercard: [16],
	amex: [15],
	discover: [16, 19],
	unknown: [12, 13, 14, 15, 16, 17, 18, 19]
};

/** The Luhn check digit test (ISO/IEC 7812-1). */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return digits.length > 0 && sum % 10 === 0;
}

/** The brand and last four digits of a typed number (for idempotency and receipts). */
export function cardSummary(typed: string): CardSummary {
	const digits = cardDigits(typed) ?? '';
	const last4 = digits.slice(-4).padStart(4, '0');
	return { brand: cardBrand(digits), last4 };
}

/** Month and four-digit year of `MM/YY`, or null. */
function parseExpiry(typed: string): { month: number; year: number } | null {
	const match = /^(\d{1,2})\s*\/?\s*(\d{2})$/.exec(typed.trim());
	if (!match) return null;
	const month = Number(match[1]);
	if (month < 1 || month > 12) return null;
	return { month, year: 2000 + Number(match[2]) };
}

/** A card is valid through the last day of its expiry month; at most 20 years ahead. */
function expiryProblem(
	expiry: { month: number; year: number },
	today: string
): CardFieldCode | null {
	if (!isIsoDate(today)) return 'card.expiry-invalid';
	const [year, month] = today.split('-').map(Number) as [number, number];
	const months = (expiry.year - year) * 12 + (expiry.month - month);
	if (months < 0) return 'card.expired';
	return months > 240 ? 'card.expiry-invalid' : null;
}

/**
 * Checks a card form. `today` is the calendar date (`YYYY-MM-DD`) the expiry is compared with.
 * Every refused field is reported at once, so the form can mark them all.
 */
export function checkCard(fields: CardFields, today: string): CardCheck {
	const errors: Partial<Record<CardField, CardFieldCode>> = {};
	const digits = cardDigits(fields.number) ?? '';
	const brand = cardBrand(digits);
	if (!lengths[brand].includes(digits.length) || !luhnValid(digits)) {
		errors.number = 'card.number-invalid';
	}
	const expiry = parseExpiry(fields.expiry);
	const expiryCode = expiry ? expiryProblem(expiry, today) : 'card.expiry-invalid';
	if (expiryCode) errors.expiry = expiryCode;
	const cvc = fields.cvc.trim();
	if (!(brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) errors.cvc = 'card.cvc-invalid';
	const name = fields.name.trim();
	if (name.length === 0 || name.length > 200) errors.name = 'card.name-required';
	if (!expiry || Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		card: {
			number: digits,
			expMonth: expiry.month,
			expYear: expiry.year,
			cvc,
			name,
			brand,
			last4: digits.slice(-4)
		}
	};
}
