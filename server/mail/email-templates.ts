import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailKinds } from '../../src/lib/domain/index.ts';
import { languages, type Language } from '../../src/lib/i18n/languages.ts';

/** `locales/<language>/email.json`: a tree of strings with `{{placeholders}}`. */
type Tree = { [key: string]: string | Tree };

/** The e-mail texts of every language, read once at startup. */
export interface EmailTemplates {
	/** The text at a dotted key (`invoice.issued.subject`), or undefined. */
	text(language: Language, key: string): string | undefined;
}

const localesDir = join(import.meta.dirname, '..', '..', 'locales');

function lookup(tree: Tree, key: string): string | undefined {
	let node: string | Tree | undefined = tree;
	for (const part of key.split('.')) {
		if (node === undefined || typeof node === 'string') return undefined;
		node = node[part];
	}
	return typeof node === 'string' ? node : undefined;
}

/**
 * Loads the templates and checks that every e-mail kind of the domain has a subject and a body
 * in every language, so a missing text stops the server at startup rather than a mail later.
 */
export function loadEmailTemplates(dir = localesDir): EmailTemplates {
	const trees = new Map<Language, Tree>();
	for (const language of languages) {
		const tree = JSON.parse(readFileSync(join(dir, language, 'email.json'), 'utf8')) as Tree;
		for (const kind of emailKinds) {
			for (const part of ['subject', 'body']) {
				if (lookup(tree, `${kind}.${part}`) === undefined) {
					throw new Error(`locales/${language}/email.json has no ${kind}.${part}`);
				}
			}
		}
		trees.set(language, tree);
	}
	return {
		text: (language, key) => {
			const tree = trees.get(language);
			return tree && lookup(tree, key);
		}
	};
}

/** Replaces `{{name}}` with its value; a placeholder without a value is a template bug. */
export function interpolate(template: string, values: Readonly<Record<string, string>>): string {
	return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`no value for {{${name}}}`);
		return value;
	});
}
