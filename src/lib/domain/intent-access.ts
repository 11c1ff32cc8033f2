/**
 * Who may propose what (G2), and what a lock-out stops (I2). Checked before any handler, so a
 * viewer's intent is refused as read-only whatever it asks, and a locked group keeps its admin
 * work (roles, profile, auto-renewal, "payment under way") but hands out no license.
 */

import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import type { IntentContext } from './intent-context.ts';
import { authorIsAdmin, authorIsOwner } from './intent-context.ts';
import type { Intent, IntentKind } from './intent-schema.ts';

/** Intents a person makes about themselves (checked by their handler). */
const selfKinds: readonly IntentKind[] = [
	'update-profile',
	'complete-registration',
	'activate-device'
];

/** Intents only the owner may make; purchases are checked by the order itself (order.owner-only). */
const ownerKinds: readonly IntentKind[] = ['set-roles', 'set-billable-admin', 'change-support'];

/** Intents a lock-out stops: they hand out or move licenses. */
const lockedKinds: readonly IntentKind[] = [
	'assign-license',
	'add-member',
	'change-rights-group',
	'set-module-access',
	'activate-device',
	'move-device-license'
];

/** Whether the author may make this intent at all. */
function checkRole(ctx: IntentContext, intent: Intent): Result<null> {
	if (selfKinds.includes(intent.kind)) return ok(null);
	if (ctx.author === null) return fail('author.unknown', { author: intent.author });
	if (!authorIsAdmin(ctx)) {
		return ctx.author.roles.includes('viewer')
			? fail('role.read-only', { kind: intent.kind })
			: fail('role.not-allowed', { required: 'admin' });
	}
	if (ownerKinds.includes(intent.kind) && !authorIsOwner(ctx))
		return fail('role.not-allowed', { required: 'owner' }, { fix: { kind: 'ask-owner' } });
	return ok(null);
}

/** Role and lock-out checks for an intent. */
export function checkAccess(ctx: IntentContext, intent: Intent): Result<null> {
	const role = checkRole(ctx, intent);
	if (!role.ok) return role;
	const blocking = ctx.draft.state.lock?.invoiceIds[0];
	if (blocking !== undefined && lockedKinds.includes(intent.kind)) {
		return fail(
			'group.locked',
			{ invoiceId: blocking },
			{ fix: { kind: 'pay-invoice', invoiceId: blocking } }
		);
	}
	return ok(null);
}
