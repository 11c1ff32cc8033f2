/**
 * Routes each intent kind to its handler. The `switch` is exhaustive over the intent union, so a
 * new intent kind does not compile until it has a handler.
 */

import type { IntentContext, Verdict } from './intent-context.ts';
import { decideActivate, decideMoveDevice, decideReleaseDevice } from './intent-devices.ts';
import { decideAssign, decideRecall, decideRightsGroup } from './intent-licenses.ts';
import { decideAddMember } from './intent-members.ts';
import { decideModuleAccess } from './intent-modules.ts';
import { decideBillable, decideProfile, decideRegistration, decideRoles } from './intent-people.ts';
import { decidePoolSplit } from './intent-pools.ts';
import type { Intent } from './intent-schema.ts';
import {
	decideAutoRenew,
	decideOrder,
	decidePaymentReport,
	decideSupport
} from './intent-subscription.ts';

/** The verdict of the handler for this intent's kind. */
export function route(ctx: IntentContext, intent: Intent): Verdict {
	switch (intent.kind) {
		case 'assign-license':
			return decideAssign(ctx, intent);
		case 'add-member':
			return decideAddMember(ctx, intent);
		case 'recall-license':
			return decideRecall(ctx, intent);
		case 'change-rights-group':
			return decideRightsGroup(ctx, intent);
		case 'set-module-access':
			return decideModuleAccess(ctx, intent);
		case 'activate-device':
			return decideActivate(ctx, intent);
		case 'move-device-license':
			return decideMoveDevice(ctx, intent);
		case 'release-device-license':
			return decideReleaseDevice(ctx, intent);
		case 'set-pool-split':
			return decidePoolSplit(ctx, intent);
		case 'change-seats':
		case 'add-pack':
			return decideOrder(ctx, intent);
		case 'set-auto-renew':
			return decideAutoRenew(ctx, intent);
		case 'change-support':
			return decideSupport(ctx, intent);
		case 'set-roles':
			return decideRoles(ctx, intent);
		case 'set-billable-admin':
			return decideBillable(ctx, intent);
		case 'report-payment-in-progress':
			return decidePaymentReport(ctx, intent);
		case 'update-profile':
			return decideProfile(ctx, intent);
		case 'complete-registration':
			return decideRegistration(ctx, intent);
	}
}
