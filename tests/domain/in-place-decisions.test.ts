import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { decideIntents } from '../../src/lib/domain/intent-decide.ts';
import type { Intent } from '../../src/lib/domain/intent-schema.ts';
import type { Policy } from '../../src/lib/domain/policy-schema.ts';
import type { GroupState } from '../../src/lib/domain/state-schema.ts';
import { at, intent, preset } from './fixtures.ts';
import {
	intentFrom,
	intentSeed,
	numRuns,
	presetIds,
	seed,
	stepTime,
	world
} from './property-worlds.ts';

/**
 * The server decides in place (DecideOptions.inPlace): its batches write into the authority
 * state's own records instead of a copy. These properties hold it to the browser's copying
 * engine: same decisions, same history, same state, same view from the carried caches, and a
 * revert that leaves nothing behind.
 */

/** Intents that also add people by e-mail, so the e-mail index is carried and consulted. */
function batchOf(policy: Policy, seeds: readonly [number, number, number, boolean, number][]) {
	return seeds.map(([kind, person, device, flag, count], i): Intent => {
		if (kind % 5 !== 0) return intentFrom(policy, [kind, person, device, flag, count], `i${i}`);
		const rightsGroup = policy.licenseModel.kind === 'rights-group' ? 'guest' : null;
		// Few distinct addresses, in varying case: duplicates are refused (U1 D3).
		const email = `${flag ? 'New' : 'new'}${count % 3}@acme.example`;
		return {
			...intent({ kind: 'add-member', email, name: email, rightsGroup, permissions: [] }),
			id: `i${i}`
		};
	});
}

/** The server's way: one state, batch after batch, each decided into it. */
function decideInPlace(state: GroupState, batch: readonly Intent[], policy: Policy, now: number) {
	return decideIntents(state, batch, policy, now, { inPlace: true });
}

const batches = fc.array(fc.array(intentSeed, { minLength: 1, maxLength: 6 }), {
	minLength: 1,
	maxLength: 5
});

describe('in-place decisions on the server (seeded: TESSERA_SEED, long runs: TESSERA_LONG=1)', () => {
	it('U1 U2 U3 D1 D2 H1 deciding in place gives what the copying engine gives: decisions, history, state and the carried view', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...presetIds),
				batches,
				fc.boolean(),
				(id, seedBatches, viewFirst) => {
					const policy = preset(id);
					let copied = world(policy, 3);
					let owned = structuredClone(copied);
					const now = stepTime(4);
					// With a view made first, its scan is cached and must be carried forward.
					if (viewFirst) groupView(owned, [], policy, now);
					for (const seeds of seedBatches) {
						const batch = batchOf(policy, seeds);
						const byCopy = decideIntents(copied, batch, policy, now);
						const inPlace = decideInPlace(owned, batch, policy, now);
						expect(inPlace.decisions).toEqual(byCopy.decisions);
						expect(inPlace.history).toEqual(byCopy.history);
						expect(inPlace.changes).toEqual(byCopy.changes);
						expect(inPlace.state).toEqual(byCopy.state);
						copied = byCopy.state;
						owned = inPlace.state;
						const carried = groupView(owned, [], policy, now);
						expect(carried).toEqual(groupView(structuredClone(owned), [], policy, now));
					}
				}
			),
			{ seed, numRuns }
		);
	});

	it('U1 H1 a reverted in-place batch leaves the state, its view and the next decisions as if it never ran', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...presetIds),
				batches,
				fc.array(intentSeed, { minLength: 1, maxLength: 6 }),
				(id, seedBatches, revertedSeeds) => {
					const policy = preset(id);
					const now = stepTime(4);
					let state = world(policy, 3);
					for (const seeds of seedBatches)
						state = decideInPlace(state, batchOf(policy, seeds), policy, now).state;
					groupView(state, [], policy, now);
					const before = structuredClone(state);
					const reverted = decideInPlace(state, batchOf(policy, revertedSeeds), policy, now);
					reverted.revert?.();
					expect(state).toEqual(before);
					expect(groupView(state, [], policy, now)).toEqual(groupView(before, [], policy, now));
					// The e-mail index and usage carried back: the same batch decides the same again.
					const again = batchOf(policy, revertedSeeds);
					expect(decideInPlace(state, again, policy, now).decisions).toEqual(
						decideIntents(before, again, policy, now).decisions
					);
				}
			),
			{ seed, numRuns }
		);
	});

	it('a copying decision never writes into the state it was given; an in-place one writes only its own records', () => {
		const policy = preset('named-rights-groups');
		const state = world(policy, 3);
		const frozen = structuredClone(state);
		const add = intent({
			kind: 'add-member',
			email: 'someone@acme.example',
			name: 'Someone',
			rightsGroup: 'guest',
			permissions: []
		});
		const copied = decideIntents(state, [add], policy, at('2026-01-05'));
		expect(copied.decisions[0]?.outcome).toBe('accepted');
		expect(state).toEqual(frozen);
		expect(copied.revert).toBeUndefined();
		const owned = decideIntents(state, [add], policy, at('2026-01-05'), { inPlace: true });
		expect(owned.state.members).toBe(state.members);
		expect(Object.keys(state.members)).toHaveLength(Object.keys(frozen.members).length + 1);
		// The top level is still a new object: the caller sees which fields changed by reference.
		expect(owned.state).not.toBe(state);
	});
});
