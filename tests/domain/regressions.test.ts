/**
 * Pinned regressions: each case a property test once found, kept as a named test (STYLE.md).
 */

import { describe, expect, it } from 'vitest';
import { decideIntent, decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { intentFrom, preset, stepTime, world } from './property-worlds.ts';

describe('pinned regressions', () => {
	it('H1 seed 20261122 path 14344: a batch saw stale seat usage after a member joined mid-batch', () => {
		const policy = preset('named-rights-groups');
		const start = world(policy, 3);
		const seeds = [
			[3, 0, 0, false, 0],
			[9, 0, 0, false, 0],
			[11, 0, 0, true, 0],
			[9, 0, 0, false, 0]
		] as const;
		const intents = seeds.map((s, i) => intentFrom(policy, [...s], `i${i}`));
		const batch = decideIntents(start, intents, policy, stepTime(4));
		let state = start;
		const single = intents.map((intent) => {
			const one = decideIntent(state, intent, policy, stepTime(4));
			state = one.state;
			return one.decision;
		});
		expect(batch.decisions).toEqual(single);
		expect(batch.decisions[3]).toMatchObject({
			code: 'seat.reduction-below-used',
			params: { used: 2 }
		});
	});
});
