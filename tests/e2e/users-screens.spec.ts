import { expect, signIn, test } from './fixtures.ts';
import { shot } from './screenshots.ts';

/**
 * The Users screen's states that the tab screenshots do not show — one user's panel, the
 * give-license form with the G4 warning, a CSV import with its report, the "recall one" list —
 * rendered in every language and saved under tests/e2e/.artifacts/screens.
 */
const languages = ['en', 'fr', 'de'] as const;
const users = '/groups/demo-license-groups/users';
/** Guests use no seat there: importing into it leaves the seats of other journeys alone. */
const projects = '/groups/demo-named-users/users';

const csv = [
	'email,name,product,rightsGroup',
	'new.person.{lang}@acme.example,New Person,,guest',
	'not-an-address,Broken Row,,guest',
	'other.{lang}@acme.example,Other,no-such-product,guest'
].join('\n');

for (const language of languages) {
	test(`the users screen's panels render in ${language}`, async ({ browser, tessera }) => {
		const context = await browser.newContext({
			locale: language,
			viewport: { width: 1280, height: 900 }
		});
		const page = await context.newPage();
		await signIn(page, tessera.url, 'olivia.owner@acme.example');
		await page.getByRole('combobox').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await page.goto(tessera.url + users);
		await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
			'data-connection',
			'online'
		);

		const first = page.locator('[role="row"][data-member]').first();
		await first.getByRole('button').click();
		await expect(page.getByTestId('member-panel')).toBeVisible();
		await page.screenshot({ path: shot(language, 'users-panel'), fullPage: true });
		await page.getByTestId('member-panel').getByRole('button').first().click();

		await page.locator('button[aria-expanded]').first().click();
		await page.locator('#give-email').fill(`someone.${language}@gmail.com`);
		// Nothing is proposed until the warning is confirmed: this screenshot changes nothing.
		await page.locator('form.give button[type="submit"]').last().click();
		await expect(page.getByTestId('give-warnings')).toBeVisible();
		await page.screenshot({ path: shot(language, 'users-give-warning'), fullPage: true });

		await page.goto(tessera.url + projects);
		await page.locator('button[aria-expanded]').nth(1).click();
		await page.locator('#import-file').setInputFiles({
			name: 'users.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv.replaceAll('{lang}', language))
		});
		await page.locator('form.import button[type="submit"]').click();
		const report = page.getByTestId('import-report');
		await expect(report.locator('tr[data-row="3"][data-code="email-invalid"]')).toBeVisible();
		await expect(report.locator('tr[data-row="4"][data-code="product-unknown"]')).toBeVisible();
		await page.screenshot({ path: shot(language, 'users-import'), fullPage: true });

		await page.goto(`${tessera.url}${users}?product=designer&recall=1`);
		await expect(page.getByTestId('recall-banner')).toBeVisible();
		await page.screenshot({ path: shot(language, 'users-recall'), fullPage: true });
		await context.close();
	});
}
