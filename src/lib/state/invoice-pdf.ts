import type { jsPDF as JsPdf } from 'jspdf';
import type { InvoiceDocument } from './invoice-document.ts';

/** Anything outside Latin-1 and the Windows-1252 extras, which built-in Helvetica can draw. */
const notWinAnsi = /[^\n\u0020-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu;

/**
 * Text the built-in Helvetica can draw. `Intl` separates French thousands with a narrow
 * no-break space (U+202F), which Windows-1252 lacks: one such character makes jsPDF encode the
 * whole string as UTF-16, which Helvetica cannot show. Spaces become plain spaces; anything else
 * outside the encoding becomes "?" rather than garbling the line.
 */
export function pdfText(text: string): string {
	return text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ').replace(notWinAnsi, '?');
}

const page = { width: 210, margin: 18 };
const columns = [18, 96, 118, 150, 192];

/** Draws a block of lines under a bold heading; returns the y below it. */
function block(
	doc: JsPdf,
	x: number,
	y: number,
	heading: string,
	lines: string[],
	width = 80
): number {
	doc.setFont('helvetica', 'bold').setFontSize(10).text(pdfText(heading), x, y);
	doc.setFont('helvetica', 'normal');
	let at = y + 5;
	for (const line of lines) {
		const wrapped = doc.splitTextToSize(pdfText(line), width) as string[];
		doc.text(wrapped, x, at);
		at += 4.5 * wrapped.length;
	}
	return at;
}

/** The lines table: item (wrapped), quantity, unit price, factor and amount right-aligned. */
function table(doc: JsPdf, y: number, headings: string[], rows: string[][]): number {
	const draw = (cells: string[], at: number) => {
		let height = 1;
		cells.forEach((cell, index) => {
			const x = columns[index] ?? page.margin;
			if (index === 0) {
				const wrapped = doc.splitTextToSize(pdfText(cell), 74) as string[];
				doc.text(wrapped, x, at);
				height = wrapped.length;
			} else doc.text(pdfText(cell), x, at, { align: 'right' });
		});
		return at + 5 * height + 1;
	};
	doc.setFont('helvetica', 'bold').setFontSize(9);
	let at = draw(headings, y);
	doc.setDrawColor(160).line(page.margin, at - 4, page.width - page.margin, at - 4);
	doc.setFont('helvetica', 'normal');
	for (const row of rows) at = draw(row, at);
	return at;
}

/**
 * Renders an invoice document as PDF bytes with jsPDF, loaded only now (a dynamic import keeps
 * it out of the app's initial JavaScript). Built-in Helvetica: no font files to ship, and its
 * Windows-1252 encoding covers French and German.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<ArrayBuffer> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'mm', format: 'a4' });
	doc.setLanguage(
		invoice.language === 'de' ? 'de-DE' : invoice.language === 'fr' ? 'fr-FR' : 'en-GB'
	);
	doc.setProperties({
		title: pdfText(invoice.title),
		author: pdfText(invoice.vendor.lines[0] ?? '')
	});
	doc.setFont('helvetica', 'bold').setFontSize(18).text(pdfText(invoice.title), page.margin, 24);
	doc.setFontSize(10);
	const left = block(doc, page.margin, 38, invoice.vendor.heading, invoice.vendor.lines);
	const right = block(doc, 118, 38, invoice.customer.heading, invoice.customer.lines);
	let y = Math.max(left, right) + 4;
	for (const [label, value] of invoice.facts) {
		doc.setFont('helvetica', 'bold').text(pdfText(label), page.margin, y);
		doc.setFont('helvetica', 'normal').text(pdfText(value), 70, y);
		y += 5;
	}
	y = table(doc, y + 6, invoice.table.headings, invoice.table.rows) + 2;
	doc.setFont('helvetica', 'bold').setFontSize(11);
	doc.text(pdfText(invoice.total[0]), columns[3] ?? 150, y, { align: 'right' });
	doc.text(pdfText(invoice.total[1]), columns[4] ?? 192, y, { align: 'right' });
	const payment = invoice.payment;
	y = block(doc.setFontSize(10), page.margin, y + 12, payment.heading, payment.lines, 174);
	doc.setFontSize(8).setTextColor(90);
	for (const line of invoice.footer) {
		const wrapped = doc.splitTextToSize(pdfText(line), page.width - 2 * page.margin) as string[];
		doc.text(wrapped, page.margin, y + 6);
		y += 4 * wrapped.length;
	}
	return doc.output('arraybuffer');
}
