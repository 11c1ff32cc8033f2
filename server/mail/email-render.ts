import type { Language } from '../../src/lib/i18n/languages.ts';
import { interpolate, type EmailTemplates } from './email-templates.ts';

/** What a template is filled with. */
export interface RenderInput {
	kind: string;
	language: Language;
	/** The kind's parameters, already formatted for the reader (email-values.ts). */
	values: Readonly<Record<string, string>>;
	recipientName: string | null;
	groupName: string | null;
}

/** Subject, plain text and HTML of one e-mail. */
export interface EmailContent {
	subject: string;
	text: string;
	html: string;
}

const escapeHtml = (text: string) =>
	text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');

/** A paragraph of plain text as HTML; links become anchors (after escaping, so none is injected). */
function paragraphHtml(paragraph: string): string {
	const escaped = escapeHtml(paragraph).replaceAll('\n', '<br>');
	return `<p>${escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</p>`;
}

/**
 * Renders an e-mail from `locales/<language>/email.json`: `<kind>.subject`, and a text made of
 * the greeting, `<kind>.body` and the footer naming the group. The HTML part is the same text,
 * escaped, one `<p>` per paragraph, so both parts always say the same thing.
 */
export function renderEmail(templates: EmailTemplates, input: RenderInput): EmailContent {
	const { language } = input;
	const text = (key: string) => {
		const found = templates.text(language, key);
		if (found === undefined) throw new Error(`no e-mail text ${language}:${key}`);
		return found;
	};
	const values = {
		...input.values,
		name: input.recipientName ?? '',
		groupName: input.groupName ?? ''
	};
	const greeting = input.recipientName
		? interpolate(text('layout.greeting'), values)
		: text('layout.greeting-anonymous');
	const footer = input.groupName
		? interpolate(text('layout.footer'), values)
		: text('layout.footer-no-group');
	const paragraphs = [greeting, ...interpolate(text(`${input.kind}.body`), values).split('\n\n')];
	const subject = interpolate(text(`${input.kind}.subject`), values);
	const html = [
		'<!doctype html>',
		`<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
		'<body>',
		...paragraphs.map(paragraphHtml),
		`<hr><p><small>${escapeHtml(footer)}</small></p>`,
		'</body></html>'
	].join('\n');
	return { subject, text: [...paragraphs, '—', footer].join('\n\n'), html };
}
