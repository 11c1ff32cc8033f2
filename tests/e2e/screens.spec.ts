import { expect, signIn, test } from './fixtures.ts';
import { shot } from './screenshots.ts';

const languages = ['en', 'fr', 'de'] as const;
const group = '/groups/demo-license-groups';
const tabs = ['', '/users', '/licenses', '/admins', '/history', '/billing'];

for (const language of languages) {
	test(`every screen renders in ${language} and is saved as a screenshot`, async ({
		browser,
		tessera
	}) => {
		const context = await browser.newContext({
			locale: language,
			viewport: { width: 1280, height: 800 }
		});
		const page = await context.newPage();
		await page.goto(`${tessera.url}/login`);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await page.screenshot({ path: shot(language, 'login'), fullPage: true });

		// Olivia's profile says English; switching the language here must win and be kept.
		await signIn(page, tessera.url, 'olivia.owner@acme.example');
		await page.getByRole('combobox').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await page.screenshot({ path: shot(language, 'groups'), fullPage: true });

		for (const tab of tabs) {
			await page.goto(`${tessera.url}${group}${tab}`);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
				'data-connection',
				'online'
			);
			await page.screenshot({
				path: shot(language, `group${tab.replace('/', '-') || '-overview'}`),
				fullPage: true
			});
		}
		await context.close();
	});
}
