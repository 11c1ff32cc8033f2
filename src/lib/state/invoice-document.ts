import type { Invoice, Line, PaymentMethod, Policy } from '$lib/domain/index.ts';
import { allowedPaymentMethods, roundingRule } from '$lib/domain/index.ts';
import { formatDate, formatMoney, formatNumber } from '$lib/i18n/format.ts';

/** Translates a key with parameters (i18next's `t`, in the reader's language). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Who is billed: the group and its billable admin (I3). */
export interface InvoiceCustomer {
	groupId: string;
	groupName: string;
	billable: { name: string; email: string } | null;
}

/** An invoice laid out as finished words, ready to draw (no translation happens after this). */
export interface InvoiceDocument {
	language: string;
	fileName: string;
	title: string;
	vendor: { heading: string; lines: string[] };
	customer: { heading: string; lines: string[] };
	facts: [string, string][];
	table: { headings: string[]; rows: string[][] };
	total: [string, string];
	payment: { heading: string; lines: string[] };
	footer: string[];
}

/** The name of what a line charges: a product, a pack, a support level or a module. */
function lineName(policy: Policy, line: Line): string {
	if (line.kind === 'pack') return policy.packs.find((p) => p.id === line.ref)?.name ?? line.ref;
	if (line.kind === 'support')
		return policy.support?.levels.find((l) => l.id === line.ref)?.name ?? line.ref;
	return policy.products.find((p) => p.id === line.ref)?.name ?? line.ref;
}

/** One table row: what, quantity, unit price, factor (or percentage of a base), amount. */
function lineRow(policy: Policy, line: Line, t: Translate, language: string): string[] {
	const money = (minor: number) => formatMoney(minor, policy.currency, language);
	const name = t('billing.lineName', {
		kind: t(`billing.lineKinds.${line.kind}`),
		name: lineName(policy, line)
	});
	if (line.percentBasisPoints !== null && line.base !== null) {
		const percent = formatNumber(line.percentBasisPoints / 100, language);
		return [
			name,
			'1',
			'',
			t('billing.pdf.percentOf', { percent, base: money(line.base) }),
			money(line.amount)
		];
	}
	const factor =
		line.numerator === 1 && line.denominator === 1
			? '1'
			: `${formatNumber(line.numerator, language)}/${formatNumber(line.denominator, language)}`;
	return [
		name,
		formatNumber(line.quantity, language),
		money(line.unitPrice),
		factor,
		money(line.amount)
	];
}

/** P5: how this invoice may be paid, with the vendor's details for check and wire. */
function paymentLines(policy: Policy, invoice: Invoice, t: Translate, language: string): string[] {
	const methodList = (methods: readonly PaymentMethod[]) =>
		new Intl.ListFormat(language, { type: 'disjunction' }).format(
			methods.map((method) => t(`billing.methods.${method}`))
		);
	const methods = allowedPaymentMethods(policy, invoice.amount);
	const lines = [t('billing.pdf.payBy', { methods: methodList(methods) })];
	if (policy.payment.threshold !== null) {
		const threshold = formatMoney(policy.payment.threshold, policy.currency, language);
		const below = methodList(policy.payment.below);
		lines.push(
			t('billing.formula.threshold', {
				threshold,
				below,
				above: methodList(policy.payment.atOrAbove)
			})
		);
	}
	if (methods.includes('wire')) {
		lines.push(t('billing.pdf.wire', { reference: invoice.id }));
		lines.push(
			t('billing.labelled', {
				label: t('billing.vendor.bankLabel'),
				value: `${t('billing.vendor.iban')} · ${t('billing.vendor.bic')}`
			})
		);
	}
	if (methods.includes('check'))
		lines.push(t('billing.pdf.check', { payee: t('billing.vendor.name') }));
	return lines;
}

/**
 * The invoice as a document in the reader's language (I1): vendor and customer, facts, lines
 * with their formulas, total, and how to pay (P5). The vendor's details come from
 * `locales/<language>/billing.json` (`vendor`), so the address reads naturally in each language.
 */
export function invoiceDocument(
	invoice: Invoice,
	policy: Policy,
	customer: InvoiceCustomer,
	t: Translate,
	language: string
): InvoiceDocument {
	const date = (value: string) => formatDate(value, language, 'long');
	const billable = customer.billable;
	return {
		language,
		fileName: `${t('billing.pdf.fileName', { id: invoice.id })}.pdf`,
		title: t('billing.pdf.title', { id: invoice.id }),
		vendor: {
			heading: t('billing.pdf.from'),
			lines: [
				t('billing.vendor.name'),
				t('billing.vendor.street'),
				t('billing.vendor.city'),
				t('billing.vendor.country'),
				t('billing.vendor.email'),
				t('billing.labelled', {
					label: t('billing.vendor.vatLabel'),
					value: t('billing.vendor.vat')
				})
			]
		},
		customer: {
			heading: t('billing.pdf.billTo'),
			lines: [
				customer.groupName,
				...(billable ? [t('billing.pdf.attention', { name: billable.name }), billable.email] : []),
				t('billing.pdf.groupId', { id: customer.groupId })
			]
		},
		facts: [
			[t('billing.invoice'), invoice.id],
			[t('billing.issued'), date(invoice.issuedOn)],
			[t('billing.due'), date(invoice.dueOn)],
			[t('billing.status'), t(`billing.statuses.${invoice.status}`)],
			[t('billing.pdf.reason'), t(`billing.reasons.${invoice.reason}`)]
		],
		table: {
			headings: [
				t('billing.pdf.columns.item'),
				t('billing.pdf.columns.quantity'),
				t('billing.pdf.columns.unitPrice'),
				t('billing.pdf.columns.factor'),
				t('billing.pdf.columns.amount')
			],
			rows: invoice.lines.map((line) => lineRow(policy, line, t, language))
		},
		total: [t('billing.pdf.total'), formatMoney(invoice.amount, invoice.currency, language)],
		payment: {
			heading: t('billing.pdf.payment'),
			lines: paymentLines(policy, invoice, t, language)
		},
		footer: [t(`billing.${roundingRule}`), t('billing.pdf.footer')]
	};
}
