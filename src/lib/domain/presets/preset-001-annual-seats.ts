/**
 * Seed 001 — annual seats (a sales-routing tool's purchasing FAQ).
 *
 * Rules this preset exercises:
 * - U4 everyone who configures, views or receives data needs a licence, visible app or not
 *   (`everyoneNeedsSeat`): people join only by being given a licence.
 * - P1 minimum order of 5 licences (`minimumOrder`).
 * - P2 extra licences during the year are charged pro rata by whole months (`proration: 'month'`);
 *   at renewal all licences renew in a single agreement.
 * - P6 annual billing only (`terms`).
 * - P8 the new licence key within 1 business day, then the invoice
 *   (`licenseKeyWithinBusinessDays`).
 * - P9 premier support is a percentage of the total licence fee, not per user, and is added,
 *   upgraded or downgraded only at the annual renewal (`support`).
 *
 * Invented where the page is silent: currency (GBP), prices and tiers, the 20 % support rate, a
 * 60-day renewal window for support changes, 30-day payment terms, 30 grace days, auto-renewal
 * on, card or wire for any amount.
 */

import type { PolicyInput } from '../policy-schema.ts';

/** Seed 001: annual seats, minimum 5, monthly pro rata, support as a percentage. */
export const preset001AnnualSeats: PolicyInput = {
	id: 'annual-seats',
	name: 'Annual seats with premier support',
	seed: '001',
	currency: 'GBP',
	minorDigits: 2,
	products: [
		{
			id: 'router',
			name: 'Routing licence',
			kind: 'seat',
			tiers: [
				{ from: 1, unitPrice: { annual: 36_000 } },
				{ from: 25, unitPrice: { annual: 32_400 } },
				{ from: 100, unitPrice: { annual: 28_800 } }
			],
			maxQuantity: null,
			includedUsers: 0,
			consumptionPrice: null,
			requiresPack: null
		}
	],
	terms: ['annual'],
	proration: 'month',
	minimumOrder: 5,
	payment: { threshold: null, below: ['card', 'wire'], atOrAbove: [] },
	invoiceDueDays: 30,
	graceDays: 30,
	licenseModel: { kind: 'named', everyoneNeedsSeat: true },
	packs: [],
	includedUnits: {},
	support: {
		levels: [{ id: 'premier', name: 'Premier support', percentBasisPoints: 2_000 }],
		renewalWindowDays: 60
	},
	claRequiredFor: [],
	autoRenewDefault: true,
	seatReductions: 'at-renewal',
	ownerConfirmsWithPassword: true,
	operatorMaySetFirstExpiry: false,
	licenseKeyWithinBusinessDays: 1,
	consumption: null,
	roleBasedAdminAddress: false,
	warnFreeMail: false
};
