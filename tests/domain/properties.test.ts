import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { DecisionSchema } from '../../src/lib/domain/decision-schema.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, owner } from './fixtures.ts';
import {
	intentFrom,
	intentSeed,
	numRuns,
	overfullPools,
	preset,
	presetIds,
	seed,
	stepTime,
	world
} from './property-worlds.ts';

const presetArb = fc.constantFrom(...presetIds);

/** The state after the clock ran (the clock never refuses a valid state and instant). */
function unwrapClock(result: ReturnType<typeof advanceClock>, before: GroupState): GroupState {
	expect(result.ok).toBe(true);
	return result.ok ? result.value.state : before;
}

/** A purchase step: day offset from the previous one, new total (or pack count), pack or seats. */
const purchaseStep = fc.tuple(fc.nat(120), fc.nat(40), fc.boolean());

/** Applies purchase steps; failed orders are skipped (they change nothing). */
function purchases(
	id: string,
	steps: [number, number, boolean][],
	check: (before: GroupState, after: GroupState) => void
): GroupState {
	const policy = preset(id);
	let state = world(policy, 1);
	let day = 0;
	for (const [offset, amount, pack] of steps) {
		day += offset;
		const now = stepTime(day * 4);
		const clocked = advanceClock(state, policy, now);
		if (clocked.ok) state = clocked.value.state;
		const packId = policy.packs[amount % Math.max(policy.packs.length, 1)]?.id ?? 'none';
		const product = policy.products[amount % policy.products.length]?.id ?? '';
		const request = pack
			? { kind: 'add-pack' as const, pack: packId, count: 1 + (amount % 3) }
			: { kind: 'set-seats' as const, product, newTotal: amount };
		const ordered = placeOrder(state, policy, request, owner, now);
		if (!ordered.ok) continue;
		check(state, ordered.value.state);
		state = ordered.value.state;
	}
	return state;
}

describe('properties (seeded: TESSERA_SEED, long runs: TESSERA_LONG=1)', () => {
	it('P2 P4 P9 a quote is never negative and its lines add up to its total', () => {
		fc.assert(
			fc.property(
				presetArb,
				fc.array(purchaseStep, { maxLength: 5 }),
				fc.integer({ min: -5, max: 400 }),
				fc.nat(500),
				(id, steps, total, day) => {
					const policy = preset(id);
					const state = purchases(id, steps, () => undefined);
					const product = policy.products[day % policy.products.length]?.id ?? '';
					const result = quote(
						state,
						policy,
						{ kind: 'set-seats', product, newTotal: total },
						stepTime(day * 4)
					);
					if (!result.ok) return;
					expect(result.value.total).toBeGreaterThanOrEqual(0);
					for (const line of result.value.lines) expect(line.amount).toBeGreaterThanOrEqual(0);
					expect(result.value.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(
						result.value.total
					);
				}
			),
			{ seed, numRuns }
		);
	});

	it('P2 the pro-rata charges of one term never exceed a full term', () => {
		const bases = [
			'annual-seats',
			'license-groups',
			'named-rights-groups',
			'modules-packs'
		] as const;
		fc.assert(
			fc.property(
				fc.constantFrom(...bases),
				fc.nat(730),
				fc.nat(400),
				fc.integer({ min: 1, max: 30 }),
				fc.constantFrom('annual' as const, 'monthly' as const),
				(id, startDay, offset, extra, term) => {
					const policy = preset(id);
					const start = stepTime(startDay * 4);
					let state = world(policy, 5);
					state = {
						...state,
						subscription: { ...state.subscription, status: 'none' },
						holdings: {},
						packs: {}
					};
					const first = placeOrder(
						state,
						policy,
						{
							kind: 'set-seats',
							product: policy.products[0]?.id ?? '',
							newTotal: policy.minimumOrder || 1,
							term
						},
						owner,
						start
					);
					if (!first.ok) return;
					const expiry = first.value.state.subscription.expiry ?? '';
					const later = quote(
						first.value.state,
						policy,
						{
							kind: 'set-seats',
							product: policy.products[0]?.id ?? '',
							newTotal: (policy.minimumOrder || 1) + extra
						},
						start + offset * 86_400_000
					);
					if (!later.ok) return;
					const { proration } = later.value;
					expect(proration.remaining).toBeLessThanOrEqual(proration.of);
					expect(proration.to).toBe(expiry);
					for (const line of later.value.lines.filter((l) => l.kind === 'seats')) {
						expect(line.amount).toBeLessThanOrEqual(line.quantity * line.unitPrice);
					}
				}
			),
			{ seed, numRuns }
		);
	});

	it('P4 buying in several steps never reprices an earlier purchase', () => {
		fc.assert(
			fc.property(
				presetArb,
				fc.array(purchaseStep, { minLength: 1, maxLength: 8 }),
				(id, steps) => {
					purchases(id, steps, (before, after) => {
						expect(after.orders.slice(0, before.orders.length)).toEqual(before.orders);
						for (const invoice of Object.values(before.invoices)) {
							expect(after.invoices[invoice.id]).toMatchObject({
								amount: invoice.amount,
								lines: invoice.lines
							});
						}
					});
				}
			),
			{ seed, numRuns }
		);
	});

	it('U2 U3 D1 D2 P12 H1 no decision lets active seats exceed purchased seats in a pool without consumption billing; every change is in the history', () => {
		fc.assert(
			fc.property(
				presetArb,
				fc.integer({ min: 1, max: 4 }),
				fc.array(fc.tuple(intentSeed, fc.nat(7)), { minLength: 8, maxLength: 30 }),
				(id, seats, steps) => {
					const policy = preset(id);
					let state = world(policy, seats);
					let now = stepTime(0);
					for (const [i, [s, clock]] of steps.entries()) {
						// Now and then the clock jumps 50 days: renewals, reductions, lock-outs happen.
						now += clock === 0 ? 50 * 86_400_000 : 3_600_000;
						if (clock === 0) state = unwrapClock(advanceClock(state, policy, now), state);
						const proposed = intentFrom(policy, s, `i${i}`);
						const decided = decideIntent(state, proposed, policy, now);
						expect(v.is(DecisionSchema, decided.decision)).toBe(true);
						// H1: a change leaves history with its date and author (a repeated sign-in only
						// refreshes the device's last use, which the LRU rule needs, D2).
						if (decided.state !== state && proposed.kind !== 'activate-device') {
							const stamps = decided.history.map((h) => [h.at, h.author]);
							expect(stamps).toContainEqual([now, proposed.author]);
						}
						state = decided.state;
						expect(overfullPools(state, policy)).toEqual([]);
					}
				}
			),
			{ seed, numRuns }
		);
	});

	it('H1 the same inputs give the same result; the batch preview equals deciding one by one, and a carried view a cold one', () => {
		fc.assert(
			fc.property(
				presetArb,
				fc.array(intentSeed, { maxLength: 15 }),
				fc.nat(800),
				(id, seeds, day) => {
					const policy = preset(id);
					const start = world(policy, 3);
					const now = stepTime(4);
					const intents: Intent[] = seeds.map((s, i) => intentFrom(policy, s, `i${i}`));
					expect(groupView(start, [], policy, now).ok).toBe(true);
					const batch = decideIntents(start, intents, policy, now);
					// The view carried over from the cached one equals a cold view of a copy.
					const carried = groupView(batch.state, [], policy, now);
					expect(carried).toEqual(groupView(structuredClone(batch.state), [], policy, now));
					let state = start;
					const decisions = intents.map((intent) => {
						const one = decideIntent(state, intent, policy, now);
						expect(decideIntent(state, intent, policy, now)).toEqual(one);
						state = one.state;
						return one.decision;
					});
					expect(batch.decisions).toEqual(decisions);
					expect(batch.state).toEqual(state);
					const later = at('2026-01-03') + day * 86_400_000;
					const once = advanceClock(state, policy, later);
					expect(advanceClock(state, policy, later)).toEqual(once);
					if (once.ok)
						expect(advanceClock(once.value.state, policy, later)).toEqual({
							ok: true,
							value: { state: once.value.state, events: [], emails: [], history: [] }
						});
				}
			),
			{ seed, numRuns }
		);
	});
});
