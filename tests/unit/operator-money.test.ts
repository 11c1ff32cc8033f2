import { describe, expect, it } from 'vitest';
import { minorDigitsOf, parseAmount } from '../../src/lib/state/operator-money.ts';
import { passwordProblem } from '../../src/lib/state/registration.svelte.ts';

describe('amounts typed by the vendor’s desk (I2)', () => {
	it('reads the notations of checks and bank statements into minor units', () => {
		const cases: [string, number][] = [
			['9600', 960_000],
			['9600.5', 960_050],
			['9,600.00', 960_000],
			['9 600,00', 960_000],
			['9\u202f600,00', 960_000],
			['9.600,00', 960_000],
			["9'600.00", 960_000],
			['$9,600.00', 960_000],
			['9 600,00 €', 960_000],
			['1,234', 123_400],
			['0,07', 7]
		];
		for (const [text, minor] of cases) expect(parseAmount(text, 2), text).toBe(minor);
	});

	it('refuses what is not an amount rather than guess', () => {
		for (const text of ['', 'abc', '12a34', '1,23,4', '9.600.0,00', '-'])
			expect(parseAmount(text, 2), text).toBeUndefined();
	});

	it('follows the currency’s minor unit', () => {
		expect(minorDigitsOf('USD')).toBe(2);
		expect(minorDigitsOf('JPY')).toBe(0);
		expect(parseAmount('1,200', minorDigitsOf('JPY'))).toBe(1200);
	});
});

describe('registration passwords (U1)', () => {
	it('refuses a short password, the e-mail address and a repeated character before sending', () => {
		const email = 'nina@example.com';
		expect(passwordProblem('short', email)?.key).toBe('registration.problems.passwordTooShort');
		expect(passwordProblem('NINA@example.com', email)?.key).toBe(
			'registration.problems.passwordLikeEmail'
		);
		expect(passwordProblem('aaaaaaaaaaaa', email)?.key).toBe(
			'registration.problems.passwordRepeated'
		);
		expect(passwordProblem('violet tractor harbour', email)).toBeUndefined();
	});
});
