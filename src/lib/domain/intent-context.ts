/**
 * What an intent handler sees and returns. A handler first CHECKS (reading the draft) and returns
 * either a refusal or an `apply` function; only `apply` writes. So a rejected intent leaves no
 * trace, and within a batch every intent sees the intents accepted before it.
 */

import type { Pool } from './common-schema.ts';
import type { Warning } from './decision-schema.ts';
import type { Failure, Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import type { Effects } from './engine-outcome.ts';
import type { Intent } from './intent-schema.ts';
import type { Policy } from './policy-schema.ts';
import { holdingOf, noneFree, poolCapacity } from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import type { Draft } from './state-draft.ts';
import { draftUsage } from './state-draft.ts';
import type { Member } from './state-schema.ts';

/** Options of a decision. */
export interface DecideOptions {
	/**
	 * U1: existing accounts by lower-cased e-mail → user id (e.g. from a free trial). The server
	 * passes the entries it looked up; an address not listed gets an invitation.
	 */
	accounts?: Record<string, string>;
	/**
	 * The caller owns the state's members and devices records and adopts the outcome (the
	 * server's authority): the batch writes into them instead of into a copy, which costs tens
	 * of milliseconds at 100,000 members. The input state is then stale; `outcome.revert()`
	 * undoes the writes when the outcome cannot be committed.
	 */
	inPlace?: boolean;
}

/** Everything a handler reads. */
export interface IntentContext {
	draft: Draft;
	policy: Policy;
	now: number;
	today: string;
	/** The author as a member of the group (`null` for a not-yet-member registering). */
	author: Member | null;
	options: DecideOptions;
}

/** What applying an accepted intent produced. */
export interface IntentEffects extends Effects {
	warnings: Warning[];
}

/** An accepted intent, waiting to be applied. */
export interface Accepted {
	ok: true;
	apply: () => IntentEffects;
}

/** A handler's verdict. */
export type Verdict = Failure | Accepted;

/** Accepts with an `apply` function. */
export function accept(apply: () => IntentEffects): Accepted {
	return { ok: true, apply };
}

/** Effects with only history entries (and maybe warnings). */
export function onlyHistory(history: Effects['history'], warnings: Warning[] = []): IntentEffects {
	return { events: [], emails: [], history, warnings };
}

/** A member of the draft, or `member.unknown`. */
export function memberOf(ctx: IntentContext, memberId: string): Result<Member> {
	const member = ctx.draft.state.members[memberId];
	return member === undefined ? fail('member.unknown', { memberId }) : ok(member);
}

/** The author's id (intents always name one). */
export function authorId(ctx: IntentContext, intent: Intent): string {
	return ctx.author?.id ?? intent.author;
}

/** Whether the author holds the owner role (G2). */
export function authorIsOwner(ctx: IntentContext): boolean {
	return ctx.author?.roles.includes('owner') === true;
}

/** Whether the author administers the group (owner or license admin). */
export function authorIsAdmin(ctx: IntentContext): boolean {
	const roles = ctx.author?.roles ?? [];
	return roles.includes('owner') || roles.includes('admin');
}

/** The subscription must be running for seats to be taken. */
export function checkRunning(ctx: IntentContext): Result<null> {
	const sub = ctx.draft.state.subscription;
	if (sub.status === 'expired')
		return fail('subscription.expired', { expiry: sub.expiry }, { fix: { kind: 'renew' } });
	if (sub.status === 'active' && sub.expiry !== null && sub.expiry <= ctx.today) {
		return fail('subscription.renewal-due', { expiry: sub.expiry }, { fix: { kind: 'renew' } });
	}
	return ok(null);
}

/** One more seat of `product` in `pool` must be free (`seat.none-free` with fixes otherwise). */
export function checkSeatFree(ctx: IntentContext, product: string, pool: Pool): Result<null> {
	const running = checkRunning(ctx);
	if (!running.ok) return running;
	const size = poolCapacity(holdingOf(ctx.draft.state, product), pool);
	const used = productUsage(draftUsage(ctx.draft, ctx.policy), product)[pool];
	return used + 1 > size ? noneFree(ctx.policy, product, used, size) : ok(null);
}
