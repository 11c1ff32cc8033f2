/**
 * G3 and G4: heuristics on e-mail addresses that WARN, never refuse. An enterprise group's admin
 * account should use a generic, role-based company address (`licenses@acme.example`), because the
 * account outlives any one employee (G3). A free-mail address is allowed for users, but extensions
 * are approved per e-mail domain and a free-mail domain may be refused (G4).
 */

import type { Warning } from './decision-schema.ts';

/** Local parts (before `@`) of role-based mailboxes, compared without separators and digits. */
const roleLocalParts = new Set([
	'admin',
	'administrator',
	'accounts',
	'accounting',
	'billing',
	'contact',
	'helpdesk',
	'hostmaster',
	'info',
	'it',
	'itadmin',
	'itsupport',
	'itservices',
	'licence',
	'licences',
	'license',
	'licenses',
	'licensing',
	'office',
	'operations',
	'ops',
	'postmaster',
	'procurement',
	'purchasing',
	'sales',
	'service',
	'servicedesk',
	'software',
	'support',
	'sysadmin',
	'systems',
	'team',
	'tech',
	'webmaster'
]);

/** Free-mail domains, exact. */
const freeMailDomains = new Set([
	'gmail.com',
	'googlemail.com',
	'aol.com',
	'icloud.com',
	'me.com',
	'mac.com',
	'mail.com',
	'gmx.com',
	'gmx.net',
	'gmx.de',
	'gmx.at',
	'gmx.ch',
	'web.de',
	't-online.de',
	'freenet.de',
	'orange.fr',
	'free.fr',
	'wanadoo.fr',
	'laposte.net',
	'sfr.fr',
	'proton.me',
	'protonmail.com',
	'yandex.com',
	'yandex.ru',
	'mail.ru',
	'zoho.com',
	'qq.com',
	'163.com',
	'msn.com',
	'ymail.com'
]);

/** Free-mail brands that exist under many country domains (hotmail.co.uk, yahoo.fr …). */
const freeMailBrands = ['hotmail', 'outlook', 'live', 'yahoo'];

/** The lower-cased parts of an address, or `null` when it has no single `@`. */
function splitAddress(email: string): { local: string; domain: string } | null {
	const parts = email.trim().toLowerCase().split('@');
	if (parts.length !== 2) return null;
	const [local, domain] = parts;
	if (local === undefined || domain === undefined || local === '' || domain === '') return null;
	return { local, domain };
}

/**
 * G3: whether an address looks generic and role-based (`licenses@`, `it-support@`, `admin2@`),
 * ignoring `+tags`, separators and digits.
 */
export function isRoleBasedAddress(email: string): boolean {
	const parts = splitAddress(email);
	if (parts === null) return false;
	const local = (parts.local.split('+')[0] ?? '').replace(/[._\-\d]/g, '');
	return roleLocalParts.has(local);
}

/** G4: whether an address belongs to a free-mail provider (Gmail, Hotmail, GMX, Orange …). */
export function isFreeMailAddress(email: string): boolean {
	const parts = splitAddress(email);
	if (parts === null) return false;
	if (freeMailDomains.has(parts.domain)) return true;
	const brand = parts.domain.split('.')[0] ?? '';
	return freeMailBrands.includes(brand);
}

/** G3: warnings for the admin account address of a group whose policy asks for a role address. */
export function adminAddressWarnings(email: string): Warning[] {
	return isRoleBasedAddress(email) ? [] : [{ code: 'address.not-role-based', params: { email } }];
}

/** G4: warnings for a user's address. */
export function userAddressWarnings(email: string): Warning[] {
	return isFreeMailAddress(email) ? [{ code: 'address.free-mail', params: { email } }] : [];
}
