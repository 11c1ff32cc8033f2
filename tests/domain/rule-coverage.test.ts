/**
 * The "done when" of the domain: every rule ID of DOMAIN.md is named in the title of a test, and
 * every preset's suite names each rule its preset file says it exercises.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const testsDir = new URL('./', import.meta.url);
const presetsDir = new URL('../../src/lib/domain/presets/', import.meta.url);

/** Every rule ID of DOMAIN.md. */
const ruleIds = [
	...['G1', 'G2', 'G3', 'G4'],
	...['U1', 'U2', 'U3', 'U4', 'U5'],
	...['D1', 'D2', 'D3'],
	...Array.from({ length: 12 }, (_, i) => `P${i + 1}`),
	...['I1', 'I2', 'I3'],
	'H1'
];

/** The rule IDs named in the `it('…')` titles of a test file. */
function idsInTitles(source: string): Set<string> {
	const ids = new Set<string>();
	for (const match of source.matchAll(/\bit\(\s*'([^']*)'/g)) {
		for (const id of (match[1] ?? '').matchAll(/\b([GUDPIH]\d{1,2})\b/g)) ids.add(id[1] ?? '');
	}
	return ids;
}

/** The source of a file in the tests folder. */
function testSource(name: string): string {
	return readFileSync(new URL(name, testsDir), 'utf8');
}

describe('rule coverage', () => {
	it('names every rule ID of DOMAIN.md in the title of a test', () => {
		const files = readdirSync(testsDir).filter((f) => f.endsWith('.test.ts'));
		const named = new Set<string>();
		for (const file of files) for (const id of idsInTitles(testSource(file))) named.add(id);
		expect(ruleIds.filter((id) => !named.has(id))).toEqual([]);
	});

	it('walks, in each preset suite, every rule the preset file says it exercises', () => {
		const presetFiles = readdirSync(presetsDir).filter((f) => /^preset-\d{3}-.*\.ts$/.test(f));
		expect(presetFiles).toHaveLength(5);
		for (const file of presetFiles) {
			const header =
				readFileSync(new URL(file, presetsDir), 'utf8').split('Invented where')[0] ?? '';
			const stated = new Set([...header.matchAll(/\b([GUDPIH]\d{1,2})\b/g)].map((m) => m[1] ?? ''));
			const suite = `preset-${file.slice(7, 10)}.test.ts`;
			const walked = idsInTitles(testSource(suite));
			expect({ suite, missing: [...stated].filter((id) => !walked.has(id)) }).toEqual({
				suite,
				missing: []
			});
		}
	});
});
