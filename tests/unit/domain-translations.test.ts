import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	errorCodes,
	FixSchema,
	historyKinds,
	ledgerEventTypes,
	roles,
	warningCodes
} from '../../src/lib/domain/index.ts';

/**
 * The domain speaks in codes and the UI in sentences: every code the domain exports, and the UI
 * can show, needs a sentence in every language. A new code in the domain fails this test until
 * someone writes its English, French and German.
 */

const root = 'locales';
const languages = ['en', 'fr', 'de'] as const;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix: string, out: Map<string, string>): void {
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else flatten(value, `${prefix}${key}.`, out);
	}
}

/** Every message of one language, keyed `area.path` as `t()` reads them. */
function load(language: string): Map<string, string> {
	const all = new Map<string, string>();
	for (const file of readdirSync(join(root, language)).filter((name) => name.endsWith('.json'))) {
		const tree = JSON.parse(readFileSync(join(root, language, file), 'utf8')) as Tree;
		flatten(tree, `${file.slice(0, -'.json'.length)}.`, all);
	}
	return all;
}

/** A key is translated when it exists itself or in its plural forms (`_one`, `_other`). */
function translated(messages: Map<string, string>, key: string): boolean {
	return messages.has(key) || (messages.has(`${key}_one`) && messages.has(`${key}_other`));
}

const fixKinds = FixSchema.options.map((option) => option.entries.kind.literal);

/** Where each family of domain codes is translated. */
const families: { name: string; codes: readonly string[]; key: (code: string) => string }[] = [
	{ name: 'error codes', codes: errorCodes, key: (code) => `errors.${code}` },
	{ name: 'warning codes', codes: warningCodes, key: (code) => `errors.warnings.${code}` },
	{ name: 'history kinds', codes: historyKinds, key: (kind) => `history.kinds.${kind}` },
	{
		name: 'ledger event types',
		codes: ledgerEventTypes,
		key: (type) => `history.ledger.types.${type}`
	},
	{ name: 'fix kinds', codes: fixKinds, key: (kind) => `groups.fixes.${kind}` },
	{ name: 'roles', codes: roles, key: (role) => `groups.roles.${role}` }
];

describe('domain codes in every language', () => {
	it('the domain exports the codes this test walks', () => {
		expect(errorCodes.length).toBeGreaterThanOrEqual(63);
		expect(historyKinds.length).toBeGreaterThanOrEqual(37);
		expect(warningCodes.length).toBeGreaterThan(0);
	});

	for (const language of languages) {
		const messages = load(language);
		for (const family of families) {
			it(`${language}: every one of the ${family.name} has a sentence`, () => {
				const missing = family.codes.filter((code) => !translated(messages, family.key(code)));
				expect(missing).toEqual([]);
			});
		}
	}
});
