import type { Page } from '@playwright/test';
import { controlledByServiceWorker, expect, signIn, test } from './fixtures.ts';
import { shot } from './screenshots.ts';
import { registerDevice } from './devices-helpers.ts';

/**
 * D-suite in Chromium: every route of the app reloads offline after one visit, and a browser
 * whose IndexedDB was wiped gets everything back from the server.
 */

const group = '/groups/demo-enterprise-devices';

async function saved(page: Page): Promise<void> {
	const status = page.getByTestId('sync-status');
	await expect(status.locator('[data-connection]')).toHaveAttribute('data-connection', 'online');
	await expect(status.locator('[data-pending]')).toHaveAttribute('data-pending', 'false');
}

/** Loads a path while offline and checks the service worker served it and the app rendered. */
async function reloadsOffline(page: Page, url: string): Promise<void> {
	const response = await page.goto(url);
	expect(response?.fromServiceWorker(), url).toBe(true);
	await expect(page.getByRole('heading', { level: 1 }), url).toBeVisible();
	await expect(page.locator('body'), url).not.toContainText(/404|500|internal error/i);
	const name = new URL(url).pathname.replaceAll('/', '-').replace(/^-$/, '-home');
	await page.screenshot({ path: shot('en', `offline${name}`), fullPage: true });
}

test('D-suite: every route reloads offline after one visit (admin routes, account, login, registration link, operator console)', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example', 'en');
	await page.goto(`${tessera.url}${group}/licenses`);
	await saved(page);
	await controlledByServiceWorker(page);
	await context.setOffline(true);

	const tabs = ['', '/users', '/licenses', '/admins', '/history', '/billing'];
	for (const tab of tabs) {
		await reloadsOffline(page, `${tessera.url}${group}${tab}`);
		// The group comes from IndexedDB: its name, not a loading or error state.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Acme Interiors — Warehouse counting'
		);
	}
	for (const path of ['/', '/account', '/login', '/register/an-invitation-token']) {
		await reloadsOffline(page, `${tessera.url}${path}`);
	}
	await context.close();

	const operatorContext = await browser.newContext();
	const operator = await operatorContext.newPage();
	await signIn(operator, tessera.url, 'operator@tessera.example');
	await controlledByServiceWorker(operator);
	await operatorContext.setOffline(true);
	for (const path of [
		'/operator',
		'/operator/accounts',
		'/operator/outbox',
		'/operator/groups/demo-annual-seats'
	]) {
		await reloadsOffline(operator, `${tessera.url}${path}`);
	}
	await operatorContext.close();
});

test('D-suite: wiping IndexedDB brings the group, its pending-free devices and its verified ledger back from the server', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example', 'en');
	await page.goto(`${tessera.url}${group}/licenses`);
	await saved(page);
	await registerDevice(page, 'WIPE-1', 1);
	const device = page.locator('tr[data-device="WIPE-1"]');
	await expect(device).toHaveAttribute('data-pending', 'false');
	await saved(page);
	await page.goto(`${tessera.url}${group}/history`);
	const summary = page.getByTestId('ledger-summary').locator('[data-verified]');
	await expect(summary).not.toHaveAttribute('data-verified', '0');
	const verifiedBefore = Number(await summary.getAttribute('data-verified'));
	expect(verifiedBefore).toBeGreaterThan(0);

	// Wipe every database of this origin, from a page that holds none of them open.
	await page.goto(`${tessera.url}/account`);
	const wiped = await page.evaluate(async () => {
		const names = (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []));
		await Promise.all(
			names.map(
				(name) =>
					new Promise<void>((resolve, reject) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = () => {
							resolve();
						};
						request.onerror = () => {
							reject(new Error(`could not delete ${name}`));
						};
					})
			)
		);
		return names;
	});
	expect(wiped.length).toBeGreaterThan(0);
	await page.close();

	const fresh = await context.newPage();
	await fresh.goto(`${tessera.url}${group}/licenses`);
	await saved(fresh);
	await expect(fresh.locator('tr[data-device="WIPE-1"]')).toHaveAttribute('data-pending', 'false');
	await fresh.goto(`${tessera.url}${group}/history`);
	const restored = fresh.getByTestId('ledger-summary');
	await expect
		.poll(async () =>
			Number(await restored.locator('[data-verified]').getAttribute('data-verified'))
		)
		.toBeGreaterThanOrEqual(verifiedBefore);
	await expect(restored.locator('[data-failed]')).toHaveCount(0);
	expect(await fresh.evaluate(async () => (await indexedDB.databases()).length)).toBeGreaterThan(0);
	await context.close();
});
