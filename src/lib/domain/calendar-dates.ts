/**
 * Calendar arithmetic on `'YYYY-MM-DD'` strings interpreted in UTC, and on epoch-millisecond
 * instants. Everything is integer math on day numbers (days since 1970-01-01), so the engine never
 * touches `Date` and never depends on the machine's time zone: the browser preview and the server
 * verdict compute the same dates.
 */

/** Milliseconds in one UTC day; instants are converted to days by flooring. */
export const msPerDay = 86_400_000;

/** The earliest calendar date the engine accepts. */
export const minDate = '1970-01-01';

/** The latest calendar date the engine accepts (four-digit years only). */
export const maxDate = '9999-12-31';

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in a month of a year (month 1–12), Gregorian leap rule. */
function daysInMonth(year: number, month: number): number {
	if (month === 2) {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		return leap ? 29 : 28;
	}
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a date string into numbers; `null` when it is not a real date in 1970–9999. */
function splitDate(date: string): { year: number; month: number; day: number } | null {
	const match = isoDatePattern.exec(date);
	if (match === null) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (year < 1970 || month < 1 || month > 12 || day < 1) return null;
	if (day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

/**
 * Whether `date` is a real `'YYYY-MM-DD'` calendar date between 1970-01-01 and 9999-12-31
 * (2026-02-30 and year 10000 are not).
 */
export function isIsoDate(date: string): boolean {
	return splitDate(date) !== null;
}

/**
 * Days since 1970-01-01 for a valid date (Howard Hinnant's days_from_civil). The caller has
 * validated the date; an invalid one yields `NaN` so a bug cannot silently produce a plausible day.
 */
export function dayNumber(date: string): number {
	const parts = splitDate(date);
	if (parts === null) return Number.NaN;
	const y = parts.month <= 2 ? parts.year - 1 : parts.year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (parts.month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + parts.day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

/** The date of a day number (inverse of {@link dayNumber}, Hinnant's civil_from_days). */
export function dateOfDay(days: number): string {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last instant the engine accepts: the end of 9999-12-31 UTC. */
export const maxInstant = (dayNumber(maxDate) + 1) * msPerDay - 1;

/** Whether `now` is an integer epoch-millisecond instant between 1970 and the end of 9999. */
export function isInstant(now: number): boolean {
	return Number.isSafeInteger(now) && now >= 0 && now <= maxInstant;
}

/** The UTC calendar date of an instant. */
export function dateOfInstant(now: number): string {
	return dateOfDay(Math.floor(now / msPerDay));
}

/** The instant 00:00 UTC of a date. */
export function instantOfDate(date: string): number {
	return dayNumber(date) * msPerDay;
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
	return dateOfDay(dayNumber(date) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

/**
 * `date` plus `months` (may be negative), clamping the day to the end of a shorter month:
 * 2027-03-31 minus one month is 2027-02-28. Clamping keeps the function monotonic, which the
 * month-based proration relies on.
 */
export function addMonths(date: string, months: number): string {
	const parts = splitDate(date);
	if (parts === null) return date;
	const index = parts.year * 12 + (parts.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = index - year * 12 + 1;
	const day = Math.min(parts.day, daysInMonth(year, month));
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day of the week of a date: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: string): number {
	return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/**
 * The date `count` business days (Monday–Friday) after `date`. Public holidays differ per
 * country and vendor, so the engine deliberately ignores them; the promise is an upper bound only
 * on weekends.
 */
export function addBusinessDays(date: string, count: number): string {
	let day = date;
	let left = count;
	while (left > 0) {
		day = addDays(day, 1);
		const weekday = weekdayOf(day);
		if (weekday !== 0 && weekday !== 6) left -= 1;
	}
	return day;
}
