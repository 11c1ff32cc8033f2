import type { AccountStore } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';

/**
 * Fills the membership index from every group's state, for a data directory that predates it.
 * Runs once at start-up, only while the index is empty; the authority keeps it current after.
 */
export async function backfillMemberships(
	engine: AuthorityEngine,
	accounts: AccountStore
): Promise<number> {
	if (await accounts.hasMemberships()) return 0;
	let filled = 0;
	let afterId: string | undefined;
	for (;;) {
		const page = await accounts.listGroups({ afterId, limit: 100 });
		for (const group of page) {
			const ids = await engine.run(group.id, (authority) =>
				Promise.resolve(Object.keys(authority.state?.members ?? {}))
			);
			for (const id of ids) {
				if (!(await accounts.findUserById(id))) continue;
				await accounts.setMembership(group.id, id, true);
				filled++;
			}
		}
		const last = page.at(-1);
		if (page.length < 100 || !last) return filled;
		afterId = last.id;
	}
}
