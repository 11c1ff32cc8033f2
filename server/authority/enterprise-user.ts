import { randomUUID } from 'node:crypto';
import { userAddressWarnings, type Warning } from '../../src/lib/domain/index.ts';
import { hashPassword, type ScryptCost } from '../auth/passwords.ts';
import type { AccountStore, UserRecord } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import type { Refusal } from './domain-operation.ts';
import { decideForRequest } from './intent-decision.ts';

/** A user an admin creates in an enterprise account (D3). */
export interface EnterpriseUserInput {
	email: string;
	name: string;
	password: string;
	language: string;
	permissions: string[];
}

/**
 * D3: an admin creates an enterprise user with a unique e-mail, a password and permissions.
 * The password never enters the shared workspace: the account is created by this route, and
 * the member by an `add-member` intent the authority decides in the same turn (linked to the new
 * account, so member id = user id). The account is stored just before the commit and removed
 * again if the commit fails; a refusal stores nothing.
 */
export async function createEnterpriseUser(
	deps: { accounts: AccountStore; engine: AuthorityEngine; passwordCost: ScryptCost },
	groupId: string,
	authorId: string,
	input: EnterpriseUserInput
): Promise<{ ok: true; user: UserRecord; warnings: Warning[] } | { ok: false; error: Refusal }> {
	const { accounts, engine } = deps;
	if (await accounts.findUserByEmail(input.email)) {
		return { ok: false, error: { code: 'user.email-taken', params: { email: input.email } } };
	}
	// Hashing is slow on purpose: done before the group's turn, so others do not wait for it.
	const passwordHash = await hashPassword(input.password, deps.passwordCost);
	const now = engine.clock.now();
	const user: UserRecord = {
		id: randomUUID(),
		email: input.email,
		name: input.name,
		passwordHash,
		language: input.language,
		vendorRole: null,
		createdAt: now
	};
	let created = false;
	const intent = {
		id: `enterprise-user-${user.id}`,
		kind: 'add-member',
		author: authorId,
		createdAt: now,
		email: input.email,
		name: input.name,
		rightsGroup: null,
		permissions: input.permissions
	};
	const decided = await decideForRequest(engine, groupId, [intent], {
		accounts: { [input.email.toLowerCase()]: user.id },
		hooks: {
			beforeCommit: async () => {
				if (await accounts.findUserByEmail(input.email)) {
					return { code: 'user.email-taken', params: { email: input.email } };
				}
				await accounts.createUser(user);
				created = true;
				return undefined;
			},
			onCommitFailed: async () => {
				if (created) await accounts.deleteUnusedUser(user.id);
			}
		}
	});
	if (!decided.ok) return decided;
	return { ok: true, user, warnings: userAddressWarnings(input.email) };
}
