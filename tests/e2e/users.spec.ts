import { expect, signIn, test } from './fixtures.ts';
import { ensureFreeSeats, online, rowWith, seats } from './users-helpers.ts';

const designStudio = '/groups/demo-license-groups';
const projects = '/groups/demo-named-users';
const backOffice = '/groups/demo-modules-packs';

test('U1 give a license by e-mail: G4 warns, then "Awaiting user registration", pending until decided', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(tessera.url + designStudio);
	await ensureFreeSeats(page, designStudio, 'designer', 1);
	await page.goto(`${tessera.url}${designStudio}/users`);
	await online(page);

	// Offline, so that the pending state lasts until we reconnect.
	await context.setOffline(true);
	await page.locator('button[aria-expanded]').first().click();
	await page.locator('#give-email').fill('kim.free@gmail.com');
	await page.locator('#give-name').fill('Kim Free');
	await page.locator('form.give button[type="submit"]').last().click();
	const warning = page.getByTestId('give-warnings');
	await expect(warning).toContainText('free-mail address');
	await expect(rowWith(page, 'kim.free@gmail.com')).toHaveCount(0);
	await warning.getByRole('button', { name: 'Give it anyway' }).click();

	const row = rowWith(page, 'kim.free@gmail.com');
	await expect(row).toHaveAttribute('data-pending', 'true');
	await expect(row).toContainText('Awaiting user registration');
	await expect(row.locator('[data-pending="give"]')).toContainText('being given');
	await expect(page.getByTestId('pending-count')).toContainText('waiting for the server');

	await context.setOffline(false);
	await expect(row).not.toHaveAttribute('data-pending', 'true');
	await expect(row).toContainText('Awaiting user registration');
	await expect(row.locator('[data-seat="designer"]')).not.toHaveAttribute('data-pending');
	await expect(page.getByTestId('pending-count')).toHaveCount(0);
	await context.close();
});

test('bad input: an invalid e-mail gets a translated message and proposes nothing', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'camille.martin@acme.example', 'fr');
	await page.goto(`${tessera.url}${designStudio}/users`);
	await online(page);
	const count = await page.getByTestId('users-count').innerText();

	await page.getByRole('button', { name: 'Attribuer une licence' }).click();
	await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
	await page.getByRole('button', { name: 'Attribuer la licence' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'« pas-une-adresse » n’est pas une adresse e-mail valide'
	);
	await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Adresse e-mail')).toBeFocused();

	await page.getByLabel('Adresse e-mail').fill('');
	await page.getByRole('button', { name: 'Attribuer la licence' }).click();
	await expect(page.getByRole('alert')).toContainText('Saisissez l’adresse e-mail');

	await expect(page.getByTestId('users-count')).toHaveText(count);
	await expect(page.getByTestId('pending-count')).toHaveCount(0);
	await expect(page.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);
});

test('search finds names without accents and any case; filters narrow by status and license', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(`${tessera.url}${designStudio}/users`);
	await online(page);
	const rows = page.locator('[role="row"][data-member]');

	await page.getByLabel('Search', { exact: true }).fill('MULLER');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Louis Müller');
	await expect(page.getByTestId('users-count')).toContainText('1 shown of');

	await page.getByLabel('Search', { exact: true }).fill('');
	await page.getByLabel('Status', { exact: true }).selectOption('awaiting-registration');
	await expect(rows.first()).toBeVisible();
	for (const status of await rows.locator('[role="cell"] .badge').allInnerTexts())
		expect(status).toBe('Awaiting user registration');

	await page.getByLabel('Status', { exact: true }).selectOption('');
	await page.getByLabel('License', { exact: true }).selectOption('designer');
	await expect(rows.first()).toBeVisible();
	for (const row of await rows.all())
		await expect(row.locator('[data-seat="designer"]')).toBeVisible();
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(page.getByLabel('License', { exact: true })).toHaveValue('');
});

test('U2 recall from a user’s page, then give the license back', async ({ page, tessera }) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(tessera.url + designStudio);
	const before = await seats(page, designStudio);
	await page.goto(`${tessera.url}${designStudio}/users?product=designer&recall=1`);
	await online(page);
	const holder = page.locator('[role="row"][data-member]').first();
	const memberId = await holder.getAttribute('data-member');
	const row = page.locator(`[role="row"][data-member="${memberId}"]`);
	await page.getByRole('button', { name: 'Show all users' }).click();
	await row.getByRole('button').first().click();

	const panel = page.getByTestId('member-panel');
	await panel.getByRole('button', { name: 'Recall' }).click();
	await expect(row.locator('[data-seat="designer"]')).toHaveCount(0);
	await expect(panel.locator('[data-seat="designer"]')).toContainText('no license');
	expect((await seats(page, designStudio)).free).toBe(before.free + 1);

	await page.goto(`${tessera.url}${designStudio}/users`);
	await row.getByRole('button').first().click();
	await panel.getByRole('button', { name: 'Give', exact: true }).click();
	await expect(row.locator('[data-seat="designer"]')).toBeVisible();
	expect((await seats(page, designStudio)).free).toBe(before.free);
});

test('U3 moving an employee to guest frees their seat (rights groups)', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'jonas.weber@acme.example', 'de');
	await page.goto(`${tessera.url}${projects}/users`);
	await online(page);
	await page.getByLabel('Rechtegruppe').selectOption('employee');
	const employee = page.locator('[role="row"][data-member]').first();
	const memberId = await employee.getAttribute('data-member');
	await expect(employee.locator('[data-seat="workspace"]')).toBeVisible();
	await employee.getByRole('button').first().click();
	await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();

	const panel = page.getByTestId('member-panel');
	await panel.getByLabel('Rechtegruppe').selectOption('guest');
	await panel.getByRole('button', { name: 'Ändern' }).click();
	const row = page.locator(`[role="row"][data-member="${memberId}"]`);
	await expect(row).toContainText('Gast');
	await expect(row).not.toHaveAttribute('data-pending', 'true');
	await expect(row.locator('[data-seat="workspace"]')).toHaveCount(0);
	await expect(panel.locator('[data-seat="workspace"]')).toContainText('keine Lizenz');
});

test('P12 module access is given from the user’s page', async ({ page, tessera }) => {
	await signIn(page, tessera.url, 'camille.martin@acme.example', 'fr');
	await page.goto(`${tessera.url}${backOffice}/users`);
	await online(page);
	const row = page
		.locator('[role="row"][data-member]')
		.filter({ hasNot: page.locator('[data-seat="crm"]') })
		.first();
	const memberId = await row.getAttribute('data-member');
	await row.getByRole('button').first().click();
	const panel = page.getByTestId('member-panel');
	await panel.locator('[data-seat="crm"]').getByRole('button', { name: 'Donner l’accès' }).click();
	const same = page.locator(`[role="row"][data-member="${memberId}"]`);
	await expect(same.locator('[data-seat="crm"]')).toBeVisible();
	await expect(same).not.toHaveAttribute('data-pending', 'true');
	await expect(panel.locator('[data-seat="crm"]')).toContainText('a une licence');
});

test('a read-only viewer can search but not give, import or recall', async ({ page, tessera }) => {
	await signIn(page, tessera.url, 'vera.viewer@acme.example');
	await page.goto(`${tessera.url}${designStudio}/users`);
	await online(page);
	await expect(page.getByRole('button', { name: 'Give a license' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Import CSV' })).toBeDisabled();
	await page.locator('[role="row"][data-member]').first().getByRole('button').click();
	const panel = page.getByTestId('member-panel');
	await expect(panel.locator('li button').first()).toBeVisible();
	for (const button of await panel.locator('li button').all()) await expect(button).toBeDisabled();
	await expect(panel.getByTestId('note-field')).toHaveAttribute('readonly', '');
});

test('the users screen works with the keyboard alone: search, open a user, close back to the row', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(`${tessera.url}${designStudio}/users`);
	await online(page);
	await page.getByLabel('Search', { exact: true }).focus();
	await page.keyboard.type('hugo');
	const row = rowWith(page, 'Hugo Fischer');
	await expect(page.locator('[role="row"][data-member]')).toHaveCount(1);
	// Search → status → license filter → clear filters → the row's name.
	for (let step = 0; step < 4; step++) await page.keyboard.press('Tab');
	await expect(row.getByRole('button', { name: 'Open Hugo Fischer' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Hugo Fischer' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(
		page.getByTestId('member-panel').getByRole('button', { name: 'Close' })
	).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('member-panel')).toHaveCount(0);
	await expect(row.getByRole('button', { name: 'Open Hugo Fischer' })).toBeFocused();
});
