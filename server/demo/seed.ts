import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { membersMap } from '../../src/lib/sync/authority-doc.ts';
import { documentName } from '../../src/lib/sync/protocol.ts';
import { hashPassword, type ScryptCost } from '../auth/passwords.ts';
import type { Storage } from '../storage/types.ts';
import { demoAdmins, demoGroups, demoMembers } from './demo-people.ts';

export const demoVendor = { id: 'demo-vendor', name: 'Northwind Software' };

/**
 * Fills an empty data directory with the demo vendor, one group per policy preset, the demo
 * admins (several per group) and each group's members in its authority document.
 */
export async function seedDemo(
	storage: Storage,
	options: { password: string; cost: ScryptCost; now: number }
): Promise<void> {
	const { accounts, documents } = storage;
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
	await documents.appendUpdates(
		demoGroups.map((group) => ({
			name: documentName(group.id, 'authority'),
			update: authoritySnapshot(demoMembers(group))
		}))
	);
}

function authoritySnapshot(people: { name: string; email: string }[]): Uint8Array {
	const doc = new Y.Doc();
	const members = membersMap(doc);
	doc.transact(() => {
		people.forEach((person, index) => {
			const id = `m-${String(index + 1).padStart(4, '0')}`;
			members.set(id, {
				id,
				name: person.name,
				email: person.email,
				status: index % 7 === 6 ? 'invited' : 'active',
				rightsGroup: index % 5 === 4 ? 'guest' : 'employee'
			});
		});
	});
	return Y.encodeStateAsUpdate(doc);
}
