/**
 * Seed 002 — named licenses by rights group (a project-management cloud's "add licenses" guide).
 *
 * Rules this preset exercises:
 * - G2 only the cloud owner (the contract partner) changes the number of users.
 * - P3 the owner picks the new total, sees the resulting change in price, and confirms with their
 *   password (`ownerConfirmsWithPassword`).
 * - P2 billed on a daily basis, proportionally to the term of the main contract
 *   (`proration: 'day'`).
 * - I3 the invoice goes to the address on file (the billable admin).
 * - U1 new free licenses are used to invite new users.
 * - U3 named licenses follow the rights group: employee and admin consume a seat, guest does not;
 *   moving someone to guest frees the seat; logging in or not changes nothing (`licenseModel`).
 *
 * Invented where the page is silent: prices (no volume discount), monthly and annual terms, a
 * lower total applying at once without refund, 14-day payment terms and grace, card or direct
 * debit, auto-renewal on.
 */

import type { PolicyInput } from '../policy-schema.ts';

/** Seed 002: named licenses by rights group, daily pro rata, password-confirmed seat changes. */
export const preset002NamedRightsGroups: PolicyInput = {
	id: 'named-rights-groups',
	name: 'Named licenses by rights group',
	seed: '002',
	currency: 'EUR',
	minorDigits: 2,
	products: [
		{
			id: 'workspace',
			name: 'Workspace user',
			kind: 'seat',
			tiers: [{ from: 1, unitPrice: { annual: 13_200, monthly: 1_290 } }],
			maxQuantity: null,
			includedUsers: 0,
			consumptionPrice: null,
			requiresPack: null
		}
	],
	terms: ['annual', 'monthly'],
	proration: 'day',
	minimumOrder: 0,
	payment: { threshold: null, below: ['card', 'direct-debit'], atOrAbove: [] },
	invoiceDueDays: 14,
	graceDays: 14,
	licenseModel: {
		kind: 'rights-group',
		product: 'workspace',
		groups: [
			{ id: 'admin', consumesSeat: true },
			{ id: 'employee', consumesSeat: true },
			{ id: 'guest', consumesSeat: false }
		],
		defaultGroup: 'guest'
	},
	packs: [],
	includedUnits: {},
	support: null,
	claRequiredFor: [],
	autoRenewDefault: true,
	seatReductions: 'immediate',
	ownerConfirmsWithPassword: true,
	operatorMaySetFirstExpiry: false,
	licenseKeyWithinBusinessDays: null,
	consumption: null,
	roleBasedAdminAddress: false,
	warnFreeMail: false
};
