import type { Member, Policy } from '$lib/domain/index.ts';

/** Pure helpers of the Licenses & devices screen (D1, D2, U1–U4). */

/** Device codes that my pending intents are about. */
export function pendingDevices(
	intents: readonly { intent: Record<string, unknown> }[]
): Set<string> {
	const codes = new Set<string>();
	for (const { intent } of intents) {
		for (const key of ['fromDevice', 'toDevice', 'deviceCode']) {
			const code = intent[key];
			if (typeof code === 'string') codes.add(code);
		}
	}
	return codes;
}

/** Whether a member holds a seat of `product` under a named, rights-group or module model. */
export function holdsSeat(policy: Policy, member: Member, product: string): boolean {
	const model = policy.licenseModel;
	switch (model.kind) {
		case 'named':
			return member.licenses.includes(product);
		case 'rights-group':
			return (
				product === model.product &&
				model.groups.some((group) => group.id === member.rightsGroup && group.consumesSeat)
			);
		case 'module-access':
			return member.modules.includes(product);
		case 'device':
			return false;
	}
}

/** An empty set shared by every screen that has nothing pending. */
export const nothingTouched: ReadonlySet<string> = new Set();
