import { describe, expect, it } from 'vitest';
import { decideIntent, type GroupState } from '../../src/lib/domain/index.ts';
import { at, intent, newGroup, preset } from './fixtures.ts';

const policy = preset('enterprise-devices');

const addMember = (email: string) =>
	intent({ kind: 'add-member', email, name: email, rightsGroup: null, permissions: ['count'] });

/** The same state with fresh record objects, so that no cached index applies. */
const cold = (state: GroupState): GroupState => ({ ...state, members: { ...state.members } });

describe('e-mail lookups carried from decision to decision', () => {
	it('U1 D3 every address added by an earlier decision is found by the next ones, as with a fresh index', () => {
		let state = newGroup(policy);
		const now = at('2026-01-05');
		// More decisions than the index keeps layers for, so that it is flattened on the way.
		for (let round = 1; round <= 40; round++) {
			const email = `User${round}@Acme.example`;
			const added = decideIntent(state, addMember(email), policy, now);
			expect(added.decision.outcome).toBe('accepted');
			state = added.state;
			for (const earlier of [1, Math.ceil(round / 2), round]) {
				const again = `user${earlier}@acme.EXAMPLE`;
				const carried = decideIntent(state, addMember(again), policy, now).decision;
				const fresh = decideIntent(cold(state), addMember(again), policy, now).decision;
				expect(carried).toMatchObject({ outcome: 'rejected', code: 'member.email-taken' });
				expect({ ...carried, intentId: '' }).toEqual({ ...fresh, intentId: '' });
			}
		}
	});
});
