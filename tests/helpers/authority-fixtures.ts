import {
	initializeGroup,
	placeOrderAsAuthority,
	type Person
} from '../../server/authority/group-setup.ts';
import type { GroupRole } from '../../server/storage/types.ts';
import type { TestServer } from './test-server.ts';

/** A demo user as a domain person (user id = member id). */
export async function person(test: TestServer, email: string): Promise<Person> {
	const user = await test.storage.accounts.findUserByEmail(email);
	if (!user) throw new Error(`no demo user ${email}`);
	return { id: user.id, email: user.email, name: user.name };
}

/**
 * A fresh group on a policy preset, owned by Olivia with Alex and Camille as admins, initialised
 * through the real authority, optionally with seats bought by the owner.
 */
export async function freshGroup(
	test: TestServer,
	groupId: string,
	options: {
		policyId?: string;
		seats?: { product: string; total: number; term?: 'annual' | 'monthly' };
	} = {}
): Promise<{ owner: Person; alex: Person; camille: Person }> {
	const owner = await person(test, 'olivia.owner@acme.example');
	const alex = await person(test, 'alex.admin@acme.example');
	const camille = await person(test, 'camille.martin@acme.example');
	const { accounts } = test.storage;
	await accounts.createGroup({
		id: groupId,
		name: `Test group ${groupId}`,
		vendorId: 'demo-vendor',
		policyId: options.policyId ?? 'license-groups',
		createdAt: Date.now()
	});
	const grant = async (user: Person, roles: GroupRole[]) => {
		for (const role of roles) await accounts.grantRole(groupId, user.id, role);
	};
	await grant(owner, ['owner', 'billable']);
	await grant(alex, ['admin']);
	await grant(camille, ['admin']);
	await initializeGroup(test.server.engine, groupId, {
		owner,
		admins: [
			{ person: alex, roles: ['admin'] },
			{ person: camille, roles: ['admin'] }
		]
	});
	if (options.seats) {
		await placeOrderAsAuthority(
			test.server.engine,
			groupId,
			{ userId: owner.id, passwordConfirmed: true },
			{
				kind: 'set-seats',
				product: options.seats.product,
				newTotal: options.seats.total,
				term: options.seats.term ?? 'monthly'
			}
		);
	}
	return { owner, alex, camille };
}
