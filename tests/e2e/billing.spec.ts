import type { Request } from '@playwright/test';
import {
	apiSession,
	demoPassword,
	expect,
	ledgerLength,
	newPage,
	openBilling,
	ownServer,
	people,
	seriousViolations,
	shot,
	test
} from './billing-journey.ts';

const server = ownServer();
const group = 'demo-license-groups';

interface Receipt {
	invoiceId: string;
	quote: { total: number; requested: number };
	invoice: { id: string; amount: number; status: string };
	licenseKey: { token: string } | null;
}

test('P3 P4 the owner changes the seat count: the quote shown is what the server charges, after the password; another admin sees the new count', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser);
	const admin = await newPage(browser);
	await openBilling(owner, url, people.owner, group);
	await openBilling(admin, url, people.admin, group);
	const seats = (page: typeof owner) =>
		page.getByTestId('seat-totals').locator('[data-product="designer"]');
	await expect(seats(admin)).toHaveAttribute('data-seats', '12');

	await owner.getByTestId('purchase').getByLabel('New total of licenses').fill('14');
	const quote = owner.getByTestId('quote').first();
	// The formula: each line, the tier and why, the proration's basis, the rounding rule.
	await expect(quote.locator('[data-line="seats"] td').first()).toHaveText(
		/^2 × \$2,160\.00 × \d+\/36[56]$/
	);
	await expect(owner.getByTestId('quote-tier')).toContainText('10 to 24 licenses');
	await expect(owner.getByTestId('quote-tier')).toContainText('will hold 14 licenses');
	await expect(owner.getByTestId('quote-proration')).toContainText('days remaining');
	await expect(owner.getByTestId('quote-rounding')).toContainText('rounded once to the cent');
	await expect(owner.getByTestId('quote-payment')).toContainText('card');
	const shownMinor = Number(await owner.getByTestId('quote-total').getAttribute('data-minor'));
	const shownText = (await owner.getByTestId('quote-total').textContent())?.trim() ?? '';
	expect(shownText).toBe(
		new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(shownMinor / 100)
	);

	const reader = await apiSession(url, people.owner);
	const ledgerBefore = await ledgerLength(reader, group);
	await owner.getByRole('button', { name: /^Buy for/ }).click();
	const dialog = owner.getByRole('dialog', { name: 'Confirm the purchase' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByTestId('server-check')).toHaveText('The server confirms this price.');

	// A wrong password is refused, translated, and nothing is bought; the retry keeps the key.
	const keys: string[] = [];
	owner.on('request', (request: Request) => {
		if (request.url().endsWith(`/api/groups/${group}/orders`)) {
			keys.push(request.headers()['idempotency-key'] ?? '');
		}
	});
	await dialog.getByLabel('Your password').fill('not-the-password');
	await dialog.getByRole('button', { name: 'Confirm and buy' }).click();
	await expect(dialog.getByRole('alert')).toHaveText(
		/The password is not correct\. Nothing was bought/
	);
	expect(await ledgerLength(reader, group)).toBe(ledgerBefore);

	await dialog.getByLabel('Your password').fill(demoPassword);
	const ordered = owner.waitForResponse((response) =>
		response.url().endsWith(`/api/groups/${group}/orders`)
	);
	await dialog.getByRole('button', { name: 'Confirm and buy' }).click();
	const response = await ordered;
	expect(response.status()).toBe(201);
	const receipt = (await response.json()) as Receipt;
	expect(keys).toHaveLength(2);
	expect(keys[1]).toBe(keys[0]);
	// The amount shown is the amount charged and invoiced, to the cent.
	expect(receipt.quote.total).toBe(shownMinor);
	expect(receipt.invoice.amount).toBe(shownMinor);
	await expect(owner.getByTestId('order-receipt')).toContainText(shownText);
	await expect(owner.getByTestId('order-receipt')).toContainText(receipt.invoiceId);
	await expect(dialog).toBeHidden();

	await expect(seats(owner)).toHaveAttribute('data-seats', '14');
	await expect(seats(admin)).toHaveAttribute('data-seats', '14');
	const row = admin.locator(`tr[data-invoice="${receipt.invoiceId}"]`);
	await expect(row).toContainText(shownText);
	await expect(row).toHaveAttribute('data-status', 'open');
	await admin.context().close();
	await owner.context().close();
});

test('G2 another admin sees the quote, and the confirm button says who can buy', async ({
	browser
}) => {
	const url = server().url;
	const admin = await newPage(browser);
	await openBilling(admin, url, people.admin, group);
	await admin.getByTestId('purchase').getByLabel('New total of licenses').fill('20');
	await expect(admin.getByTestId('quote-total')).toBeVisible();
	await expect(admin.getByRole('button', { name: /^Buy for/ })).toBeDisabled();
	await expect(admin.getByTestId('purchase-blocker')).toHaveText(
		'Only the owner of the group (Olivia Owner) can buy or change the number of licenses.'
	);
	await admin.context().close();
});

test('P1 a quantity below the annual-seats minimum gets a translated message and changes nothing', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser);
	await openBilling(owner, url, people.owner, 'demo-annual-seats', 'fr');
	const reader = await apiSession(url, people.owner);
	const before = await ledgerLength(reader, 'demo-annual-seats');
	await owner.getByTestId('purchase').getByLabel('Nouveau total de licences').fill('4');
	const alert = owner.locator('.purchase [role="alert"]');
	await expect(alert).toHaveAttribute('data-code', 'order.below-minimum');
	await expect(alert).toHaveText(
		'La commande minimale est de 5 licences ; vous en avez demandé 4.'
	);
	await expect(owner.getByRole('button', { name: /^Acheter pour/ })).toHaveCount(0);
	await owner.screenshot({ path: shot('fr', 'billing-below-minimum'), fullPage: true });
	expect(await ledgerLength(reader, 'demo-annual-seats')).toBe(before);
	await owner.context().close();
});

test('offline, the quote still works and the confirmation says it needs the network', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser);
	await openBilling(owner, url, people.owner, group, 'de');
	await owner.context().setOffline(true);
	await expect(owner.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'offline'
	);
	await owner.getByTestId('purchase').getByLabel('Neue Gesamtzahl an Lizenzen').fill('30');
	await expect(owner.getByTestId('quote-tier')).toContainText('25 bis 49 Lizenzen');
	await expect(owner.getByTestId('quote-payment')).toContainText('Überweisung');
	await expect(owner.getByRole('button', { name: /^Für .* kaufen/ })).toBeDisabled();
	await expect(owner.getByTestId('purchase-blocker')).toContainText(
		'Für den Kauf ist eine Verbindung zum Server nötig'
	);
	await owner.screenshot({ path: shot('de', 'billing-offline-quote'), fullPage: true });
	await owner.context().setOffline(false);
	await owner.context().close();
});

for (const language of ['fr', 'de'] as const) {
	test(`the billing screen with a live quote, in ${language}`, async ({ browser }) => {
		const url = server().url;
		const owner = await newPage(browser, language);
		await openBilling(owner, url, people.owner, group, language);
		await owner.locator('#purchase-total').fill('26');
		await expect(owner.getByTestId('quote-total')).toBeVisible();
		await owner.screenshot({ path: shot(language, 'billing-quote'), fullPage: true });
		await owner.getByRole('button', { name: /Acheter pour|kaufen/ }).click();
		await expect(owner.getByTestId('server-check')).not.toHaveText(/…/);
		await owner.screenshot({ path: shot(language, 'billing-confirm'), fullPage: true });
		await owner.keyboard.press('Escape');
		await expect(owner.getByRole('dialog')).toBeHidden();
		await owner.context().close();
	});
}

test('the billing screen works with the keyboard alone, and axe finds nothing serious in any of its states', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser);
	await openBilling(owner, url, people.owner, group);
	expect(await seriousViolations(owner), 'billing').toEqual([]);
	const total = owner.getByTestId('purchase').getByLabel('New total of licenses');
	await total.focus();
	await owner.keyboard.type('15');
	await expect(owner.getByTestId('quote-total')).toBeVisible();
	await owner.keyboard.press('Tab');
	await expect(owner.getByRole('button', { name: /^Buy for/ })).toBeFocused();
	expect(await seriousViolations(owner), 'quote').toEqual([]);
	await owner.keyboard.press('Enter');
	const dialog = owner.getByRole('dialog', { name: 'Confirm the purchase' });
	await expect(dialog.getByLabel('Your password')).toBeFocused();
	expect(await seriousViolations(owner), 'confirmation').toEqual([]);
	await owner.keyboard.press('Escape');
	await expect(dialog).toBeHidden();

	await owner.getByTestId('what-if').getByLabel('New total of licenses').fill('30');
	await owner
		.getByRole('button', { name: /^Details of invoice-/ })
		.first()
		.press('Enter');
	await expect(owner.getByTestId('invoice-details')).toBeVisible();
	expect(await seriousViolations(owner), 'what-if and invoice').toEqual([]);
	await owner.context().close();
});
