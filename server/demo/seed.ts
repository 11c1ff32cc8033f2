import { randomUUID } from 'node:crypto';
import { recordClaSigned, type Role } from '../../src/lib/domain/index.ts';
import type { TesseraServer } from '../app.ts';
import {
	applyOperation,
	decideAsAuthority,
	initializeGroup,
	placeOrderAsAuthority,
	type Person
} from '../authority/group-setup.ts';
import { hashPassword, type ScryptCost } from '../auth/passwords.ts';
import type { Storage } from '../storage/types.ts';
import { demoAdmins, demoGroups, demoMembers, type DemoGroup } from './demo-people.ts';
import { demoScenarios, type DemoStep } from './demo-scenarios.ts';

export const demoVendor = { id: 'demo-vendor', name: 'Northwind Software' };

/**
 * Phase one, before the server listens: the demo vendor, one group per policy preset, the demo
 * admins with their roles, and accounts for most license holders (so that giving them a license
 * links them at once, U1; the others are invited).
 */
export async function seedDemoAccounts(
	storage: Storage,
	options: { password: string; cost: ScryptCost; now: number }
): Promise<void> {
	const { accounts } = storage;
	await accounts.createVendor(demoVendor);
	for (const group of demoGroups) {
		await accounts.createGroup({
			id: group.id,
			name: group.name,
			vendorId: demoVendor.id,
			policyId: group.policyId,
			createdAt: options.now
		});
	}
	// Hashing is deliberately slow; the admins' hashes run side by side on libuv's pool.
	const hashes = await Promise.all(
		demoAdmins.map(() => hashPassword(options.password, options.cost))
	);
	for (const [index, admin] of demoAdmins.entries()) {
		const id = randomUUID();
		await accounts.createUser({
			id,
			email: admin.email,
			name: admin.name,
			passwordHash: hashes[index] ?? null,
			language: admin.language,
			vendorRole: admin.vendorRole ?? null,
			createdAt: options.now
		});
		for (const [groupId, roles] of Object.entries(admin.roles)) {
			for (const role of roles) await accounts.grantRole(groupId, id, role);
		}
	}
	for (const group of demoGroups) {
		for (const [index, member] of demoMembers(group).entries()) {
			// Every seventh holder has no account yet: they show as awaiting registration.
			if (index % 7 === 6 || (await accounts.findUserByEmail(member.email))) continue;
			await accounts.createUser({
				id: randomUUID(),
				email: member.email,
				name: member.name,
				passwordHash: null,
				language: 'en',
				vendorRole: null,
				createdAt: options.now
			});
		}
	}
}

/**
 * Phase two, once the authority runs: each group's first state, its opening purchase (signed
 * ledger events) and its first licenses, through the same code as live requests.
 */
export async function seedDemoGroups(server: TesseraServer, storage: Storage): Promise<void> {
	for (const group of demoGroups) await seedGroup(server, storage, group);
}

async function personOf(storage: Storage, email: string): Promise<Person> {
	const user = await storage.accounts.findUserByEmail(email);
	if (!user) throw new Error(`demo user ${email} is missing`);
	return { id: user.id, email: user.email, name: user.name };
}

async function seedGroup(server: TesseraServer, storage: Storage, group: DemoGroup) {
	const { engine } = server;
	const inGroup = demoAdmins.filter((admin) => admin.roles[group.id]);
	const ownerAdmin = inGroup.find((admin) => admin.roles[group.id]?.includes('owner'));
	if (!ownerAdmin) throw new Error(`demo group ${group.id} has no owner`);
	const owner = await personOf(storage, ownerAdmin.email);
	const billableAdmin = inGroup.find((admin) => admin.roles[group.id]?.includes('billable'));
	const billable = billableAdmin ? await personOf(storage, billableAdmin.email) : owner;
	const others = [];
	for (const admin of inGroup) {
		if (admin === ownerAdmin) continue;
		const roles = (admin.roles[group.id] ?? []).filter((role) => role !== 'billable');
		others.push({ person: await personOf(storage, admin.email), roles });
	}
	await initializeGroup(engine, group.id, { owner, billable });
	const admin = others.find((entry) => entry.roles.includes('admin'))?.person ?? owner;
	const members = demoMembers(group);
	const accounts: Record<string, string> = {};
	for (const person of [...members, ...others.map((entry) => entry.person)]) {
		const user = await storage.accounts.findUserByEmail(person.email);
		if (user) accounts[person.email.toLowerCase()] = user.id;
	}
	const people = { ownerId: owner.id, adminId: admin.id, members };
	const steps = demoScenarios[group.policyId] ?? [];
	const purchases = steps.filter((step) => step.kind !== 'intents');
	for (const step of purchases) await runStep(server, group.id, step, { owner, people, accounts });
	// The other admins join once there are seats: where everyone needs a license (U4), they get one.
	await decideAsAuthority(
		engine,
		group.id,
		adminIntents(
			server,
			group,
			owner.id,
			others.map((entry) => ({ ...entry, member: entry.person.id === billable.id }))
		),
		accounts
	);
	for (const step of steps.filter((entry) => entry.kind === 'intents')) {
		await runStep(server, group.id, step, { owner, people, accounts });
	}
}

function adminIntents(
	server: TesseraServer,
	group: DemoGroup,
	ownerId: string,
	admins: { person: Person; roles: Role[]; member: boolean }[]
): Record<string, unknown>[] {
	const policy = server.engine.policyOf({ ...group, vendorId: demoVendor.id, createdAt: 0 });
	const licensed = policy.licenseModel.kind === 'named' && policy.licenseModel.everyoneNeedsSeat;
	const product = policy.products[0]?.id ?? '';
	const now = server.engine.clock.now();
	return admins.flatMap(({ person, roles, member }, index) => {
		const common = { author: ownerId, createdAt: now };
		const join = licensed
			? {
					...common,
					id: `demo-admin-${index}-join`,
					kind: 'assign-license',
					product,
					target: { by: 'email', email: person.email, name: person.name }
				}
			: {
					...common,
					id: `demo-admin-${index}-join`,
					kind: 'add-member',
					email: person.email,
					name: person.name,
					rightsGroup: null,
					permissions: []
				};
		const joins = member ? [] : [join];
		if (roles.length === 0) return joins;
		return [
			...joins,
			{ ...common, id: `demo-admin-${index}-roles`, kind: 'set-roles', memberId: person.id, roles }
		];
	});
}

async function runStep(
	server: TesseraServer,
	groupId: string,
	step: DemoStep,
	context: {
		owner: Person;
		people: Parameters<Extract<DemoStep, { kind: 'intents' }>['make']>[0];
		accounts: Record<string, string>;
	}
) {
	const { engine } = server;
	const operator = { userId: 'demo-operator', roles: [], operator: true };
	if (step.kind === 'cla') {
		await applyOperation(engine, groupId, 'cla', (state, policy, now) =>
			recordClaSigned(state, policy, operator, now)
		);
	} else if (step.kind === 'order') {
		await placeOrderAsAuthority(
			engine,
			groupId,
			{ userId: context.owner.id, passwordConfirmed: true },
			step.request
		);
	} else {
		const now = engine.clock.now();
		const intents = step.make(context.people).map((intent) => ({ ...intent, createdAt: now }));
		await decideAsAuthority(engine, groupId, intents, context.accounts);
	}
}
