import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/lib/domain/policy-parse.ts';
import { presetInputs, presets } from '../../src/lib/domain/policy-presets.ts';
import { failure, preset, unwrap } from './fixtures.ts';

/** A deep copy of a preset input, to break. */
function copyOf(id: string): Record<string, unknown> {
	return structuredClone(presetInputs[id]) as unknown as Record<string, unknown>;
}

describe('policies', () => {
	it('parses all five presets through the same schema', () => {
		expect(Object.keys(presets).sort()).toEqual([
			'annual-seats',
			'enterprise-devices',
			'license-groups',
			'modules-packs',
			'named-rights-groups'
		]);
		for (const input of Object.values(presetInputs)) expect(parsePolicy(input).ok).toBe(true);
		expect(preset('license-groups').graceDays).toBe(14);
	});

	it('refuses a policy that breaks the schema with the path of the offending field', () => {
		const broken = copyOf('license-groups');
		broken['graceDays'] = -1;
		expect(failure(parsePolicy(broken))).toMatchObject({
			code: 'policy.invalid',
			path: 'graceDays'
		});
		const unknownField = { ...copyOf('license-groups'), discount: 5 };
		expect(failure(parsePolicy(unknownField))).toMatchObject({
			code: 'policy.invalid',
			path: 'discount'
		});
		expect(failure(parsePolicy('not a policy')).code).toBe('policy.invalid');
	});

	it('refuses tiers that do not start at 1, do not rise, or miss an offered term', () => {
		const input = unwrap(parsePolicy(presetInputs['license-groups']));
		const noStart = structuredClone(input);
		const firstTier = noStart.products[0]?.tiers[0];
		if (firstTier !== undefined) firstTier.from = 2;
		expect(failure(parsePolicy(noStart))).toMatchObject({ path: 'products.0.tiers.0.from' });
		const falling = structuredClone(input);
		const third = falling.products[0]?.tiers[2];
		if (third !== undefined) third.from = 5;
		expect(failure(parsePolicy(falling))).toMatchObject({ path: 'products.0.tiers.2.from' });
		const missing = structuredClone(input);
		const second = missing.products[0]?.tiers[1];
		if (second !== undefined) delete second.unitPrice.monthly;
		expect(failure(parsePolicy(missing))).toMatchObject({
			path: 'products.0.tiers.1.unitPrice.monthly'
		});
	});

	it('refuses references that do not resolve', () => {
		const rights = unwrap(parsePolicy(presetInputs['named-rights-groups']));
		const badDefault = structuredClone(rights);
		if (badDefault.licenseModel.kind === 'rights-group')
			badDefault.licenseModel.defaultGroup = 'visitor';
		expect(failure(parsePolicy(badDefault))).toMatchObject({ path: 'licenseModel.defaultGroup' });
		const modules = unwrap(parsePolicy(presetInputs['modules-packs']));
		const orphanPack = structuredClone(modules);
		const pack = orphanPack.packs[0];
		if (pack !== undefined) pack.module = 'payroll';
		expect(failure(parsePolicy(orphanPack))).toMatchObject({ path: 'packs.0.module' });
		const duplicate = structuredClone(modules);
		const second = duplicate.products[1];
		if (second !== undefined) second.id = 'sales';
		expect(failure(parsePolicy(duplicate))).toMatchObject({ path: 'products.1.id' });
	});
});
