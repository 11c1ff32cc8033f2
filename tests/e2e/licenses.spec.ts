import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { shot } from './screenshots.ts';
import { registerDevice } from './devices-helpers.ts';

const group = '/groups/demo-enterprise-devices';

/** Waits until every change of this page is stored by the server. */
async function saved(page: Page): Promise<void> {
	const status = page.getByTestId('sync-status');
	await expect(status.locator('[data-connection]')).toHaveAttribute('data-connection', 'online');
	await expect(status.locator('[data-pending]')).toHaveAttribute('data-pending', 'false');
}

/** Registers a device for the n-th user of the list, as that user's first sign-in would. */
test('D1 a device code is unique: a duplicate gets a translated message and changes nothing', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.getByRole('combobox').selectOption('en');
	await page.goto(`${tessera.url}${group}/licenses`);
	await registerDevice(page, 'WH-01', 1);
	await registerDevice(page, 'WH-02', 2);
	const rows = page.getByTestId('device-table').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(page.locator('tr[data-device="WH-02"]')).toHaveAttribute('data-pool', 'standard');
	await saved(page);
	await expect(page.getByTestId('register-form').getByTestId('action-outcome')).toHaveAttribute(
		'data-outcome',
		'accepted'
	);

	await registerDevice(page, 'WH-02', 3);
	const form = page.getByTestId('register-form');
	await expect(form.getByRole('alert')).toHaveText(
		'The device code WH-02 is already used in this account. Choose another code.'
	);
	await expect(rows).toHaveCount(2);
	await expect(page.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);

	// The same refusal in French, from the same code.
	await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
	await registerDevice(page, 'WH-01', 3);
	await expect(form.getByRole('alert')).toContainText('Le code appareil WH-01 est déjà utilisé');
	await expect(rows).toHaveCount(2);
	await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
});

test('D2 standard licenses move only by hand: release one, move one, and split a mixed pool', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.getByRole('combobox').selectOption('en');
	await page.goto(`${tessera.url}${group}/licenses`);
	for (const [index, code] of ['SC-01', 'SC-02', 'SC-03'].entries())
		await registerDevice(page, code, index + 1);
	await saved(page);

	await page.getByRole('button', { name: 'Release the license of device SC-01' }).click();
	await expect(page.locator('tr[data-device="SC-01"]')).toHaveAttribute('data-pool', 'none');

	const move = page.getByTestId('move-form');
	await move.getByLabel('From device').selectOption('SC-02');
	await move.getByLabel('To device').selectOption('SC-01');
	await move.getByRole('button', { name: 'Move the license' }).click();
	await expect(page.locator('tr[data-device="SC-02"]')).toHaveAttribute('data-pool', 'none');
	await expect(page.locator('tr[data-device="SC-01"]')).toHaveAttribute('data-pool', 'standard');
	await saved(page);

	// Mixed account: 2 of the 6 licenses float; asking for more than purchased changes nothing.
	const split = page.getByTestId('split-counter');
	await split.getByLabel('Floating licenses').fill('9');
	await split.getByRole('button', { name: 'Change the split' }).click();
	await expect(split.getByRole('alert')).toContainText('cannot exceed the licenses purchased (6)');
	await expect(page.locator('tr[data-pool="floating"]')).toHaveCount(0);
	await split.getByLabel('Floating licenses').fill('2');
	await split.getByRole('button', { name: 'Change the split' }).click();
	const floating = page.getByTestId('pool-table').locator('tr[data-pool="floating"]');
	await expect(floating.locator('td').nth(1)).toHaveText('2');
	await saved(page);

	// H1: the history lists what was done, by whom, in words.
	await page.goto(`${tessera.url}${group}/history`);
	await page.getByLabel('Kind of action').selectOption('devices');
	await expect(page.getByRole('table')).toContainText(
		'License of Counting app (device) moved from device SC-02 to device SC-01'
	);
	await expect(page.getByRole('table')).toContainText('Alex Admin');

	// The screens with devices, a split and their history, in every language.
	for (const language of ['en', 'fr', 'de']) {
		// The choice is kept on the profile; wait for it before reloading other pages.
		const kept = page.waitForResponse(
			(response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH'
		);
		await page.getByRole('banner').getByRole('combobox').selectOption(language);
		await kept;
		for (const tab of ['licenses', 'history']) {
			await page.goto(`${tessera.url}${group}/${tab}`);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await saved(page);
			await page.screenshot({ path: shot(language, `devices-${tab}`), fullPage: true });
		}
	}
	await page.getByRole('banner').getByRole('combobox').selectOption('en');
});

test('D1 the user picker searches as one types, case ignored, and works from the keyboard alone', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example', 'de');
	await page.goto(`${tessera.url}${group}/licenses`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await saved(page);
	const form = page.getByTestId('register-form');
	const picker = form.getByRole('combobox', { name: 'Benutzer' });
	await picker.focus();
	await picker.pressSequentially('ADMIN');
	const options = form.getByRole('option');
	await expect(options).toHaveCount(1);
	await expect(options.first()).toContainText('Alex Admin');
	await page.screenshot({ path: shot('de', 'devices-picker'), fullPage: true });
	await picker.press('ArrowDown');
	await picker.press('ArrowUp');
	await picker.press('Enter');
	await expect(picker).toHaveValue('Alex Admin · alex.admin@acme.example');
	await expect(options).toHaveCount(0);
	await picker.fill('zzz-nobody');
	await expect(form.getByText('Niemand passt zu dieser Suche.')).toBeVisible();
	// Nobody is chosen, so nothing can be registered.
	await expect(form.getByRole('button', { name: 'Gerät registrieren' })).toBeDisabled();
	await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
});
