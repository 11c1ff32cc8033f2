import type { Page } from '@playwright/test';
import { controlledByServiceWorker, expect, signIn, test } from './fixtures.ts';
import { registerDevice } from './devices-helpers.ts';

const group = '/groups/demo-enterprise-devices';

async function connection(page: Page, state: 'online' | 'offline'): Promise<void> {
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		state
	);
}

async function saved(page: Page): Promise<void> {
	await connection(page, 'online');
	await expect(page.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);
}

test('offline: an admin edits, reloads offline from the service worker and IndexedDB, reconnects, and both admins converge', async ({
	browser,
	tessera
}) => {
	const alexContext = await browser.newContext();
	const camilleContext = await browser.newContext({ locale: 'fr' });
	const alex = await alexContext.newPage();
	const camille = await camilleContext.newPage();
	await signIn(alex, tessera.url, 'alex.admin@acme.example', 'en');
	await signIn(camille, tessera.url, 'camille.martin@acme.example', 'fr');
	await alex.goto(`${tessera.url}${group}/licenses`);
	await camille.goto(`${tessera.url}${group}/licenses`);
	await saved(alex);
	await saved(camille);
	// One visit is enough: the worker controls the page once it has cached the app shell.
	await controlledByServiceWorker(alex);

	await alexContext.setOffline(true);
	await connection(alex, 'offline');
	await registerDevice(alex, 'LAPTOP-7', 1);
	const laptop = alex.locator('tr[data-device="LAPTOP-7"]');
	await expect(laptop).toHaveAttribute('data-pending', 'true');

	// Reload offline: the service worker serves the app, IndexedDB the group and the pending intent.
	const reloaded = await alex.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(alex.getByRole('heading', { level: 1 })).toHaveText(
		'Acme Interiors — Warehouse counting'
	);
	// Offline or trying to connect, never online.
	await expect(alex.getByTestId('sync-status').locator('[data-connection]')).not.toHaveAttribute(
		'data-connection',
		'online'
	);
	await expect(laptop).toHaveAttribute('data-pending', 'true');
	// Any deep link reloads offline too.
	await alex.goto(`${tessera.url}${group}/history`);
	await expect(alex.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
	await alex.goto(`${tessera.url}${group}/licenses`);
	await expect(laptop).toHaveAttribute('data-pending', 'true');
	expect(await alex.evaluate(async () => (await fetch('/healthz')).ok).catch(() => false)).toBe(
		false
	);

	// Meanwhile the other admin keeps working online.
	await registerDevice(camille, 'DESK-3', 2);
	await saved(camille);
	await expect(camille.locator('tr[data-device="LAPTOP-7"]')).toHaveCount(0);

	await alexContext.setOffline(false);
	await saved(alex);
	for (const page of [alex, camille]) {
		for (const code of ['LAPTOP-7', 'DESK-3']) {
			// Standard or floating, depending on what other journeys left free on this server.
			await expect(page.locator(`tr[data-device="${code}"]`)).toHaveAttribute(
				'data-pool',
				/standard|floating/
			);
			await expect(page.locator(`tr[data-device="${code}"]`)).toHaveAttribute(
				'data-pending',
				'false'
			);
		}
	}
	await alexContext.close();
	await camilleContext.close();
});

test('a service worker that cannot be registered is reported, not swallowed', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext();
	await context.route('**/service-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.getByRole('combobox').selectOption('fr');
	await expect(page.getByTestId('worker-failed')).toHaveText(
		'Tessera n’a pas pu s’installer pour l’utilisation hors ligne dans ce navigateur. L’application fonctionne en ligne, mais ses pages ne se rechargeront pas hors ligne.'
	);
	await page.getByRole('combobox').selectOption('en');
	await context.close();
});
