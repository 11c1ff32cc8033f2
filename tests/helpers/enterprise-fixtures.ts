import { recordClaSigned } from '../../src/lib/domain/index.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import {
	applyOperation,
	decideAsAuthority,
	initializeGroup,
	placeOrderAsAuthority,
	type Person
} from '../../server/authority/group-setup.ts';
import type { TestServer } from './test-server.ts';

/** The password of every account these fixtures create. */
export const userPassword = 'correct horse battery';

/** The same cheap scrypt as the test server's (test-server.ts), so sign-ins stay fast. */
const testCost = { logN: 12, r: 8, p: 1 };

/** Creates an account with a password (user id = member id in every group). */
export async function createAccount(
	test: TestServer,
	email: string,
	name: string,
	language: 'en' | 'fr' | 'de' = 'en'
): Promise<Person> {
	const id = `user-${email.replace(/[^a-z0-9]/gi, '-')}`;
	await test.storage.accounts.createUser({
		id,
		email,
		name,
		passwordHash: await hashPassword(userPassword, testCost),
		language,
		vendorRole: null,
		createdAt: test.server.clock.now()
	});
	return { id, email, name };
}

/**
 * An enterprise account (preset 003, device licenses) run through the real authority: a
 * role-based owner address (G3), the CLA, `seats` counting-app licenses of which `floating`
 * float (D2), and `users` enterprise users with passwords (D3).
 */
export async function enterpriseAccount(
	test: TestServer,
	groupId: string,
	options: { seats: number; floating?: number; users: number }
): Promise<{ account: string; owner: Person; users: Person[] }> {
	const { engine } = test.server;
	const account = `licenses@${groupId}.example`;
	const owner = await createAccount(test, account, `Licenses ${groupId}`);
	await test.storage.accounts.createGroup({
		id: groupId,
		name: `Enterprise ${groupId}`,
		vendorId: 'demo-vendor',
		policyId: 'enterprise-devices',
		createdAt: engine.clock.now()
	});
	await initializeGroup(engine, groupId, { owner });
	const operator = { userId: 'test-operator', roles: [], operator: true };
	await applyOperation(engine, groupId, 'cla', (state, policy, now) =>
		recordClaSigned(state, policy, operator, now)
	);
	await placeOrderAsAuthority(
		engine,
		groupId,
		{ userId: owner.id, passwordConfirmed: true },
		{ kind: 'set-seats', product: 'counter', newTotal: options.seats, term: 'annual' }
	);
	const now = engine.clock.now();
	const base = { author: owner.id, createdAt: now };
	if (options.floating) {
		await decideAsAuthority(engine, groupId, [
			{
				...base,
				id: 'split',
				kind: 'set-pool-split',
				product: 'counter',
				floating: options.floating
			}
		]);
	}
	const users: Person[] = [];
	for (let i = 1; i <= options.users; i++) {
		users.push(await createAccount(test, `user${i}@${groupId}.example`, `User ${i} ${groupId}`));
	}
	const accounts = Object.fromEntries(users.map((user) => [user.email, user.id]));
	await decideAsAuthority(
		engine,
		groupId,
		users.map((user, index) => ({
			...base,
			id: `add-${index}`,
			kind: 'add-member',
			email: user.email,
			name: user.name,
			rightsGroup: null,
			permissions: ['count']
		})),
		accounts
	);
	return { account, owner, users };
}
