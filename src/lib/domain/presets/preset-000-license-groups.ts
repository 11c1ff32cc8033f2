/**
 * Seed 000 — license groups (a design-software vendor's license-administration FAQ).
 *
 * Rules this preset exercises:
 * - G1 several license admins per group; every purchase counts toward the collective volume.
 * - G2 exactly one billable admin, who receives all purchase and renewal e-mails (I3).
 * - G4 free-mail addresses allowed but warned (`warnFreeMail`).
 * - U1 "Give license" by e-mail links an existing account or invites ("Awaiting user registration").
 * - U2 recall to the unallocated licenses. U5 users edit their own name.
 * - P4 volume tiers, collective and never retroactive (`tiers`).
 * - P5 invoices under USD 7,800 by card, at or over it by check or wire (`payment`).
 * - P6 monthly subscriptions need no CLA, annual ones do (`terms`, `claRequiredFor`).
 * - P7 support may set the first expiry date; later purchases co-term (`operatorMaySetFirstExpiry`).
 * - I2 users locked out 14 days past the due date, unlocked on payment (`graceDays`).
 *
 * Invented where the page is silent: the product name, prices and tier steps, day-based
 * proration (co-terming to any date), 30-day payment terms, auto-renewal on, reductions waiting
 * for the renewal.
 */

import type { PolicyInput } from '../policy-schema.ts';

/** Seed 000: license groups with volume tiers, card threshold and a 14-day lock-out. */
export const preset000LicenseGroups: PolicyInput = {
	id: 'license-groups',
	name: 'License groups with volume discounts',
	seed: '000',
	currency: 'USD',
	minorDigits: 2,
	products: [
		{
			id: 'designer',
			name: 'Designer seat',
			kind: 'seat',
			tiers: [
				{ from: 1, unitPrice: { annual: 240_000, monthly: 22_000 } },
				{ from: 10, unitPrice: { annual: 216_000, monthly: 19_800 } },
				{ from: 25, unitPrice: { annual: 192_000, monthly: 17_600 } },
				{ from: 50, unitPrice: { annual: 168_000, monthly: 15_400 } }
			],
			maxQuantity: null,
			includedUsers: 0,
			consumptionPrice: null,
			requiresPack: null
		}
	],
	terms: ['annual', 'monthly'],
	proration: 'day',
	minimumOrder: 0,
	payment: { threshold: 780_000, below: ['card'], atOrAbove: ['check', 'wire'] },
	invoiceDueDays: 30,
	graceDays: 14,
	licenseModel: { kind: 'named', everyoneNeedsSeat: false },
	packs: [],
	includedUnits: {},
	support: null,
	claRequiredFor: ['annual'],
	autoRenewDefault: true,
	seatReductions: 'at-renewal',
	ownerConfirmsWithPassword: true,
	operatorMaySetFirstExpiry: true,
	licenseKeyWithinBusinessDays: null,
	consumption: null,
	roleBasedAdminAddress: false,
	warnFreeMail: true
};
