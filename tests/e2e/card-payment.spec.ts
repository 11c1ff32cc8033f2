import type { Page } from '@playwright/test';
import {
	apiSession,
	deskBilling,
	demoPassword,
	expect,
	ledgerLength,
	moveClock,
	newPage,
	openBilling,
	ownServer,
	people,
	seriousViolations,
	shot,
	test,
	type ApiSession
} from './billing-journey.ts';

/**
 * Paying an invoice by card in the browser, through the demo card provider the server runs in
 * test mode (a card processor's test mode: 4242 4242 4242 4242 is charged, 4000 0000 0000 0002
 * declined). The design-studio group (preset 000) takes cards under USD 7,800 only (P5).
 */
const server = ownServer();
const group = 'demo-license-groups';

/** `date` plus `days`, as 'YYYY-MM-DD' (UTC). */
const plusDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The owner buys up to `newTotal` seats through the API: a small invoice, under the threshold. */
async function smallInvoice(owner: ApiSession, newTotal: number) {
	const bought = await owner.post(
		`/api/groups/${group}/orders`,
		{ request: { kind: 'set-seats', product: 'designer', newTotal }, password: demoPassword },
		{ 'idempotency-key': crypto.randomUUID() }
	);
	expect(bought.status).toBe(201);
	const invoice = (bought.body as { invoice: { id: string; amount: number; dueOn: string } })
		.invoice;
	expect(invoice.amount).toBeLessThan(780_000);
	return invoice;
}

/** Opens an invoice's details from the list. */
async function openInvoice(page: Page, invoiceId: string) {
	await page.locator(`tr[data-invoice="${invoiceId}"]`).getByRole('button').click();
	const details = page.getByTestId('invoice-details');
	await expect(details).toHaveAttribute('data-invoice', invoiceId);
	return details;
}

/** Types a card into the form, by the labels of the reader's language. */
async function typeCard(
	page: Page,
	card: { number: string; expiry: string; cvc: string; name: string },
	labels: { number: RegExp; expiry: RegExp; cvc: RegExp; name: RegExp }
) {
	const form = page.getByTestId('card-form');
	await form.getByLabel(labels.number).fill(card.number);
	await form.getByLabel(labels.expiry).fill(card.expiry);
	await form.getByLabel(labels.cvc).fill(card.cvc);
	await form.getByLabel(labels.name).fill(card.name);
	return form;
}

const english = {
	number: /Card number/,
	expiry: /Expiry date/,
	cvc: /Security code/,
	name: /Name on the card/
};
const french = {
	number: /Numéro de carte/,
	expiry: /Date d’expiration/,
	cvc: /Cryptogramme/,
	name: /Nom du titulaire/
};

test('P5 I2 G2 the owner pays a locked group’s invoice under the threshold by card: it shows paid and the lock banner goes', async ({
	browser
}) => {
	const url = server().url;
	const desk = await apiSession(url, people.operator);
	const owner = await apiSession(url, people.owner);
	// The opening invoice (over USD 7,800) arrives by wire; a later, small one is left unpaid.
	const [opening] = (await deskBilling(desk, group)).invoices;
	if (!opening) throw new Error('the demo group has no invoice');
	const wired = await desk.post(`/api/operator/groups/${group}/payments`, {
		invoiceId: opening.id,
		amount: opening.amount,
		method: 'wire'
	});
	expect(wired.status).toBe(200);
	const invoice = await smallInvoice(owner, 13);
	const serverNow = await moveClock(url, plusDays(invoice.dueOn, 14));
	const reader = await apiSession(url, people.owner);
	expect(
		(await deskBilling(await apiSession(url, people.operator), group)).lock?.invoiceIds
	).toEqual([invoice.id]);

	const page = await newPage(browser);
	await page.clock.install({ time: serverNow });
	await openBilling(page, url, people.owner, group);
	const lock = page.getByTestId('billing-lock');
	await expect(lock).toHaveAttribute('data-locked', 'true');
	await lock.getByRole('button', { name: `How to pay ${invoice.id}` }).click();
	const details = page.getByTestId('invoice-details');
	await expect(details).toHaveAttribute('data-invoice', invoice.id);
	await expect(details.getByTestId('card-test-mode')).toContainText('4242 4242 4242 4242');
	const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(
		invoice.amount / 100
	);
	const form = await typeCard(
		page,
		{ number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Olivia Owner' },
		english
	);
	await page.screenshot({ path: shot('en', 'billing-card-form'), fullPage: true });
	expect(await seriousViolations(page)).toEqual([]);
	const before = await ledgerLength(reader, group);
	await form.getByRole('button', { name: `Pay ${amount}` }).click();

	const paid = details.getByTestId('card-paid');
	await expect(paid).toContainText(
		`Payment accepted: ${amount} charged (Visa ending in 4242). Invoice ${invoice.id} is paid.`
	);
	await expect(paid).toContainText('The group is unlocked');
	await expect(form.getByRole('button', { name: `Pay ${amount}` })).toBeHidden();
	await expect(page.locator(`tr[data-invoice="${invoice.id}"]`)).toHaveAttribute(
		'data-status',
		'paid'
	);
	await expect(lock).toBeHidden();
	await page.screenshot({ path: shot('en', 'billing-card-paid'), fullPage: true });
	// Opened again later, the invoice still says which card paid it (from the verified ledger).
	await page.goto(`${url}/groups/${group}/billing?invoice=${invoice.id}`);
	await expect(page.getByTestId('invoice-details')).toContainText(' by Visa ending in 4242.');
	// Exactly one payment and the unlock, signed.
	expect(await ledgerLength(reader, group)).toBe(before + 2);
	const deskNow = await apiSession(url, people.operator);
	const after = (await deskBilling(deskNow, group)).invoices.find((i) => i.id === invoice.id);
	expect(after?.status).toBe('paid');
	await page.context().close();
});

test('P5 a declined card and a mistyped one show translated reasons and pay nothing; offline the form says it needs the network', async ({
	browser
}) => {
	const url = server().url;
	const owner = await apiSession(url, people.owner);
	const invoice = await smallInvoice(owner, 14);
	const before = await ledgerLength(owner, group);

	const page = await newPage(browser, 'fr');
	await openBilling(page, url, people.owner, group, 'fr');
	const details = await openInvoice(page, invoice.id);
	// Checked in the browser first: each problem next to its field, nothing sent.
	const form = await typeCard(
		page,
		{ number: '4242 4242 4242 4241', expiry: '13/30', cvc: '12', name: '' },
		french
	);
	await form.getByRole('button', { name: /^Payer / }).click();
	await expect(form.locator('[data-code="card.number-invalid"]')).toHaveText(
		'Ce numéro de carte n’est pas valide. Vérifiez les chiffres.'
	);
	await expect(form.locator('[data-code="card.expiry-invalid"]')).toBeVisible();
	await expect(form.locator('[data-code="card.cvc-invalid"]')).toBeVisible();
	await expect(form.locator('[data-code="card.name-required"]')).toBeVisible();
	await expect(form.getByLabel(french.number)).toHaveAttribute('aria-invalid', 'true');
	await page.screenshot({ path: shot('fr', 'billing-card-form'), fullPage: true });
	expect(await seriousViolations(page)).toEqual([]);

	await typeCard(
		page,
		{ number: '4000 0000 0000 0002', expiry: '12/34', cvc: '123', name: 'Olivia Owner' },
		french
	);
	await form.getByRole('button', { name: /^Payer / }).click();
	await expect(details.getByTestId('card-error')).toHaveText(
		'La carte a été refusée par la banque qui l’a émise. Aucun montant n’a été débité : essayez une autre carte ou contactez votre banque.'
	);
	await expect(form).toHaveAttribute('data-phase', 'refused');
	await page.screenshot({ path: shot('fr', 'billing-card-declined'), fullPage: true });
	await expect(page.locator(`tr[data-invoice="${invoice.id}"]`)).toHaveAttribute(
		'data-status',
		'open'
	);
	expect(await ledgerLength(owner, group)).toBe(before);

	await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(form.getByRole('heading')).toHaveText('Mit Karte bezahlen');
	await page.context().setOffline(true);
	await expect(form.getByTestId('card-offline')).toContainText(
		'Für die Kartenzahlung ist eine Verbindung zum Server nötig.'
	);
	await expect(form.getByRole('button', { name: / bezahlen$/ })).toBeDisabled();
	await page.screenshot({ path: shot('de', 'billing-card-form'), fullPage: true });
	await page.context().setOffline(false);
	expect(await ledgerLength(owner, group)).toBe(before);
	await page.context().close();
});
