import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { registerDevice } from './devices-helpers.ts';

const licenses = '/groups/demo-enterprise-devices/licenses';

async function saved(page: Page): Promise<void> {
	const status = page.getByTestId('sync-status');
	await expect(status.locator('[data-connection]')).toHaveAttribute('data-connection', 'online');
	await expect(status.locator('[data-pending]')).toHaveAttribute('data-pending', 'false');
}

test('a full disk is reported, translated, and loses nothing: the change reaches the server and is stored again once there is room', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext({ locale: 'de' });
	// A full disk, as Chromium reports it: the write's transaction aborts at commit with a
	// QuotaExceededError. (Chromium's quota override does not reach IndexedDB in a test
	// context, so the browser's half is played here; everything after it is Tessera's own code.)
	await context.addInitScript(() => {
		const add = Reflect.get<IDBObjectStore, 'add'>(IDBObjectStore.prototype, 'add');
		IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
			const request = Reflect.apply<
				IDBObjectStore,
				Parameters<IDBObjectStore['add']>,
				IDBRequest<IDBValidKey>
			>(add, this, args);
			if ((globalThis as { diskFull?: boolean }).diskFull === true) {
				// The write itself succeeds; the commit fails, as Chromium's quota check does.
				request.addEventListener('success', () => {
					const full = new DOMException('The disk is full.', 'QuotaExceededError');
					Object.defineProperty(request.transaction, 'error', { value: full });
					request.transaction?.abort();
				});
			}
			return request;
		};
	});
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.getByRole('combobox').selectOption('de');
	await page.goto(tessera.url + licenses);
	await saved(page);
	await expect(page.getByTestId('storage-persistence')).toHaveAttribute(
		'data-state',
		/granted|denied|unsupported/
	);

	await page.evaluate(() => {
		(globalThis as { diskFull?: boolean }).diskFull = true;
	});
	await registerDevice(page, 'FULL-1', 1);
	const alert = page.locator('[data-code="storage.full"]');
	await expect(alert).toBeVisible();
	await expect(alert).toContainText('Der Speicher dieses Geräts ist voll');
	await page.screenshot({
		path: 'tests/e2e/.artifacts/screens/de-storage-full.png',
		fullPage: true
	});

	// Nothing is lost: the change is in memory and the server stores it.
	await saved(page);
	const other = await browser.newContext();
	const camille = await other.newPage();
	await signIn(camille, tessera.url, 'camille.martin@acme.example');
	await camille.goto(tessera.url + licenses);
	await expect(camille.locator('tr[data-device="FULL-1"]')).toBeVisible();

	// Room again: saving again repairs the local copy, which then serves an offline reload.
	await page.evaluate(() => {
		(globalThis as { diskFull?: boolean }).diskFull = false;
	});
	await alert.getByRole('button').click();
	await expect(alert).toHaveCount(0);
	await context.setOffline(true);
	await page.reload();
	await expect(page.locator('tr[data-device="FULL-1"]')).toBeVisible();
	await context.close();
	await other.close();
});
