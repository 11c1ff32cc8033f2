import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
	accountPassword,
	buySeats,
	callApi,
	createGroup,
	operatorPage,
	person,
	readEmail,
	seriousViolations,
	shot,
	signInWith,
	uniqueId
} from './registration-steps.ts';

/**
 * The vendor's desk in the browser: an enterprise account with its G3 warning (D3), a first
 * expiry date on the new group (P7), a wire payment found by search (I2), the outbox. Bad
 * input — a duplicate e-mail, an expiry out of range, an amount that does not match — gets a
 * translated message and changes nothing.
 */

const languages = ['en', 'fr', 'de'] as const;

/** ISO date `days` from today. */
const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Found {
	groups: { id: string }[];
}

async function groupsMatching(page: Page, q: string) {
	return ((await callApi(page, 'GET', `/api/operator/groups?q=${q}`)).body as Found).groups;
}

/** A group with one open invoice of 4 annual seats (USD 9,600: wire or check only, P5). */
async function groupWithInvoice(
	browser: Parameters<typeof person>[0],
	baseUrl: string,
	desk: Page
) {
	const id = uniqueId('pay');
	const group = await createGroup(desk, {
		id,
		name: 'Initech — Studio',
		policyId: 'license-groups'
	});
	expect((await callApi(desk, 'POST', `/api/operator/groups/${id}/cla`, {})).status).toBe(200);
	const [context, owner] = await person(browser);
	await signInWith(owner, baseUrl, group.admin, accountPassword);
	await buySeats(owner, id, {
		kind: 'set-seats',
		product: 'designer',
		newTotal: 4,
		term: 'annual'
	});
	await context.close();
	return group;
}

test('D3 G3 P7 the operator creates an enterprise account and sets the new group’s first expiry', async ({
	browser,
	tessera
}) => {
	const id = uniqueId('ent');
	const { context, page } = await operatorPage(browser, tessera.url);
	await page
		.getByRole('link', { name: /Operator console/ })
		.first()
		.click();
	await page.getByRole('link', { name: 'New enterprise account' }).click();
	await expect(page.getByRole('heading', { name: 'New enterprise account' })).toBeVisible();

	await page.getByLabel('Group id', { exact: true }).fill(id);
	await page.getByLabel('Group name').fill('Umbrella — Warehouse');
	await expect(page.getByLabel('Policy')).toHaveValue('enterprise-devices');
	await expect(page.getByLabel('Vendor id')).toHaveValue('demo-vendor');
	const admin = page
		.locator('fieldset')
		.filter({ has: page.locator('legend', { hasText: 'Administrator account' }) });
	await admin.getByLabel('E-mail address').fill(`marie.dupont@${id}.example`);
	// G3, as the address is typed: a person's own address outlives no one.
	await expect(admin.getByTestId('address-warning')).toContainText(
		'looks like a person’s own address'
	);
	await admin.getByLabel('Name').fill('Marie Dupont');
	await admin.getByLabel('Password').fill('warehouse-admin');

	for (const [index, name] of ['Sam Stock', 'Sam Again'].entries()) {
		await page.getByRole('button', { name: 'Add a user' }).click();
		const user = page.locator(`fieldset[data-user="${index + 1}"]`);
		await user.getByLabel('E-mail address').fill(`sam@${id}.example`);
		await user.getByLabel('Name').fill(name);
		await user.getByLabel('Password').fill('scanner-pass');
		await user.getByLabel('Count stock').check();
	}
	// D3: the same address twice is caught as it is typed, and refused on sending.
	await expect(page.locator('fieldset[data-user="2"]').getByTestId('duplicate-email')).toHaveText(
		`sam@${id}.example is used more than once in this form: everyone needs their own e-mail address.`
	);
	await page.getByRole('button', { name: 'Check and create' }).click();
	await expect(page.getByTestId('account-problem')).toContainText('is used more than once');
	expect(await groupsMatching(page, id)).toEqual([]);

	await page
		.locator('fieldset[data-user="2"]')
		.getByLabel('E-mail address')
		.fill(`sam.again@${id}.example`);
	await page.getByRole('button', { name: 'Check and create' }).click();
	// The dry run's warnings are read before anything exists.
	await expect(page.getByTestId('account-warnings')).toContainText(`marie.dupont@${id}.example`);
	expect(await groupsMatching(page, id)).toEqual([]);
	await page.getByRole('button', { name: 'Create the account anyway' }).click();
	await expect(page.getByTestId('account-created')).toContainText('with 2 users');
	await page.getByRole('link', { name: 'Open the group in the console' }).click();

	// P7 on the brand-new group: a date out of range is refused, then a good one is set.
	await expect(page.getByRole('heading', { name: 'Umbrella — Warehouse' })).toBeVisible();
	await page.getByLabel('Expiry date', { exact: true }).fill(inDays(3 * 365));
	await page.getByRole('button', { name: 'Set the expiry date' }).click();
	await expect(page.getByRole('alert')).toContainText('The expiry date must be between');
	await expect(page.getByTestId('first-expiry')).toHaveText('—');
	const expiry = inDays(200);
	await page.getByLabel('Expiry date', { exact: true }).fill(expiry);
	await page.getByRole('button', { name: 'Set the expiry date' }).click();
	await expect(page.getByTestId('desk-done')).toContainText('the first purchase will end on');
	const detail = (await callApi(page, 'GET', `/api/operator/groups/${id}`)).body as {
		state: { subscription: { firstExpiry: string } };
	};
	expect(detail.state.subscription.firstExpiry).toBe(expiry);
	await expect(page.getByLabel('Expiry date', { exact: true })).toHaveCount(0);
	await context.close();
});

test('I2 the operator finds a group and records a wire payment; a wrong amount changes nothing', async ({
	browser,
	tessera
}) => {
	const { context, page } = await operatorPage(browser, tessera.url);
	const group = await groupWithInvoice(browser, tessera.url, page);
	await page.goto(`${tessera.url}/operator`);
	await page.getByLabel(/role holder’s e-mail/).fill(group.admin);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByTestId('search-count')).toHaveText('1 license group');
	await page.getByRole('link', { name: 'Initech — Studio' }).click();

	const invoice = page.locator('tr[data-invoice]').first();
	await expect(invoice).toHaveAttribute('data-status', 'open');
	await expect(invoice).toContainText('$9,600.00');
	await invoice.getByRole('button', { name: /Record a payment/ }).click();
	await expect(page.getByLabel('Wire transfer')).toBeChecked();
	await page.getByLabel('Amount received (USD)').fill('9,500.00');
	await page.getByRole('button', { name: 'Record the payment' }).click();
	await expect(page.getByTestId('payment-problem')).toContainText('does not match the amount');
	await expect(invoice).toHaveAttribute('data-status', 'open');
	await page.getByLabel('Amount received (USD)').fill('twelve');
	await page.getByRole('button', { name: 'Record the payment' }).click();
	await expect(page.getByTestId('payment-problem')).toContainText('This is not an amount');

	await page.getByLabel('Amount received (USD)').fill('9,600.00');
	await page.getByRole('button', { name: 'Record the payment' }).click();
	await expect(page.getByTestId('desk-done')).toHaveText(
		/Payment of \$9,600\.00 by wire transfer recorded for invoice/
	);
	await expect(invoice).toHaveAttribute('data-status', 'paid');
	await expect(invoice).toContainText('By wire transfer on');

	// The outbox: the owner's invoice and payment e-mails, as they read them.
	await page.getByRole('link', { name: 'E-mail outbox' }).click();
	await page.getByLabel('Filter').fill(group.id);
	const paid = page.locator('li[data-kind="invoice.paid"]');
	expect(await readEmail(page, paid)).toContain('by wire transfer');
	await expect(paid).toContainText('Payment received for invoice');
	await context.close();
});

test('every operator screen renders in en, fr and de', async ({ browser, tessera }) => {
	const { context, page } = await operatorPage(browser, tessera.url);
	const group = await groupWithInvoice(browser, tessera.url, page);
	for (const language of languages) {
		await page.goto(`${tessera.url}/`);
		await page.locator('header select').selectOption(language);
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await page.screenshot({ path: shot(language, 'operator-home'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);

		await page.goto(`${tessera.url}/operator?q=initech`);
		await expect(page.locator(`tr[data-group="${group.id}"]`)).toBeVisible();
		await page.screenshot({ path: shot(language, 'operator-search'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);

		await page.goto(`${tessera.url}/operator/groups/${group.id}`);
		await page.locator('tr[data-invoice] button').first().click();
		await page.locator('#payment-amount').fill('1');
		await page.locator('form[aria-label] button[type="submit"]').click();
		await expect(page.getByTestId('payment-problem')).toBeVisible();
		await page.screenshot({ path: shot(language, 'operator-group'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);

		await page.goto(`${tessera.url}/operator/accounts`);
		await page.locator('#account-group-id').fill(`shots-${language}`);
		await page.locator('#account-group-name').fill('Umbrella — Lab');
		await page.locator('#account-admin-email').fill('pat.smith@umbrella.example');
		await page.locator('#account-admin-name').fill('Pat Smith');
		await page.locator('#account-admin-password').fill('lab-admin-pass');
		await page.locator('button.add').click();
		await page.locator('#account-user-1-email').fill('lab.tech@gmail.com');
		await page.locator('#account-user-1-name').fill('Lab Tech');
		await page.locator('#account-user-1-password').fill('lab-tech-pass');
		await page.locator('form button[type="submit"]').click();
		await expect(page.getByTestId('account-warnings')).toBeVisible();
		await page.screenshot({ path: shot(language, 'operator-account'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);

		await page.goto(`${tessera.url}/operator/outbox`);
		await page.locator('#outbox-filter').fill(group.id);
		await readEmail(page, page.locator('li[data-kind="invoice.issued"]').first());
		await page.screenshot({ path: shot(language, 'operator-outbox'), fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);
	}
	await page.locator('header select').selectOption('en');
	await context.close();
});
