import type { GroupState, Member, Policy } from '$lib/domain/index.ts';
import type { IntentDraft } from './group-workspace.svelte.ts';

/**
 * What "holds a seat", "recall" and "give" mean under each license model, as intent drafts the
 * authority decides. The screens ask here instead of switching on the model themselves.
 */

/** Rights groups that consume a seat (U3); empty outside the rights-group model. */
function consumingGroups(policy: Policy): ReadonlySet<string> {
	const model = policy.licenseModel;
	return new Set(
		model.kind === 'rights-group' ? model.groups.filter((g) => g.consumesSeat).map((g) => g.id) : []
	);
}

/**
 * A test "does this member hold a seat of this product", for one state: named licenses,
 * seat-consuming rights groups (U3), module access (P12) or a licensed device (D1).
 */
export function holderTest(
	policy: Policy,
	state: GroupState
): (member: Member, product: string) => boolean {
	const model = policy.licenseModel;
	switch (model.kind) {
		case 'named':
			return (member, product) => member.licenses.includes(product);
		case 'rights-group': {
			const consuming = consumingGroups(policy);
			return (member, product) =>
				product === model.product &&
				member.rightsGroup !== null &&
				consuming.has(member.rightsGroup);
		}
		case 'module-access':
			return (member, product) => member.modules.includes(product);
		case 'device': {
			const licensed = new Set<string>();
			for (const device of Object.values(state.devices)) {
				if (device.pool !== null) licensed.add(`${device.memberId}\u0000${device.product}`);
			}
			return (member, product) => licensed.has(`${member.id}\u0000${product}`);
		}
	}
}

/**
 * U2 and its equivalents: the intent that gives a member's seat of `product` back to the
 * unallocated pool — recall a named license, move to a rights group that uses no seat (U3), or
 * take module access away. Devices give licenses up on the Licenses screen (D2): `undefined`.
 */
export function recallDraft(
	policy: Policy,
	member: Member,
	product: string
): IntentDraft | undefined {
	const model = policy.licenseModel;
	switch (model.kind) {
		case 'named':
			return { kind: 'recall-license', memberId: member.id, product };
		case 'rights-group': {
			const free = model.groups.find((g) => !g.consumesSeat);
			return free === undefined
				? undefined
				: { kind: 'change-rights-group', memberId: member.id, rightsGroup: free.id };
		}
		case 'module-access':
			return { kind: 'set-module-access', memberId: member.id, module: product, access: false };
		case 'device':
			return undefined;
	}
}

/** What the admin fills in to give someone access by e-mail (U1, D3). */
export interface NewcomerInput {
	email: string;
	name: string;
	/** Named model: the product whose license is given. */
	product: string;
	/** Rights-group model: the group the person joins (U3). */
	rightsGroup: string;
	/** Device model: enterprise permissions (D3). */
	permissions: string[];
}

/**
 * The intent that gives a license by e-mail (U1): `assign-license` where licenses are named,
 * `add-member` elsewhere (with a rights group, or enterprise permissions).
 */
export function newcomerDraft(policy: Policy, input: NewcomerInput): IntentDraft {
	const email = input.email.trim();
	const name = input.name.trim() || email;
	if (policy.licenseModel.kind === 'named') {
		return {
			kind: 'assign-license',
			product: input.product,
			target: { by: 'email', email, name }
		};
	}
	return {
		kind: 'add-member',
		email,
		name,
		rightsGroup: policy.licenseModel.kind === 'rights-group' ? input.rightsGroup || null : null,
		permissions: policy.licenseModel.kind === 'device' ? [...input.permissions] : []
	};
}

/** The products a member can hold a seat of (seat products; modules in the module model). */
export function seatProducts(policy: Policy): { id: string; name: string }[] {
	const model = policy.licenseModel;
	const products =
		model.kind === 'rights-group'
			? policy.products.filter((p) => p.id === model.product)
			: model.kind === 'module-access'
				? policy.products.filter((p) => p.kind === 'module')
				: policy.products.filter((p) => p.kind === 'seat');
	return products.map((p) => ({ id: p.id, name: p.name }));
}
