import type { Page } from '@playwright/test';
import {
	apiSession,
	deskOrders,
	expect,
	ledgerLength,
	newPage,
	openBilling,
	ownServer,
	people,
	shot,
	test
} from './billing-journey.ts';

const server = ownServer();

const whatIf = (page: Page) => page.getByTestId('what-if');
const cell = (page: Page, row: string, side: 'today' | 'after') =>
	whatIf(page).locator(`tr[data-row="${row}"] td[data-side="${side}"]`);

test('P4 P10 an owner tries a tier crossing and auto-renewal off in what-if: nothing is ordered, no ledger event', async ({
	browser
}) => {
	const url = server().url;
	const group = 'demo-license-groups';
	const owner = await newPage(browser);
	await openBilling(owner, url, people.owner, group);
	const reader = await apiSession(url, people.owner);
	const desk = await apiSession(url, people.operator);
	const ledgerBefore = await ledgerLength(reader, group);
	const ordersBefore = (await deskOrders(desk, group)).length;
	const sent: string[] = [];
	owner.on('request', (request) => {
		if (request.method() === 'POST') sent.push(new URL(request.url()).pathname);
	});

	await whatIf(owner).getByLabel('New total of licenses').fill('25');
	await whatIf(owner).getByLabel('Automatic renewal').selectOption('off');
	await expect(cell(owner, 'seats-designer', 'today')).toHaveText('12');
	await expect(cell(owner, 'seats-designer', 'after')).toContainText('25');
	// 13 seats at the 25+ tier ($1,920.00), not 25 repriced: earlier purchases keep their price.
	await expect(whatIf(owner).getByTestId('quote-tier')).toContainText('25 to 49 licenses');
	await expect(whatIf(owner).locator('[data-line="seats"] td').first()).toContainText(
		'13 × $1,920.00'
	);
	const charged = await whatIf(owner).getByTestId('quote-total').textContent();
	await expect(cell(owner, 'charged', 'after')).toContainText(charged?.trim() ?? '-');
	await expect(cell(owner, 'charged', 'today')).toHaveText('$0.00');
	await expect(cell(owner, 'auto-renew', 'after')).toContainText('Off');
	await expect(cell(owner, 'next', 'after')).toContainText('None: the subscription ends on');
	await expect(cell(owner, 'renewal', 'after')).toContainText('$48,000.00');
	await expect(whatIf(owner).getByRole('note')).toHaveText(
		'This is a simulation: nothing has been bought, sent or saved.'
	);

	expect(sent.filter((path) => path.includes('/orders'))).toEqual([]);
	expect(await ledgerLength(reader, group)).toBe(ledgerBefore);
	expect(await deskOrders(desk, group)).toHaveLength(ordersBefore);
	await owner.reload();
	await expect(
		owner.getByTestId('seat-totals').locator('[data-product="designer"]')
	).toHaveAttribute('data-seats', '12');
	await expect(owner.getByTestId('auto-renew')).toHaveText('On');
	await owner.context().close();
});

for (const language of ['fr', 'de'] as const) {
	test(`P9 what-if: the renewal without premier support, beside today, in ${language}`, async ({
		browser
	}) => {
		const url = server().url;
		const owner = await newPage(browser, language);
		await openBilling(owner, url, people.owner, 'demo-annual-seats', language);
		const today = await cell(owner, 'renewal', 'today').textContent();
		await whatIf(owner).locator('#whatif-support').selectOption('');
		await whatIf(owner).locator('#whatif-seats').fill('10');
		await expect(cell(owner, 'support', 'after')).toContainText(
			language === 'fr' ? 'Sans support' : 'Ohne Support'
		);
		// 8 licences at £360 + 20 % premier support = £3,456; without support and with 10: £3,600.
		expect(today).toContain(language === 'fr' ? '3\u202f456,00' : '3.456,00');
		await expect(cell(owner, 'renewal', 'after')).toContainText(
			language === 'fr' ? '3\u202f600,00' : '3.600,00'
		);
		await owner.screenshot({ path: shot(language, 'billing-what-if'), fullPage: true });
		await owner.context().close();
	});
}
