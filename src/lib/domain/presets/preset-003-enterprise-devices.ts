/**
 * Seed 003 — enterprise accounts with device licenses (a counting app's enterprise set-up guide).
 *
 * Rules this preset exercises:
 * - G3 the admin account uses a generic, role-based company address (`roleBasedAdminAddress`).
 * - D1 a license is taken by a device the first time a user signs in on it and stays there; each
 *   device code is unique within the account.
 * - D2 standard accounts (the admin moves licenses between devices), floating accounts (the
 *   system moves them: least recently used gives way) and mixed accounts splitting the total.
 * - D3 the admin creates users with a unique e-mail, a password and permissions.
 * - P4 volume pricing; P7 all licenses of the account share one expiry date.
 *
 * Invented where the page is silent: prices and tiers, annual term only, day-based proration,
 * the permission names, a USD 10,000 card threshold, 30-day terms and grace, the CLA for annual
 * terms, reductions waiting for the renewal.
 */

import type { PolicyInput } from '../policy-schema.ts';

/** Seed 003: enterprise accounts, device licenses, standard/floating/mixed pools. */
export const preset003EnterpriseDevices: PolicyInput = {
	id: 'enterprise-devices',
	name: 'Enterprise accounts with device licenses',
	seed: '003',
	currency: 'USD',
	minorDigits: 2,
	products: [
		{
			id: 'counter',
			name: 'Counting app (device)',
			kind: 'seat',
			tiers: [
				{ from: 1, unitPrice: { annual: 120_000 } },
				{ from: 5, unitPrice: { annual: 108_000 } },
				{ from: 20, unitPrice: { annual: 96_000 } }
			],
			maxQuantity: null,
			includedUsers: 0,
			consumptionPrice: null,
			requiresPack: null
		}
	],
	terms: ['annual'],
	proration: 'day',
	minimumOrder: 0,
	payment: { threshold: 1_000_000, below: ['card', 'wire'], atOrAbove: ['wire'] },
	invoiceDueDays: 30,
	graceDays: 30,
	licenseModel: {
		kind: 'device',
		pools: ['standard', 'floating'],
		floatingRule: 'least-recently-used',
		permissions: ['count', 'edit-settings', 'export-results', 'manage-templates']
	},
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
	roleBasedAdminAddress: true,
	warnFreeMail: true
};
