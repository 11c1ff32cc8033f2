import { expect, test } from './fixtures.ts';
import {
	accountPassword,
	buySeats,
	createGroup,
	giveLicense,
	groupOnline,
	invitationLink,
	memberRow,
	operatorPage,
	person,
	seriousViolations,
	shot,
	signInWith,
	uniqueId
} from './registration-steps.ts';

/**
 * U1 and G4 in the browser: an admin gives a license by e-mail, the invited person reads the
 * link in their e-mail (the operator's outbox: no SMTP here), registers and shows as active to
 * the admin at once. Weak passwords and unusable links get a translated message and change
 * nothing.
 */

const languages = ['en', 'fr', 'de'] as const;

test('U1 G4 an invited person registers from the e-mailed link and the admins see them active', async ({
	browser,
	tessera
}) => {
	const id = uniqueId('reg');
	const invitee = `nina.${id}@gmail.com`;
	const desk = await operatorPage(browser, tessera.url);
	const group = await createGroup(desk.page, {
		id,
		name: 'Globex — Design',
		policyId: 'license-groups'
	});
	const [adminContext, admin] = await person(browser);
	await signInWith(admin, tessera.url, group.admin, accountPassword);
	await buySeats(admin, id, {
		kind: 'set-seats',
		product: 'designer',
		newTotal: 3,
		term: 'monthly'
	});
	await giveLicense(admin, tessera.url, id, invitee, 'Nina');
	await expect(memberRow(admin, invitee)).toContainText('Awaiting user registration');

	const link = await invitationLink(desk.page, tessera.url, invitee);

	// Before registering, the page in every language (the link stays usable until then).
	for (const language of languages) {
		const [context, page] = await person(browser, language);
		await page.goto(link);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expect(page.getByTestId('free-mail-warning')).toContainText(invitee);
		await page.screenshot({ path: shot(language, 'register'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);
		await context.close();
	}

	const [inviteeContext, page] = await person(browser);
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finish your registration');
	await expect(page.getByLabel('E-mail address')).toHaveValue(invitee);
	// G4: a free-mail address is allowed, with the reason it may be refused for extensions.
	await expect(page.getByTestId('free-mail-warning')).toContainText('approved per e-mail domain');
	await page.getByLabel('Your name').fill('Nina Neumann');

	// A weak password is refused on the page with a sentence, and nothing is sent.
	await page.getByLabel('Password', { exact: true }).fill('short');
	await page.getByLabel('Repeat the password').fill('short');
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByTestId('registration-problem')).toHaveText(
		'This password is too short: choose one with at least 10 characters.'
	);
	await page.getByLabel('Password', { exact: true }).fill('aaaaaaaaaaaa');
	await page.getByLabel('Repeat the password').fill('aaaaaaaaaaaa');
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByTestId('registration-problem')).toContainText('too easy to guess');
	await expect(memberRow(admin, invitee)).toContainText('Awaiting user registration');

	await page.getByLabel('Password', { exact: true }).fill(accountPassword);
	await page.getByLabel('Repeat the password').fill(accountPassword);
	await page.getByLabel('Language').selectOption('de');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.getByRole('button', { name: 'Mein Konto anlegen' }).click();

	// Signed in, in the chosen language, on My account.
	await page.waitForURL(/\/account\?welcome=1$/);
	await expect(
		page.getByRole('status').filter({ hasText: 'Willkommen bei Tessera' })
	).toBeVisible();
	await expect(page.locator('header')).toContainText('Nina Neumann');
	// A license holder without a role still sees the license they were given (GET /api/me/licenses).
	await expect(page.locator(`li[data-group="${id}"]`)).toContainText('Globex — Design');
	await page.screenshot({ path: shot('de', 'account-welcome'), fullPage: true });

	// The admin, who kept the Users tab open, sees the person active under their own name.
	const row = memberRow(admin, invitee);
	await expect(row).toContainText('Active');
	await expect(row).toContainText('Nina Neumann');
	await groupOnline(admin);

	// The link is used up.
	await page.goto(link);
	await expect(page.getByTestId('invitation-problem')).toBeVisible();

	await inviteeContext.close();
	await adminContext.close();
	await desk.context.close();
});

test('U1 an unknown invitation link gets a translated message in every language', async ({
	browser,
	tessera
}) => {
	const expected = {
		en: 'This invitation link is not valid',
		fr: 'Ce lien d’invitation',
		de: 'Dieser Einladungslink'
	};
	for (const language of languages) {
		const [context, page] = await person(browser, language);
		await page.goto(`${tessera.url}/register/${'x'.repeat(43)}`);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expect(page.getByTestId('invitation-problem')).toContainText(expected[language]);
		await expect(page.locator('main a[href="/login"]')).toBeVisible();
		await page.screenshot({ path: shot(language, 'register-invalid'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);
		await context.close();
	}
});
