import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import {
	apiSession,
	deskBilling,
	demoPassword,
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
const group = 'demo-license-groups';

/** Opens an invoice's details from the list. */
async function openInvoice(page: Page, invoiceId: string) {
	await page.locator(`tr[data-invoice="${invoiceId}"]`).getByRole('button').click();
	const details = page.getByTestId('invoice-details');
	await expect(details).toHaveAttribute('data-invoice', invoiceId);
	return details;
}

/** Clicks the PDF button and returns the downloaded file's name and text. */
async function downloadPdf(page: Page, button: RegExp) {
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: button }).click();
	const download = await downloading;
	const bytes = await readFile(await download.path());
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text } = await extractText(pdf, { mergePages: true });
	return { name: download.suggestedFilename(), text };
}

test('I1 an invoice PDF downloads in French and in German, with the vendor’s and the customer’s details', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser, 'fr');
	await openBilling(owner, url, people.owner, group, 'fr');
	const [invoice] = (await deskBilling(await apiSession(url, people.operator), group)).invoices;
	if (!invoice) throw new Error('the demo group has no invoice');
	await openInvoice(owner, invoice.id);
	await owner.screenshot({ path: shot('fr', 'billing-invoice'), fullPage: true });

	const french = await downloadPdf(owner, /Télécharger le PDF/);
	expect(french.name).toBe(`facture-${invoice.id}.pdf`);
	for (const expected of [
		`Facture ${invoice.id}`,
		'Northwind Software Ltd',
		'Dublin D02 X285',
		'Irlande',
		'Acme Interiors — Design studio',
		'Olivia Owner',
		'Licences : Designer seat',
		'25 920,00 $US',
		'Échéance',
		'Payable par chèque ou virement.',
		`Virement avec la référence ${invoice.id}`
	]) {
		expect(french.text).toContain(expected);
	}

	await owner.getByRole('combobox', { name: 'Langue' }).selectOption('de');
	await expect(owner.locator('html')).toHaveAttribute('lang', 'de');
	await owner.screenshot({ path: shot('de', 'billing-invoice'), fullPage: true });
	const german = await downloadPdf(owner, /PDF herunterladen/);
	expect(german.name).toBe(`rechnung-${invoice.id}.pdf`);
	for (const expected of [
		`Rechnung ${invoice.id}`,
		'Irland',
		'Rechnungsempfänger',
		'Olivia Owner',
		'25.920,00 $',
		'Gesamtbetrag',
		'Zahlbar per Scheck oder Überweisung.',
		'Fällig'
	]) {
		expect(german.text).toContain(expected);
	}
	await owner.context().close();
});

test('P5 a card for an amount over the threshold gets a translated message and changes nothing; check and wire show how to pay', async ({
	browser
}) => {
	const url = server().url;
	const owner = await newPage(browser, 'fr');
	await openBilling(owner, url, people.owner, group, 'fr');
	const reader = await apiSession(url, people.owner);
	const desk = await apiSession(url, people.operator);
	const before = await ledgerLength(reader, group);
	const [invoice] = (await deskBilling(desk, group)).invoices;
	if (!invoice) throw new Error('the demo group has no invoice');
	const details = await openInvoice(owner, invoice.id);
	await expect(details.getByTestId('pay-check')).toContainText('Northwind Software Ltd');
	await details.getByLabel('Virement').check();
	await expect(details.getByTestId('pay-wire')).toContainText('IBAN IE64');
	await details.getByLabel('Carte bancaire').check();
	await expect(details.getByTestId('method-refused')).toHaveText(
		'Le paiement par carte bancaire n’est accepté que pour les factures inférieures à 7\u202f800,00\u00a0$US ; celle-ci s’élève à 25\u202f920,00\u00a0$US. Réglez-la par chèque ou virement.'
	);
	await owner.screenshot({ path: shot('fr', 'billing-card-refused'), fullPage: true });
	expect(await ledgerLength(reader, group)).toBe(before);
	const after = (await deskBilling(desk, group)).invoices.find((i) => i.id === invoice.id);
	expect(after?.status).toBe('open');

	// Under the threshold it is the other way round: card only, and wire is explained.
	const bought = await reader.post(
		`/api/groups/${group}/orders`,
		{ request: { kind: 'set-seats', product: 'designer', newTotal: 13 }, password: demoPassword },
		{ 'idempotency-key': crypto.randomUUID() }
	);
	expect(bought.status).toBe(201);
	const small = (bought.body as { invoiceId: string }).invoiceId;
	const smallDetails = await openInvoice(owner, small);
	// The demo card provider is on in test mode: the owner may pay it right here (card-payment.spec.ts).
	await expect(smallDetails.getByTestId('card-form')).toBeVisible();
	await smallDetails.getByLabel('Virement').check();
	await expect(smallDetails.getByTestId('method-refused')).toContainText(
		'Le paiement par virement est réservé aux factures d’au moins 7\u202f800,00\u00a0$US'
	);
	await owner.context().close();
});
