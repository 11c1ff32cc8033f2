import { describe, expect, it } from 'vitest';
import { cardBrand, cardSummary, checkCard, luhnValid } from '../../src/lib/domain/payment-card.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import { at, bought, failure, newGroup, preset, unwrap, withMember } from './fixtures.ts';

const card = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Olivia Owner' };
const today = '2026-06-15';

describe('card details (P5 card payments)', () => {
	it('P5 a Luhn-valid number of its brand’s length, an expiry not passed, a CVC and a name pass', () => {
		const checked = checkCard(card, today);
		expect(checked).toEqual({
			ok: true,
			card: {
				number: '4242424242424242',
				expMonth: 12,
				expYear: 2034,
				cvc: '123',
				name: 'Olivia Owner',
				brand: 'visa',
				last4: '4242'
			}
		});
		expect(luhnValid('4000000000000002')).toBe(true);
		expect(luhnValid('4242424242424241')).toBe(false);
		expect(cardBrand('5555555555554444')).toBe('mastercard');
		expect(cardBrand('2223003122003222')).toBe('mastercard');
		expect(cardBrand('378282246310005')).toBe('amex');
		expect(cardSummary('3782-822463-10005')).toEqual({ brand: 'amex', last4: '0005' });
		const amex = { ...card, number: '3782 822463 10005', cvc: '1234' };
		expect(checkCard(amex, today).ok).toBe(true);
		// A card is valid through the last day of its expiry month.
		expect(checkCard({ ...card, expiry: '06/26' }, today).ok).toBe(true);
	});

	it('P5 every wrong field is reported at once with its code', () => {
		const checked = checkCard(
			{ number: '4242 4242 4242 4241', expiry: '05/26', cvc: '12a', name: '  ' },
			today
		);
		expect(checked).toEqual({
			ok: false,
			errors: {
				number: 'card.number-invalid',
				expiry: 'card.expired',
				cvc: 'card.cvc-invalid',
				name: 'card.name-required'
			}
		});
		const odd = [
			[{ ...card, number: '4242 4242 4242' }, 'number', 'card.number-invalid'],
			[{ ...card, number: '4242-4242-4242-424x' }, 'number', 'card.number-invalid'],
			[{ ...card, expiry: '13/30' }, 'expiry', 'card.expiry-invalid'],
			[{ ...card, expiry: '1230' }, 'expiry', null],
			[{ ...card, expiry: '12/99' }, 'expiry', 'card.expiry-invalid'],
			[{ ...card, number: '3782 822463 10005', cvc: '123' }, 'cvc', 'card.cvc-invalid']
		] as const;
		for (const [fields, field, code] of odd) {
			const result = checkCard(fields, today);
			expect(result.ok ? null : (result.errors[field] ?? null)).toBe(code);
		}
	});
});

describe('card payments in the domain (P5, G2)', () => {
	const groups = preset('license-groups');
	const billed = () =>
		bought(groups, withMember(newGroup(groups), { id: 'dana' }), 'designer', 3, '2026-01-02');

	it('G2 a card payment is made by the owner or the billable admin; a license admin is refused', () => {
		const order = billed();
		const payment = { invoiceId: 'invoice-1', amount: 720_000, method: 'card' as const };
		const admin = { userId: 'dana', roles: ['admin' as const] };
		expect(
			failure(recordPayment(order.state, groups, payment, admin, at('2026-01-10')))
		).toMatchObject({ code: 'payment.billing-role-required' });
		const billable = { userId: 'dana', roles: ['admin' as const, 'billable' as const] };
		const paid = unwrap(
			recordPayment(
				order.state,
				groups,
				{ ...payment, card: { brand: 'visa', last4: '4242' }, reference: 'demo_ch_1' },
				billable,
				at('2026-01-10')
			)
		);
		expect(paid.state.invoices['invoice-1']).toMatchObject({ status: 'paid', method: 'card' });
		expect(paid.events[0]).toMatchObject({
			type: 'payment.recorded',
			card: { brand: 'visa', last4: '4242' },
			reference: 'demo_ch_1'
		});
	});

	it('P5 card details belong to card payments only', () => {
		const order = billed();
		const operator = { userId: 'desk', roles: [], operator: true };
		const wire = {
			invoiceId: 'invoice-1',
			amount: 720_000,
			method: 'wire' as const,
			card: { brand: 'visa' as const, last4: '4242' }
		};
		expect(
			failure(recordPayment(order.state, groups, wire, operator, at('2026-01-10')))
		).toMatchObject({ code: 'request.invalid' });
	});
});
