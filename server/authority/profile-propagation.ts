import { randomUUID } from 'node:crypto';
import type { AccountStore } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import { decideForRequest } from './intent-decision.ts';

/**
 * U5: a user renamed themselves; every group whose state lists them as a member gets an
 * `update-profile` intent authored by them, so admins see the new name (and its history entry).
 * The groups come from the membership index the authority keeps; each is decided in its own
 * turn, and a group that already shows the name is left alone, so calling this again after a
 * failure only finishes the job. Answers the ids of the groups that changed.
 */
export async function renameInEveryGroup(
	deps: { engine: AuthorityEngine; accounts: AccountStore },
	userId: string,
	name: string
): Promise<string[]> {
	const renamed: string[] = [];
	await Promise.all(
		(await deps.accounts.membershipsOf(userId)).map(async (groupId) => {
			const decided = await decideForRequest(deps.engine, groupId, (state) => {
				const member = state.members[userId];
				if (member === undefined || member.name === name) return [];
				const now = deps.engine.clock.now();
				const id = `profile-${randomUUID()}`;
				return [
					{ id, kind: 'update-profile', author: userId, createdAt: now, memberId: userId, name }
				];
			});
			if (decided.ok && decided.committed) renamed.push(groupId);
			// A group never initialised lists nobody; any other refusal is a bug worth a 500.
			if (!decided.ok && decided.error.code !== 'group.not-initialized')
				throw new Error(`update-profile refused in ${groupId}: ${decided.error.code}`);
		})
	);
	return renamed.sort();
}
