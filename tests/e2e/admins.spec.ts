import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';

const admins = '/groups/demo-enterprise-devices/admins';

async function saved(page: Page): Promise<void> {
	const status = page.getByTestId('sync-status');
	await expect(status.locator('[data-connection]')).toHaveAttribute('data-connection', 'online');
	await expect(status.locator('[data-pending]')).toHaveAttribute('data-pending', 'false');
}

test('G2/G3 the owner invites an administrator; a bad address is refused and changes nothing', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'olivia.owner@acme.example');
	await page.getByRole('combobox').selectOption('en');
	await page.goto(tessera.url + admins);
	const people = page.getByTestId('people-table').locator('tbody tr');
	await expect(people).not.toHaveCount(0);
	const before = await people.count();
	const form = page.getByTestId('invite-form');

	await form.getByLabel('E-mail address').fill('not-an-address');
	await form.getByRole('button', { name: 'Invite' }).click();
	await expect(form.getByRole('alert')).toHaveText(
		'This is not a valid e-mail address. Check it and try again.'
	);
	await expect(people).toHaveCount(before);
	await expect(page.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);

	// G3: a person's own address is allowed but warned about, as the owner types.
	await form.getByLabel('E-mail address').fill('paul.durand@acme.example');
	await expect(form.getByTestId('address-warning')).toHaveAttribute(
		'data-code',
		'address.not-role-based'
	);
	await form.getByLabel('E-mail address').fill('licenses@acme.example');
	await expect(form.getByTestId('address-warning')).toHaveCount(0);
	await form.getByLabel('Name').fill('Licensing desk');
	await form.getByRole('button', { name: 'Invite' }).click();
	const desk = people.filter({ hasText: 'licenses@acme.example' });
	await expect(desk).toContainText('License administrator');
	await saved(page);
	await expect(desk).toHaveAttribute('data-pending', 'false');
	await expect(people).toHaveCount(before + 1);

	// An address that already has an account is linked; its roles still arrive.
	await form.getByLabel('E-mail address').fill('jonas.weber@acme.example');
	await form.getByRole('button', { name: 'Invite' }).click();
	const jonas = people.filter({ hasText: 'jonas.weber@acme.example' });
	await saved(page);
	await expect(jonas).toContainText('License administrator');
	await expect(jonas).toHaveAttribute('data-pending', 'false');
	await expect(page.locator('[data-code="member.unknown"]')).toHaveCount(0);
	await expect(form.getByTestId('action-outcome')).toHaveAttribute('data-outcome', 'accepted');

	// The owner's screen with the G3 warning showing, in every language.
	for (const language of ['en', 'fr', 'de']) {
		// The choice is kept on the profile; wait for it before reloading other pages.
		const kept = page.waitForResponse(
			(response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH'
		);
		await page.getByRole('banner').getByRole('combobox').selectOption(language);
		await kept;
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await form.locator('#invite-email').fill('paul.durand@acme.example');
		await expect(form.getByTestId('address-warning')).toBeVisible();
		await page.screenshot({
			path: `tests/e2e/.artifacts/screens/${language}-devices-admins.png`,
			fullPage: true
		});
	}
	await page.getByRole('banner').getByRole('combobox').selectOption('en');
});

test('G2 exactly one billable admin: the owner names another; roles change; others only read', async ({
	browser,
	tessera
}) => {
	const ownerContext = await browser.newContext();
	const owner = await ownerContext.newPage();
	await signIn(owner, tessera.url, 'olivia.owner@acme.example');
	await owner.getByRole('combobox').selectOption('en');
	await owner.goto(tessera.url + admins);
	const billable = owner.getByTestId('billable');
	await expect(billable).toContainText('Camille Martin receives every purchase');
	await billable
		.getByLabel('New billable administrator')
		.selectOption({ label: 'Olivia Owner · olivia.owner@acme.example' });
	await billable.getByRole('button', { name: 'Name billable administrator' }).click();
	await expect(billable).toContainText('Olivia Owner receives every purchase');
	await saved(owner);
	const people = owner.getByTestId('people-table').locator('tbody tr');
	await expect(people.locator('[data-role="billable"]')).toHaveCount(1);

	// A new colleague starts as a viewer, then becomes a license administrator.
	const form = owner.getByTestId('invite-form');
	await form.getByLabel('E-mail address').fill('purchasing@acme.example');
	await form.getByLabel('License administrator').uncheck();
	await form.getByLabel('Read-only').check();
	await form.getByRole('button', { name: 'Invite' }).click();
	const purchasing = people.filter({ hasText: 'purchasing@acme.example' });
	await expect(purchasing).toContainText('Read-only');
	await saved(owner);
	await owner.getByRole('button', { name: 'Change the roles of purchasing@acme.example' }).click();
	const editor = owner.getByRole('group', { name: 'Roles of purchasing@acme.example' });
	await editor.getByLabel('Read-only').uncheck();
	await editor.getByLabel('License administrator').check();
	await owner.getByRole('button', { name: 'Save the roles' }).click();
	await saved(owner);
	await expect(purchasing).toContainText('License administrator');
	await expect(purchasing).not.toContainText('Read-only');

	// Camille is a license administrator here: she sees the list, not the owner's controls.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signIn(admin, tessera.url, 'camille.martin@acme.example');
	await admin.getByRole('combobox').selectOption('en');
	await admin.goto(tessera.url + admins);
	await expect(admin.getByTestId('billable')).toContainText('Olivia Owner receives every purchase');
	await expect(admin.getByTestId('owner-only')).toBeVisible();
	await expect(admin.getByTestId('invite-form')).toHaveCount(0);
	await expect(admin.getByRole('button', { name: /Change the roles/ })).toHaveCount(0);
	await ownerContext.close();
	await adminContext.close();
});
