/**
 * The five presets, one per seed page, parsed through the same `parsePolicy` as any operator's
 * policy file. A preset that failed to parse would be missing from `presets` (the preset test
 * suites check all five are there); nothing throws at import.
 */

import type { Result } from './domain-result.ts';
import { parsePolicy } from './policy-parse.ts';
import type { Policy, PolicyInput } from './policy-schema.ts';
import { preset000LicenseGroups } from './presets/preset-000-license-groups.ts';
import { preset001AnnualSeats } from './presets/preset-001-annual-seats.ts';
import { preset002NamedRightsGroups } from './presets/preset-002-named-rights-groups.ts';
import { preset003EnterpriseDevices } from './presets/preset-003-enterprise-devices.ts';
import { preset004ModulesPacks } from './presets/preset-004-modules-packs.ts';

/** The preset files as written, keyed by policy id. */
export const presetInputs: Record<string, PolicyInput> = {
	[preset000LicenseGroups.id]: preset000LicenseGroups,
	[preset001AnnualSeats.id]: preset001AnnualSeats,
	[preset002NamedRightsGroups.id]: preset002NamedRightsGroups,
	[preset003EnterpriseDevices.id]: preset003EnterpriseDevices,
	[preset004ModulesPacks.id]: preset004ModulesPacks
};

/** Each preset's parse result, for diagnostics. */
export const presetResults: Record<string, Result<Policy>> = Object.fromEntries(
	Object.entries(presetInputs).map(([id, input]) => [id, parsePolicy(input)])
);

/** The parsed presets, keyed by policy id: `license-groups`, `annual-seats`, … */
export const presets: Record<string, Policy> = Object.fromEntries(
	Object.entries(presetResults).flatMap(([id, result]) => (result.ok ? [[id, result.value]] : []))
);
