import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';

/** Axe's serious and critical findings on the page as it is now, with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) =>
				`${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
		);
}

async function online(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
}

const tabs = ['', '/users', '/licenses', '/admins', '/history', '/billing'];

for (const language of ['en', 'de'] as const) {
	test(`axe finds no serious or critical violation on any screen (${language})`, async ({
		browser,
		tessera
	}) => {
		// Fourteen screens, each analysed by axe: more than the default minute.
		test.setTimeout(240_000);
		const context = await browser.newContext({ locale: language });
		const page = await context.newPage();
		await page.goto(`${tessera.url}/login`);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		expect(await seriousViolations(page), 'login').toEqual([]);

		// The owner sees every control (invite, roles, billable admin, splits).
		await signIn(page, tessera.url, 'olivia.owner@acme.example');
		await page.getByRole('combobox').selectOption(language);
		expect(await seriousViolations(page), 'group list').toEqual([]);

		for (const group of ['demo-license-groups', 'demo-enterprise-devices']) {
			for (const tab of tabs) {
				await page.goto(`${tessera.url}/groups/${group}${tab}`);
				await online(page);
				expect(await seriousViolations(page), `${group}${tab}`).toEqual([]);
			}
		}
		await context.close();
	});
}

test('the screens work with the keyboard alone: tabs, filters and forms are reachable and labelled', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'olivia.owner@acme.example');
	await page.getByRole('combobox').selectOption('en');
	await page.goto(`${tessera.url}/groups/demo-enterprise-devices/history`);
	await online(page);
	// Every form control of the filters has a label.
	for (const name of ['Kind of action', 'Author', 'From', 'To']) {
		await expect(page.getByLabel(name, { exact: true })).toBeVisible();
	}
	await page.getByLabel('Kind of action', { exact: true }).focus();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Author', { exact: true })).toBeFocused();

	await page.goto(`${tessera.url}/groups/demo-enterprise-devices/admins`);
	await online(page);
	const email = page.getByLabel('E-mail address', { exact: true });
	await email.focus();
	await page.keyboard.type('it-support@acme.example');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
	await page.keyboard.type('IT support');
	// Roles: tab through the three checkboxes to the button and send with Enter.
	for (let step = 0; step < 4; step++) await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Invite' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(
		page.getByTestId('people-table').locator('tbody tr', { hasText: 'it-support@acme.example' })
	).toBeVisible();
});
