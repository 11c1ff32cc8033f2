/**
 * What the vendor operator (the support desk) does for a group: set the first expiry date before
 * the first purchase (P7) and record the signed licence agreement (P6).
 */

import { addMonths, dateOfInstant, isInstant, isIsoDate } from './calendar-dates.ts';
import type { Actor, ActorInput } from './common-schema.ts';
import { ActorSchema } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { Outcome } from './engine-outcome.ts';
import { historyEntry } from './history-entries.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy } from './policy-schema.ts';
import { termMonths } from './pricing-proration.ts';
import { parseWith } from './schema-parse.ts';
import type { GroupState } from './state-schema.ts';

/** Common checks: policy, instant, an operator actor. */
function operatorOnDay(
	policy: Policy,
	actor: ActorInput,
	now: number
): Result<{ actor: Actor; today: string }> {
	const valid = ensurePolicy(policy);
	if (!valid.ok) return valid;
	if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
	const who = parseWith(ActorSchema, actor, 'request.invalid');
	if (!who.ok) return who;
	if (!who.value.operator) return fail('operator.only', { actor: who.value.userId });
	return ok({ actor: who.value, today: dateOfInstant(now) });
}

/**
 * P7: before a group's first purchase, the vendor operator may set the date its licenses end
 * instead of a full term; every later purchase ends on that date. The date must lie after today
 * and within one term of the policy's first term.
 */
export function setFirstExpiry(
	state: GroupState,
	policy: Policy,
	expiry: string,
	actor: ActorInput,
	now: number
): Result<Outcome> {
	return guard(() => {
		const checked = operatorOnDay(policy, actor, now);
		if (!checked.ok) return checked;
		const { today } = checked.value;
		if (!policy.operatorMaySetFirstExpiry) return fail('operator.only', { reason: 'not offered' });
		if (state.subscription.status !== 'none')
			return fail('expiry.already-set', { expiry: state.subscription.expiry });
		if (!isIsoDate(expiry)) return fail('date.out-of-range', { date: expiry });
		const latest = addMonths(today, termMonths(policy.terms[0] ?? 'annual'));
		if (expiry <= today || expiry > latest)
			return fail('expiry.out-of-range', { expiry, earliest: today, latest });
		const entry = historyEntry(now, checked.value.actor.userId, 'expiry.set', null, { expiry });
		const next = { ...state, subscription: { ...state.subscription, firstExpiry: expiry } };
		return ok({ state: next, events: [], emails: [], history: [entry] });
	});
}

/** P6: records that the group signed the licence agreement (needed for annual terms). */
export function recordClaSigned(
	state: GroupState,
	policy: Policy,
	actor: ActorInput,
	now: number
): Result<Outcome> {
	return guard(() => {
		const checked = operatorOnDay(policy, actor, now);
		if (!checked.ok) return checked;
		const { today } = checked.value;
		const entry = historyEntry(now, checked.value.actor.userId, 'cla.signed', null, { on: today });
		const next = { ...state, subscription: { ...state.subscription, claSignedOn: today } };
		return ok({ state: next, events: [], emails: [], history: [entry] });
	});
}
