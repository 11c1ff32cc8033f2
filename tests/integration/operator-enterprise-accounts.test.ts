import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ErrorBody, clientOf, people } from '../helpers/billing-api.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let operator: ApiClient;
beforeAll(async () => {
	test = await startTestServer();
	operator = await clientOf(test, people.operator);
});
afterAll(async () => {
	await test.stop();
});

interface Created {
	group: { id: string; policyId: string };
	admin: { id: string; email: string };
	users: { id: string; email: string; permissions: string[] }[];
	warnings: { code: string; params: Record<string, unknown> }[];
	created: boolean;
}

interface NewUser {
	email: string;
	name: string;
	password: string;
	language?: 'en' | 'fr' | 'de';
	permissions: string[];
}

const account = (id: string, adminEmail: string, users: NewUser[] = defaultUsers(id)) => ({
	group: {
		id,
		name: `Warehouse ${id}`,
		policyId: 'enterprise-devices',
		vendorId: 'demo-vendor'
	},
	admin: { email: adminEmail, name: 'Licences desk', password: 'correct horse battery' },
	users
});

const picker = (id: string): NewUser => ({
	email: `picker.one@${id}.example`,
	name: 'Picker One',
	password: 'picker-one-password',
	permissions: ['count']
});

const defaultUsers = (id: string): NewUser[] => [
	picker(id),
	{
		email: `lead@${id}.example`,
		name: 'Team Lead',
		password: 'team-lead-password',
		language: 'de',
		permissions: ['count', 'export-results', 'manage-templates']
	}
];

/** Everything an account creation could have written. */
async function footprint(groupId: string, emails: string[]) {
	const group = await test.storage.accounts.findGroup(groupId);
	const users = await Promise.all(emails.map((e) => test.storage.accounts.findUserByEmail(e)));
	return { group: group ?? null, users: users.filter(Boolean).length };
}

describe('enterprise accounts created by the operator', () => {
	it('D3 creates the group, its admin account and its users with passwords and permissions', async () => {
		const body = account('acme-depot', 'licenses@acme-depot.example');
		const created = await operator.post<Created>('/api/operator/enterprise-accounts', body);
		expect(created.status).toBe(201);
		expect(created.body.warnings).toEqual([]);
		expect(created.body.users.map((u) => u.permissions)).toEqual([
			['count'],
			['count', 'export-results', 'manage-templates']
		]);
		// The admin signs in with the password the desk set, and owns the group (G2).
		await expect(signIn(test.url, 'licenses@acme-depot.example', 'a guess')).rejects.toThrow();
		const cookie = await signIn(test.url, 'licenses@acme-depot.example', 'correct horse battery');
		const groups = await fetch(`${test.url}/api/groups`, { headers: { cookie } });
		expect(await groups.json()).toEqual([
			{
				id: 'acme-depot',
				name: 'Warehouse acme-depot',
				policyId: 'enterprise-devices',
				roles: ['billable', 'owner']
			}
		]);
		await signIn(test.url, 'lead@acme-depot.example', 'team-lead-password');
		const lead = await test.storage.accounts.findUserByEmail('lead@acme-depot.example');
		expect(lead?.language).toBe('de');
		// The authority document holds them as active members with their permissions.
		const state = await test.server.engine.run('acme-depot', (a) => Promise.resolve(a.state));
		const members = Object.values(state?.members ?? {});
		expect(members.map((m) => [m.email, m.status, m.roles, m.permissions]).sort()).toEqual([
			['lead@acme-depot.example', 'active', [], ['count', 'export-results', 'manage-templates']],
			['licenses@acme-depot.example', 'active', ['owner', 'billable'], []],
			['picker.one@acme-depot.example', 'active', [], ['count']]
		]);
	});

	it('G3 warns when the admin address is a person’s, in a dry run that creates nothing', async () => {
		const body = { ...account('olga-depot', 'olga.petrova@olga-depot.example'), dryRun: true };
		const checked = await operator.post<Created>('/api/operator/enterprise-accounts', body);
		expect(checked.status).toBe(200);
		expect(checked.body.created).toBe(false);
		expect(checked.body.warnings).toContainEqual({
			code: 'address.not-role-based',
			params: { email: 'olga.petrova@olga-depot.example' }
		});
		expect(
			await footprint('olga-depot', ['olga.petrova@olga-depot.example', 'lead@olga-depot.example'])
		).toEqual({ group: null, users: 0 });
		// Confirmed anyway: created, with the same warning on the answer.
		const created = await operator.post<Created>('/api/operator/enterprise-accounts', {
			...body,
			dryRun: false
		});
		expect(created.status).toBe(201);
		expect(created.body.warnings.map((w) => w.code)).toContain('address.not-role-based');
	});

	it('refuses an unknown permission, a taken address, a taken id and a foreign vendor — creating nothing', async () => {
		const emails = ['licenses@bad-depot.example', 'picker.one@bad-depot.example'];
		const cases: [unknown, number, string][] = [
			[
				account('bad-depot', emails[0] ?? '', [{ ...picker('bad-depot'), permissions: ['fly'] }]),
				422,
				'permission.unknown'
			],
			[
				account('bad-depot', emails[0] ?? '', [{ ...picker('bad-depot'), email: people.admin }]),
				409,
				'user.email-taken'
			],
			[
				account('bad-depot', emails[0] ?? '', [
					...defaultUsers('bad-depot'),
					{ ...picker('bad-depot'), email: 'PICKER.ONE@bad-depot.example' }
				]),
				409,
				'user.email-taken'
			],
			[account('demo-license-groups', emails[0] ?? ''), 409, 'group.id-taken'],
			[
				{
					...account('bad-depot', emails[0] ?? ''),
					group: { ...account('x', '').group, id: 'bad-depot', vendorId: 'other' }
				},
				422,
				'vendor.unknown'
			],
			[{ ...account('bad-depot', emails[0] ?? ''), extra: 1 }, 400, 'request.invalid'],
			[account('Bad Depot!', emails[0] ?? ''), 400, 'request.invalid']
		];
		for (const [body, status, code] of cases) {
			const refused = await operator.post<ErrorBody>('/api/operator/enterprise-accounts', body);
			expect([refused.status, refused.body.error.code]).toEqual([status, code]);
		}
		expect(await footprint('bad-depot', emails)).toEqual({ group: null, users: 0 });
	});

	it('D3 is the operator’s: an owner cannot create enterprise accounts', async () => {
		const owner = await clientOf(test, people.owner);
		const refused = await owner.post<ErrorBody>(
			'/api/operator/enterprise-accounts',
			account('owner-depot', 'licenses@owner-depot.example')
		);
		expect([refused.status, refused.body.error.code]).toEqual([403, 'operator.only']);
		expect(await footprint('owner-depot', ['licenses@owner-depot.example'])).toEqual({
			group: null,
			users: 0
		});
	});
});
