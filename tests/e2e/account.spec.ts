import { expect, test } from './fixtures.ts';
import {
	accountPassword,
	buySeats,
	callApi,
	createGroup,
	groupOnline,
	memberRow,
	operatorPage,
	person,
	seriousViolations,
	shot,
	signInWith,
	uniqueId
} from './registration-steps.ts';

/**
 * U5 on My account: only the user renames themselves, and the admins see the new name at once;
 * the language follows the profile. "My licenses" and "my devices" come from the groups'
 * authority documents.
 */

const languages = ['en', 'fr', 'de'] as const;

test('U5 a user renames themselves on My account and the admins see the new name', async ({
	browser,
	tessera
}) => {
	const id = uniqueId('acct');
	const user = `ida.lund@${id}.example`;
	const desk = await operatorPage(browser, tessera.url);
	const group = await createGroup(desk.page, {
		id,
		name: 'Globex — Warehouse',
		policyId: 'enterprise-devices',
		users: [{ email: user, name: 'Ida Lund', permissions: ['count'] }]
	});
	const [adminContext, admin] = await person(browser);
	await signInWith(admin, tessera.url, group.admin, accountPassword);
	await admin.goto(`${tessera.url}/groups/${id}/users`);
	await groupOnline(admin);
	await expect(memberRow(admin, user)).toContainText('Ida Lund');

	const [userContext, page] = await person(browser);
	await signInWith(page, tessera.url, user, accountPassword);
	await page.getByRole('navigation').getByRole('link', { name: 'My account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
	const name = page.getByLabel('Name', { exact: true });
	await expect(name).toHaveValue('Ida Lund');

	// An empty name is refused with a sentence; nothing is sent.
	await name.fill('   ');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('alert')).toHaveText('Please enter your name.');
	await expect(memberRow(admin, user)).toContainText('Ida Lund');

	await name.fill('Ida Lund-Berg');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('profile-saved')).toHaveText(
		'Your new name is saved. Your administrators see it in 1 license group.'
	);
	await expect(page.locator('header')).toContainText('Ida Lund-Berg');

	// The admin's Users tab, open all along, shows the new name without a reload.
	await expect(memberRow(admin, user)).toContainText('Ida Lund-Berg');

	// The language saved on the profile comes back at the next sign-in.
	await page.locator('#profile-language').selectOption('fr');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByText('Langue enregistrée.')).toBeVisible();
	const me = await callApi(page, 'GET', '/api/me');
	expect((me.body as { user: unknown }).user).toMatchObject({
		language: 'fr',
		name: 'Ida Lund-Berg'
	});

	await userContext.close();
	await adminContext.close();
	await desk.context.close();
});

test('D1 My account lists my licenses per group and my devices, in every language', async ({
	browser,
	tessera
}) => {
	const id = uniqueId('dev');
	const desk = await operatorPage(browser, tessera.url);
	const group = await createGroup(desk.page, {
		id,
		name: 'Globex — Counting',
		policyId: 'enterprise-devices'
	});
	expect((await callApi(desk.page, 'POST', `/api/operator/groups/${id}/cla`, {})).status).toBe(200);
	const [context, page] = await person(browser);
	await signInWith(page, tessera.url, group.admin, accountPassword);
	await buySeats(page, id, { kind: 'set-seats', product: 'counter', newTotal: 2, term: 'annual' });
	// The admin signs in on a scanner: the device takes a license (D1).
	const activated = await callApi(page, 'POST', '/api/devices/activate', {
		account: id,
		deviceCode: 'SCAN-01',
		fingerprint: 'fp-scan-01',
		email: group.admin,
		password: accountPassword
	});
	expect(activated.status).toBe(200);

	for (const language of languages) {
		await page.goto(`${tessera.url}/`);
		await page.locator('header select').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await page.goto(`${tessera.url}/account`);
		const card = page.locator(`li[data-group="${id}"]`);
		await expect(card).toContainText('Globex — Counting');
		await expect(page.getByRole('row', { name: /SCAN-01/ })).toContainText('Counting app (device)');
		await page.screenshot({ path: shot(language, 'account'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);
	}
	await page.locator('header select').selectOption('en');
	await context.close();
	await desk.context.close();
});
