import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readHistory, readState } from '../../src/lib/sync/authority-doc.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { connectClient, type TestClient } from '../helpers/sync-clients.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	for (const client of clients) client.close();
	await test.stop();
});

async function patchMe(cookie: string, body: unknown) {
	const response = await fetch(`${test.url}/api/me`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', origin: test.url, cookie },
		body: JSON.stringify(body)
	});
	return {
		status: response.status,
		body: (await response.json()) as {
			user?: { name: string; language: string };
			renamedIn?: string[];
			error?: { code: string; params?: unknown };
		}
	};
}

/** Camille's name in every group's authority state. */
async function namesOf(userId: string, groupIds: string[]) {
	const names: Record<string, string | undefined> = {};
	for (const id of groupIds) {
		const state = await test.server.engine.run(id, (a) => Promise.resolve(a.state));
		names[id] = state?.members[userId]?.name;
	}
	return names;
}

describe('a user’s own profile (U5)', () => {
	it('U5 a user renames themselves and every group that lists them shows it to its admins', async () => {
		const { camille } = await freshGroup(test, 'profile-rename');
		const admin = await connectClient(test, 'alex.admin@acme.example', 'profile-rename');
		clients.push(admin);
		await vi.waitFor(() => expect(admin.connection.status.connection).toBe('online'));
		const cookie = await signIn(test.url, camille.email);

		const renamed = await patchMe(cookie, { name: 'Camille Martin-Durand' });
		expect(renamed.status).toBe(200);
		expect(renamed.body.user?.name).toBe('Camille Martin-Durand');
		const groups = (await test.storage.accounts.groupsOf(camille.id)).map(({ group }) => group.id);
		expect(renamed.body.renamedIn).toEqual([...groups].sort());
		expect(groups).toContain('profile-rename');
		await vi.waitFor(() =>
			expect(readState(admin.connection.authority).state?.members[camille.id]?.name).toBe(
				'Camille Martin-Durand'
			)
		);
		const entry = readHistory(admin.connection.authority).find(
			(item) => item.kind === 'profile.updated'
		);
		expect(entry).toMatchObject({
			author: camille.id,
			subject: camille.id,
			params: { from: 'Camille Martin', to: 'Camille Martin-Durand' }
		});

		// Again with the same name: nothing to write anywhere. A language alone touches no group.
		expect((await patchMe(cookie, { name: 'Camille Martin-Durand' })).body.renamedIn).toEqual([]);
		const language = await patchMe(cookie, { language: 'de' });
		expect(language.body).toMatchObject({ user: { language: 'de' }, renamedIn: [] });
	});

	it('U5 refuses an empty name with a code and changes nothing', async () => {
		const jonas = await test.storage.accounts.findUserByEmail('jonas.weber@acme.example');
		if (!jonas) throw new Error('demo user');
		const groups = (await test.storage.accounts.groupsOf(jonas.id)).map(({ group }) => group.id);
		const before = await namesOf(jonas.id, groups);
		const cookie = await signIn(test.url, jonas.email);
		const refused = await patchMe(cookie, { name: '   ' });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toEqual({ code: 'request.invalid', params: { path: 'name' } });
		expect((await test.storage.accounts.findUserById(jonas.id))?.name).toBe('Jonas Weber');
		expect(await namesOf(jonas.id, groups)).toEqual(before);
	});
});
