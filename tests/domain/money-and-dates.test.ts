import { describe, expect, it } from 'vitest';
import {
	addBusinessDays,
	addMonths,
	dateOfDay,
	dateOfInstant,
	dayNumber,
	daysBetween,
	isInstant,
	isIsoDate,
	maxInstant,
	weekdayOf
} from '../../src/lib/domain/calendar-dates.ts';
import {
	divideRounded,
	lineAmount,
	percentAmount,
	roundingRule,
	sumAmounts
} from '../../src/lib/domain/money-math.ts';
import { prorate } from '../../src/lib/domain/pricing-proration.ts';

describe('money: one rounding rule', () => {
	it('rounds half away from zero, once per line', () => {
		expect(divideRounded(5n, 2n)).toBe(3n);
		expect(divideRounded(-5n, 2n)).toBe(-3n);
		expect(divideRounded(7n, 3n)).toBe(2n);
		// 13,200 × 181 / 365 = 6,545.75… → 6,546.
		expect(lineAmount(1, 13_200, { numerator: 181, denominator: 365 })).toEqual({
			ok: true,
			value: 6_546
		});
		// 20 % of 36,000 = 7,200; 12.5 % of 1 cent = 0.125 → 0; 50 % of 1 cent = 0.5 → 1.
		expect(percentAmount(36_000, 2_000)).toEqual({ ok: true, value: 7_200 });
		expect(percentAmount(1, 1_250)).toEqual({ ok: true, value: 0 });
		expect(percentAmount(1, 5_000)).toEqual({ ok: true, value: 1 });
		expect(roundingRule).toBe('money.rounding.per-line-half-away-from-zero');
	});

	it('computes exactly past 2^53 inside and refuses a result a number cannot hold', () => {
		// 1,000,000 × 5,000,000,000 × 365 is about 1.8e18 before the division by 365.
		expect(lineAmount(1_000_000, 5_000_000_000, { numerator: 365, denominator: 365 })).toEqual({
			ok: true,
			value: 5e15
		});
		const overflow = lineAmount(1_000_000, 10_000_000_000, { numerator: 1, denominator: 1 });
		expect(overflow.ok ? null : overflow.error.code).toBe('money.overflow');
		expect(sumAmounts([Number.MAX_SAFE_INTEGER, 1]).ok).toBe(false);
	});
});

describe('calendar: UTC dates as strings', () => {
	it('accepts real dates only, 1970 to 9999', () => {
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2026-02-30')).toBe(false);
		expect(isIsoDate('2026-13-01')).toBe(false);
		expect(isIsoDate('10000-01-01')).toBe(false);
		expect(isIsoDate('1969-12-31')).toBe(false);
		expect(isIsoDate('2026-1-1')).toBe(false);
		expect(isInstant(maxInstant)).toBe(true);
		expect(isInstant(maxInstant + 1)).toBe(false);
		expect(isInstant(1.5)).toBe(false);
		expect(isInstant(-1)).toBe(false);
	});

	it('converts between dates, day numbers and instants', () => {
		expect(dayNumber('1970-01-01')).toBe(0);
		expect(dateOfDay(dayNumber('2026-11-22'))).toBe('2026-11-22');
		expect(dateOfInstant(Date.UTC(2026, 10, 22, 23, 59))).toBe('2026-11-22');
		expect(daysBetween('2026-03-01', '2027-03-01')).toBe(365);
		expect(daysBetween('2027-03-01', '2028-03-01')).toBe(366);
		expect(weekdayOf('2026-01-02')).toBe(5);
	});

	it('adds months clamping to the end of shorter months, and business days skipping weekends', () => {
		expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
		expect(addBusinessDays('2026-01-02', 1)).toBe('2026-01-05');
		expect(addBusinessDays('2026-01-05', 1)).toBe('2026-01-06');
	});

	it('prorates by started months or by days, never above the full term', () => {
		expect(prorate('month', 'annual', '2026-07-01', '2027-01-01')).toMatchObject({
			remaining: 6,
			of: 12
		});
		expect(prorate('month', 'annual', '2026-07-15', '2027-01-01')).toMatchObject({
			remaining: 6,
			of: 12
		});
		expect(prorate('month', 'annual', '2026-06-30', '2027-01-01')).toMatchObject({
			remaining: 7,
			of: 12
		});
		expect(prorate('day', 'annual', '2026-09-01', '2027-03-01')).toMatchObject({
			remaining: 181,
			of: 365
		});
		expect(prorate('day', 'monthly', '2026-02-10', '2026-03-01')).toMatchObject({
			remaining: 19,
			of: 28
		});
		expect(prorate('month', 'annual', '2025-01-01', '2027-01-01')).toMatchObject({
			remaining: 12,
			of: 12
		});
	});
});
