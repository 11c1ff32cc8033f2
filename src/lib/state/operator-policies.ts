import type { PolicyInput } from '$lib/domain/index.ts';
import { preset000LicenseGroups } from '$lib/domain/presets/preset-000-license-groups.ts';
import { preset001AnnualSeats } from '$lib/domain/presets/preset-001-annual-seats.ts';
import { preset002NamedRightsGroups } from '$lib/domain/presets/preset-002-named-rights-groups.ts';
import { preset003EnterpriseDevices } from '$lib/domain/presets/preset-003-enterprise-devices.ts';
import { preset004ModulesPacks } from '$lib/domain/presets/preset-004-modules-packs.ts';

/**
 * The policies the desk creates accounts with, as the preset files are written (plain data,
 * a few kilobytes: the domain's parser is not needed to list them). Enterprise first (D3).
 */
export const policies: readonly PolicyInput[] = [
	preset003EnterpriseDevices,
	preset000LicenseGroups,
	preset001AnnualSeats,
	preset002NamedRightsGroups,
	preset004ModulesPacks
];

/** A product's name under a policy, or its id when the policy does not know it. */
export function productName(policyId: string, productId: string): string {
	const policy = policies.find((candidate) => candidate.id === policyId);
	return policy?.products.find((product) => product.id === productId)?.name ?? productId;
}

/** The permissions enterprise users can get under a policy (D3: device accounts only). */
export function permissionsOf(policyId: string): string[] {
	const model = policies.find((candidate) => candidate.id === policyId)?.licenseModel;
	return model?.kind === 'device' ? model.permissions : [];
}
