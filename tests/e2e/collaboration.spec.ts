import { expect, signIn, test } from './fixtures.ts';

const groupPath = '/groups/demo-license-groups/users';

test('two admins: a note typed by one appears for the other without a reload', async ({
	browser,
	tessera
}) => {
	const alexContext = await browser.newContext();
	const camilleContext = await browser.newContext();
	const alex = await alexContext.newPage();
	const camille = await camilleContext.newPage();
	await signIn(alex, tessera.url, 'alex.admin@acme.example');
	await signIn(camille, tessera.url, 'camille.martin@acme.example');
	await alex.goto(tessera.url + groupPath);
	await camille.goto(tessera.url + groupPath);
	await expect(alex.getByTestId('sync-status')).toContainText('Online');
	await expect(camille.getByTestId('sync-status')).toContainText(/En ligne|Online/);

	const firstMember = alex.locator('[role="row"][data-member]').first();
	const memberId = await firstMember.getAttribute('data-member');
	await firstMember.getByRole('button').click();
	await alex.getByTestId('note-field').fill('Needs the 2027 catalogue before Friday');

	await expect(
		camille.locator(`[role="row"][data-member="${memberId}"] [data-testid="note-preview"]`)
	).toHaveText('Needs the 2027 catalogue before Friday');
	// Presence: Camille sees that Alex is here and which member he is editing.
	await expect(camille.getByTestId('presence')).toContainText('Alex Admin');
	await expect(camille.locator(`[role="row"][data-member="${memberId}"]`)).toContainText(
		'Alex Admin'
	);
	await alexContext.close();
	await camilleContext.close();
});

test('an edit saved before a server restart is still there after a reload', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'jonas.weber@acme.example');
	await page.goto(tessera.url + groupPath);
	const member = page.locator('[role="row"][data-member]').nth(2);
	const memberId = await member.getAttribute('data-member');
	await member.getByRole('button').click();
	await page.getByTestId('note-field').fill('Kept across restarts');
	// Only an acknowledged edit is on the server: wait for the indicator to say so.
	await expect(page.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);

	await tessera.restart();
	await page.reload();
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
	await expect(
		page.locator(`[role="row"][data-member="${memberId}"] [data-testid="note-preview"]`)
	).toHaveText('Kept across restarts');
});

test('a wrong password gets a clear message and no session', async ({ page, tessera }) => {
	await page.goto(`${tessera.url}/login`);
	await page.getByLabel(/e-mail/i).fill('alex.admin@acme.example');
	await page.getByLabel(/password/i).fill('not the password');
	await page.getByRole('button', { name: /sign in/i }).click();
	await expect(page.getByRole('alert')).toContainText('do not match');
	await page.goto(`${tessera.url}/`);
	await expect(page).toHaveURL(/\/login/);
});

test('an unknown group shows an explanation, not a blank page', async ({ page, tessera }) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(`${tessera.url}/groups/no-such-group`);
	await expect(page.getByRole('alert')).toContainText('does not exist');
});
