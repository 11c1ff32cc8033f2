import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { signIn } from './fixtures.ts';
import { demoPassword, TesseraProcess } from './tessera-process.ts';
export { shot } from './screenshots.ts';

export const test = base;

/**
 * The billing journeys buy seats, move the test clock and record payments, so each spec file
 * starts its own server process on its own data directory (not the worker's shared one): no
 * other journey ever sees a group they changed or a clock they moved. Call at a file's top.
 */
export function ownServer(): () => TesseraProcess {
	let tessera: TesseraProcess | undefined;
	test.beforeAll(async () => {
		tessera = new TesseraProcess();
		await tessera.start();
	});
	test.afterAll(async () => {
		await tessera?.dispose();
	});
	return () => {
		if (!tessera) throw new Error('the billing server is not started');
		return tessera;
	};
}

export { expect, demoPassword };

export const people = {
	owner: 'olivia.owner@acme.example',
	admin: 'alex.admin@acme.example',
	operator: 'operator@tessera.example'
} as const;

/** Signs in, switches the interface to `language` and waits for the group's sync to be online. */
export async function openBilling(
	page: Page,
	url: string,
	email: string,
	groupId: string,
	language: 'en' | 'fr' | 'de' = 'en'
): Promise<void> {
	await signIn(page, url, email);
	await page.getByRole('combobox', { name: /language|langue|sprache/i }).selectOption(language);
	await expect(page.locator('html')).toHaveAttribute('lang', language);
	await page.goto(`${url}/groups/${groupId}/billing`);
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
	await expect(page.getByTestId('subscription')).toBeVisible();
}

/** A new browser context (its own cookies and IndexedDB) with a page. */
export async function newPage(browser: Browser, locale = 'en-GB'): Promise<Page> {
	const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
	return context.newPage();
}

/** A signed-in API session from Node, as the tests' second actor (e.g. the operator). */
export async function apiSession(url: string, email: string) {
	const login = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password: demoPassword })
	});
	expect(login.status).toBe(200);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	const call = async (
		method: 'GET' | 'POST',
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: {
				cookie,
				origin: url,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		return { status: response.status, body: (await response.json()) as unknown };
	};
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
			call('POST', path, body, headers)
	};
}

/** The group's billing as the operator desk reads it: orders and invoices (to prove nothing moved). */
export interface DeskBilling {
	state: {
		subscription: {
			expiry: string | null;
			support: string | null;
			pendingSupport: { level: string | null } | null;
		};
		orders: { id: string; total: number }[];
		invoices: { id: string; amount: number; status: string; dueOn: string }[];
		lock: { invoiceIds: string[] } | null;
	};
}

/** A signed-in API session. */
export type ApiSession = Awaited<ReturnType<typeof apiSession>>;

/** A group's billing, as the operator desk reads it. */
export async function deskBilling(session: ApiSession, groupId: string) {
	const answer = await session.get(`/api/operator/groups/${groupId}`);
	expect(answer.status).toBe(200);
	return (answer.body as DeskBilling).state;
}

/** The orders of a group, as the operator desk reads them. */
export async function deskOrders(session: ApiSession, groupId: string) {
	return (await deskBilling(session, groupId)).orders;
}

/**
 * Moves the server's test clock to a calendar date (the server runs its scheduler first) and
 * answers the server's new instant, for the browser's clock to follow.
 */
export async function moveClock(url: string, date: string): Promise<number> {
	const response = await fetch(`${url}/api/test/clock`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ now: date })
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { now: number }).now;
}

/** The number of signed ledger events of a group. */
export async function ledgerLength(session: ApiSession, groupId: string) {
	const answer = await session.get(`/api/groups/${groupId}/ledger`);
	expect(answer.status).toBe(200);
	return (answer.body as { events: unknown[] }).events.length;
}

/** Axe's serious and critical findings on the page as it is now, with where they are. */
export async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) => `${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
}
