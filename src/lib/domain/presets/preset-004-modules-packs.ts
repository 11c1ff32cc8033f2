/**
 * Seed 004 — modules and packs (a business-software subscription's help page, in French).
 *
 * Rules this preset exercises:
 * - P10 auto-renewal ("tacite reconduction") is on by default and can be switched off any time.
 * - P11 packs always hang off the main subscription: extra users per module, e-mail volume for
 *   the e-mailing module (which sends nothing without one), more affiliated companies, assistance
 *   tickets, web training sessions (the vendor then proposes dates).
 * - P12 every user besides the included administrator is an extra user; one not covered by a
 *   pack is billed by consumption for each module they can access, counted automatically and
 *   invoiced on the subscription's billing dates (monthly); a pack avoids those invoices.
 * - H1 the list of actions with the date of each operation.
 *
 * Invented where the page is silent: module names and prices, pack sizes and prices, the
 * consumption price per user and module, one included affiliated company, monthly and annual
 * terms (annual = 11 months' price), day-based proration, 15-day payment terms, 30 grace days.
 * The e-mailing module has no consumption price: its extra users need a pack, so that path
 * (refusal with "buy a pack" as the fix) is exercised too.
 */

import type { PolicyInput } from '../policy-schema.ts';

/** A module with one included user and a consumption price per extra user per month. */
function module(id: string, name: string, monthly: number, consumption: number | null) {
	return {
		id,
		name,
		kind: 'module' as const,
		tiers: [{ from: 1, unitPrice: { monthly, annual: monthly * 11 } }],
		maxQuantity: 1,
		includedUsers: 1,
		consumptionPrice: consumption,
		requiresPack: null
	};
}

/** An extra-users pack of one user for a module. */
function extraUsers(moduleId: string, monthly: number) {
	return {
		id: `extra-users-${moduleId}`,
		name: `Extra user (${moduleId})`,
		kind: 'extra-users' as const,
		module: moduleId,
		units: 1,
		price: { monthly, annual: monthly * 11 },
		billing: 'recurring' as const
	};
}

/** Seed 004: modules, packs, consumption billing, auto-renewal on. */
export const preset004ModulesPacks: PolicyInput = {
	id: 'modules-packs',
	name: 'Modules, packs and consumption billing',
	seed: '004',
	currency: 'EUR',
	minorDigits: 2,
	products: [
		module('sales', 'Sales management', 4_500, 1_500),
		module('crm', 'CRM', 2_500, 1_000),
		module('accounting', 'Accounting', 4_000, 1_500),
		{ ...module('emailing', 'E-mailing', 1_500, null), requiresPack: 'email-volume' }
	],
	terms: ['monthly', 'annual'],
	proration: 'day',
	minimumOrder: 0,
	payment: { threshold: null, below: ['card', 'direct-debit'], atOrAbove: [] },
	invoiceDueDays: 15,
	graceDays: 30,
	licenseModel: { kind: 'module-access' },
	packs: [
		extraUsers('sales', 1_200),
		extraUsers('crm', 800),
		extraUsers('accounting', 1_200),
		extraUsers('emailing', 500),
		{
			id: 'emails-5000',
			name: '5,000 e-mails',
			kind: 'email-volume',
			module: 'emailing',
			units: 5_000,
			price: { monthly: 1_900, annual: 20_900 },
			billing: 'recurring'
		},
		{
			id: 'affiliated-company',
			name: 'Affiliated company',
			kind: 'affiliated-companies',
			module: null,
			units: 1,
			price: { monthly: 1_000, annual: 11_000 },
			billing: 'recurring'
		},
		{
			id: 'assistance-10',
			name: 'Assistance, 10 tickets',
			kind: 'assistance',
			module: null,
			units: 10,
			price: { monthly: 2_900, annual: 31_900 },
			billing: 'recurring'
		},
		{
			id: 'training-session',
			name: 'Web training session',
			kind: 'training',
			module: null,
			units: 1,
			price: { monthly: 29_000, annual: 29_000 },
			billing: 'one-off'
		}
	],
	includedUnits: { 'affiliated-companies': 1 },
	support: null,
	claRequiredFor: [],
	autoRenewDefault: true,
	seatReductions: 'at-renewal',
	ownerConfirmsWithPassword: true,
	operatorMaySetFirstExpiry: false,
	licenseKeyWithinBusinessDays: null,
	consumption: { period: 'month' },
	roleBasedAdminAddress: false,
	warnFreeMail: false
};
