import {
	adminAddressWarnings,
	parseIntent,
	userAddressWarnings,
	type GroupState,
	type Policy,
	type Warning
} from '$lib/domain/index.ts';
import type { IntentDraft } from './group-workspace.svelte.ts';
import { holderTest, newcomerDraft, type NewcomerInput } from './license-actions.ts';

/** The outcome of checking "give a license by e-mail" before anything is proposed. */
export type NewcomerCheck =
	| { ok: true; draft: IntentDraft; warnings: Warning[] }
	| { ok: false; code: string; params: Record<string, string | number> };

/**
 * D3 permissions that configure the enterprise account itself: whoever holds them administers
 * it, so G3's role-address advice applies to their address.
 */
const accountPermissions: ReadonlySet<string> = new Set(['edit-settings', 'manage-templates']);

/**
 * Checks a "give license by e-mail" form with the domain's own schema (an invalid address is
 * refused here and proposes nothing), refuses what the engine would refuse for certain (the
 * person already holds the seat, or is already a member where members are added), and returns
 * the warnings the admin may confirm: G4 free-mail, G3 role address for account admins.
 */
export function checkNewcomer(
	policy: Policy,
	state: GroupState,
	userId: string,
	input: NewcomerInput
): NewcomerCheck {
	const draft = newcomerDraft(policy, input);
	const parsed = parseIntent({ ...draft, id: 'check', author: userId, createdAt: Date.now() });
	if (!parsed.ok) {
		const params: Record<string, string | number> = {};
		for (const [key, value] of Object.entries(parsed.error.params)) {
			if (typeof value === 'string' || typeof value === 'number') params[key] = value;
		}
		return { ok: false, code: parsed.error.code, params };
	}
	const email = input.email.trim();
	const address = email.toLowerCase();
	const existing = Object.values(state.members).find((m) => m.email.toLowerCase() === address);
	if (existing !== undefined) {
		if (policy.licenseModel.kind !== 'named')
			return { ok: false, code: 'member.email-taken', params: { email } };
		if (holderTest(policy, state)(existing, input.product)) {
			const product = policy.products.find((p) => p.id === input.product)?.name ?? input.product;
			return { ok: false, code: 'seat.already-assigned', params: { email, product } };
		}
	}
	const warnings = policy.warnFreeMail ? userAddressWarnings(email) : [];
	if (policy.roleBasedAdminAddress && input.permissions.some((p) => accountPermissions.has(p)))
		warnings.push(...adminAddressWarnings(email));
	return { ok: true, draft, warnings };
}
