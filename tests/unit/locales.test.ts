import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = 'locales';
const languages = ['en', 'fr', 'de'];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
	}
	return out;
}

function load(language: string): Map<string, string> {
	const all = new Map<string, string>();
	for (const file of readdirSync(join(root, language)).filter((name) => name.endsWith('.json'))) {
		const tree = JSON.parse(readFileSync(join(root, language, file), 'utf8')) as Tree;
		for (const [key, value] of flatten(tree, `${file.slice(0, -5)}.`)) all.set(key, value);
	}
	return all;
}

/** Plural forms differ by language (French and German share English's one/other here). */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('translations', () => {
	const english = load('en');

	for (const language of languages.filter((l) => l !== 'en')) {
		it(`${language} has every key English has, and no other`, () => {
			const other = load(language);
			const missing = [...english.keys()].filter((key) => !other.has(key));
			const extra = [...other.keys()].filter((key) => !english.has(key));
			expect(missing).toEqual([]);
			expect(extra).toEqual([]);
		});

		it(`${language} uses the same placeholders as English in every message`, () => {
			const other = load(language);
			const mismatched = [...english].filter(([key, text]) => {
				const translated = other.get(key);
				return (
					translated !== undefined && placeholders(translated).join() !== placeholders(text).join()
				);
			});
			expect(mismatched.map(([key]) => baseKey(key))).toEqual([]);
		});
	}

	it('has no empty message in any language', () => {
		for (const language of languages) {
			const empty = [...load(language)].filter(([, text]) => text.trim() === '');
			expect(empty).toEqual([]);
		}
	});
});
