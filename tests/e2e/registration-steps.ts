import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect, signIn } from './fixtures.ts';
export { shot } from './screenshots.ts';

/**
 * Steps shared by the registration, account and operator journeys. Every journey works in a
 * group of its own (unique id), created through the operator's API, so journeys never change
 * the demo groups other files photograph, whatever order files run in on the shared server.
 */

export const operatorEmail = 'operator@tessera.example';

/** The password of the accounts these steps create. */
export const accountPassword = 'violet tractor harbour';

/** Axe's serious and critical findings on the page as it is now, with where they are. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) =>
				`${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
		);
}

/** A group id nobody else uses (lower case, as the server asks). */
export function uniqueId(prefix: string): string {
	return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A JSON call made by the page itself, so that its session cookie and Origin go along. */
export async function callApi(
	page: Page,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: unknown }> {
	return page.evaluate(
		async ({ method, path, body, headers }) => {
			const response = await fetch(path, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers
				},
				body: body === undefined ? null : JSON.stringify(body)
			});
			const text = await response.text();
			return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown };
		},
		{ method, path, body, headers }
	);
}

/** Signs in through the login page with any account's password. */
export async function signInWith(page: Page, baseUrl: string, email: string, password: string) {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel(/e-mail/i).fill(email);
	await page.getByLabel(/password|mot de passe|passwort/i).fill(password);
	await page.getByRole('button', { name: /sign in|se connecter|anmelden/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A new browser context (a person at their own computer) in a language, with a page. */
export async function person(browser: Browser, language = 'en'): Promise<[BrowserContext, Page]> {
	const context = await browser.newContext({
		locale: language,
		viewport: { width: 1280, height: 900 }
	});
	return [context, await context.newPage()];
}

/** The operator, signed in, in a context of their own. */
export async function operatorPage(browser: Browser, baseUrl: string, language = 'en') {
	const [context, page] = await person(browser, language);
	await signIn(page, baseUrl, operatorEmail);
	return { context, page };
}

/** What the operator's API creates for a journey: a group with its role-based admin account. */
export interface JourneyGroup {
	id: string;
	name: string;
	admin: string;
}

/**
 * Creates a license group through `POST /api/operator/enterprise-accounts` as the operator:
 * its admin (owner and billable admin) on `licenses@<id>.example`, and the given users.
 */
export async function createGroup(
	operator: Page,
	options: {
		id: string;
		name: string;
		policyId: string;
		users?: { email: string; name: string; permissions: string[] }[];
	}
): Promise<JourneyGroup> {
	const admin = `licenses@${options.id}.example`;
	const created = await callApi(operator, 'POST', '/api/operator/enterprise-accounts', {
		group: {
			id: options.id,
			name: options.name,
			policyId: options.policyId,
			vendorId: 'demo-vendor'
		},
		admin: {
			email: admin,
			name: `Licenses ${options.name}`,
			password: accountPassword,
			language: 'en'
		},
		users: (options.users ?? []).map((user) => ({
			...user,
			password: accountPassword,
			language: 'en'
		}))
	});
	expect(created.status).toBe(201);
	return { id: options.id, name: options.name, admin };
}

/** The group's owner buys seats through the order API (confirmed with their password, P3). */
export async function buySeats(owner: Page, groupId: string, request: Record<string, unknown>) {
	const bought = await callApi(
		owner,
		'POST',
		`/api/groups/${groupId}/orders`,
		{ request, password: accountPassword },
		{ 'Idempotency-Key': randomUUID() }
	);
	expect(bought.status).toBe(201);
}

/** Waits until the group screen is connected and its documents are synced. */
export async function groupOnline(page: Page) {
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
}

/** U1: an admin gives a license by e-mail on the Users tab, confirming the G4 warning if any. */
export async function giveLicense(
	admin: Page,
	baseUrl: string,
	groupId: string,
	email: string,
	name: string
) {
	await admin.goto(`${baseUrl}/groups/${groupId}/users`);
	await groupOnline(admin);
	await admin.locator('button[aria-expanded]').first().click();
	await admin.locator('#give-email').fill(email);
	await admin.locator('#give-name').fill(name);
	await admin.locator('form.give button[type="submit"]').last().click();
	const warnings = admin.getByTestId('give-warnings');
	if (await warnings.isVisible()) await warnings.getByRole('button').first().click();
	await expect(memberRow(admin, email)).toBeVisible();
}

/** A person's row on the Users tab. */
export function memberRow(page: Page, email: string) {
	return page.locator('[role="row"][data-member]', { hasText: email });
}

/**
 * Opens an e-mail of the outbox screen once the mailer has written it: the screen is
 * refreshed until the e-mail's text is there (it is rendered a moment after the change).
 */
export async function readEmail(outbox: Page, mail: Locator): Promise<string> {
	const summary = mail.locator('button[aria-expanded]');
	await expect(async () => {
		await outbox.getByTestId('outbox-refresh').click();
		await expect(summary).toBeVisible({ timeout: 1000 });
		if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
		await expect(mail.getByTestId('email-text')).toBeVisible({ timeout: 1000 });
	}).toPass();
	return (await mail.getByTestId('email-text').textContent()) ?? '';
}

/**
 * The invitation link, read the way the invited person would read their e-mail: the operator
 * opens the outbox screen (no SMTP here: e-mails are kept), finds the invitation to that
 * address and reads the link in its text.
 */
export async function invitationLink(
	operator: Page,
	baseUrl: string,
	email: string
): Promise<string> {
	await operator.goto(`${baseUrl}/operator/outbox`);
	await operator.locator('#outbox-filter').fill(email);
	const text = await readEmail(
		operator,
		operator.locator('li[data-kind="invitation.sent"]', { hasText: email })
	);
	const link = /https?:\/\/\S+\/register\/[\w-]+/.exec(text)?.[0];
	if (!link) throw new Error(`no invitation link in: ${text}`);
	return link;
}
