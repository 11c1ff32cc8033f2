import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../src/lib/domain/index.ts';
import { invoiceDocument, type Translate } from '../../src/lib/state/invoice-document.ts';
import { pdfText, renderInvoicePdf } from '../../src/lib/state/invoice-pdf.ts';
import { bought, newGroup, preset } from '../domain/fixtures.ts';

const policy = preset('license-groups');
const customer = {
	groupId: 'group-1',
	groupName: 'Acme Interiors — Design studio',
	billable: { name: 'Olivia Owner', email: 'licenses@acme.example' }
};

/** The reader's `t` in one language, from the real locale files. */
async function translator(language: 'en' | 'fr' | 'de'): Promise<Translate> {
	const billing: unknown = JSON.parse(readFileSync(`locales/${language}/billing.json`, 'utf8'));
	const instance = i18next.createInstance();
	await instance.init({
		lng: language,
		resources: { [language]: { translation: { billing } } },
		interpolation: { escapeValue: false }
	});
	return (key, params = {}) => instance.t(key, params);
}

/** The invoice of a purchase of `seats` designer seats. */
function invoiceOf(seats: number, term: 'annual' | 'monthly'): Invoice {
	const outcome = bought(policy, newGroup(policy), 'designer', seats, '2026-01-02', term);
	const invoice = Object.values(outcome.state.invoices)[0];
	if (!invoice) throw new Error('no invoice');
	return invoice;
}

async function pdfTextOf(bytes: ArrayBuffer): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	return (await extractText(pdf, { mergePages: true })).text;
}

describe('the invoice PDF', () => {
	it('I1 P5 in French: vendor and customer, lines, total, due date, check or wire over the threshold', async () => {
		const invoice = invoiceOf(12, 'annual');
		const document = invoiceDocument(invoice, policy, customer, await translator('fr'), 'fr');
		expect(document.fileName).toBe(`facture-${invoice.id}.pdf`);
		const text = await pdfTextOf(await renderInvoicePdf(document));
		for (const expected of [
			`Facture ${invoice.id}`,
			'Northwind Software Ltd',
			'Irlande',
			'Acme Interiors — Design studio',
			'Olivia Owner',
			'25 920,00 $US',
			'Échéance',
			'1 février 2026',
			'Licences : Designer seat',
			'chèque ou virement',
			'IBAN IE64'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('I1 P5 in German: card only under the threshold, amounts and dates as Germans write them', async () => {
		const invoice = invoiceOf(2, 'monthly');
		const document = invoiceDocument(invoice, policy, customer, await translator('de'), 'de');
		const text = await pdfTextOf(await renderInvoicePdf(document));
		for (const expected of [
			`Rechnung ${invoice.id}`,
			'Irland',
			'Rechnungsempfänger',
			'440,00 $',
			'Gesamtbetrag',
			'Zahlbar per Kreditkarte.'
		]) {
			expect(text).toContain(expected);
		}
		expect(text).not.toContain('IBAN');
	});

	it('draws only what its font can show: Intl’s narrow spaces become spaces, nothing is garbled', () => {
		expect(pdfText('25\u202f920,00\u00a0$US')).toBe('25 920,00 $US');
		expect(pdfText('Größe € — ’ ×')).toBe('Größe € — ’ ×');
		expect(pdfText('→ ✓')).toBe('? ?');
	});
});
