import { randomUUID } from 'node:crypto';
import type { AccountStore } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import { decideForRequest } from './intent-decision.ts';

const pageSize = 100;

/**
 * U5: a user renamed themselves; every group whose state lists them as a member gets an
 * `update-profile` intent authored by them, so admins see the new name (and its history entry).
 * Groups are walked page by page and each is decided in its own turn; a group that already
 * shows the name is left alone, so calling this again after a failure only finishes the job.
 * Answers the ids of the groups that changed.
 *
 * Membership is only known to each group's state (a license holder has no role in SQL), so
 * every group is read; a membership index kept by the authority would avoid that at scale.
 */
export async function renameInEveryGroup(
	deps: { engine: AuthorityEngine; accounts: AccountStore },
	userId: string,
	name: string
): Promise<string[]> {
	const renamed: string[] = [];
	let afterId: string | undefined;
	for (;;) {
		const page = await deps.accounts.listGroups({ afterId, limit: pageSize });
		await Promise.all(
			page.map(async (group) => {
				const decided = await decideForRequest(deps.engine, group.id, (state) => {
					const member = state.members[userId];
					if (member === undefined || member.name === name) return [];
					const now = deps.engine.clock.now();
					const id = `profile-${randomUUID()}`;
					return [
						{ id, kind: 'update-profile', author: userId, createdAt: now, memberId: userId, name }
					];
				});
				if (decided.ok && decided.committed) renamed.push(group.id);
				// A group never initialised lists nobody; any other refusal is a bug worth a 500.
				if (!decided.ok && decided.error.code !== 'group.not-initialized')
					throw new Error(`update-profile refused in ${group.id}: ${decided.error.code}`);
			})
		);
		const last = page.at(-1);
		if (page.length < pageSize || !last) return renamed.sort();
		afterId = last.id;
	}
}
