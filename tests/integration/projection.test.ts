import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { presets } from '../../src/lib/domain/index.ts';
import { AuthorityProjection } from '../../src/lib/sync/authority-projection.ts';
import { myUndecidedIntents, previewPending } from '../../src/lib/sync/pending-intents.ts';
import { proposeIntent } from '../../src/lib/sync/workspace-doc.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { connectClient, type TestClient } from '../helpers/sync-clients.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	for (const client of clients) client.close();
	await test.stop();
});

describe('what a client shows: the decided state plus my pending intents', () => {
	it('previews an offline intent with the same engine, then shows the authority’s decision', async () => {
		const { alex } = await freshGroup(test, 'preview', {
			seats: { product: 'designer', total: 3 }
		});
		const client = await connectClient(test, 'alex.admin@acme.example', 'preview');
		clients.push(client);
		await vi.waitFor(() => expect(client.connection.status.connection).toBe('online'));
		const projection = new AuthorityProjection(client.connection.authority);
		const policy = presets['license-groups'];
		if (!policy || !projection.state) throw new Error('the group has no state');
		expect(projection.state.holdings.designer?.seats).toBe(3);

		client.connection.disconnect();
		proposeIntent(
			client.connection.workspace,
			{
				id: 'offline-give',
				kind: 'assign-license',
				author: alex.id,
				createdAt: Date.now(),
				product: 'designer',
				target: { by: 'email', email: 'new.person@acme.example', name: 'New Person' }
			},
			'test'
		);
		const mine = myUndecidedIntents(client.connection.workspace, alex.id, projection.decisions);
		expect(mine.map((intent) => intent.id)).toEqual(['offline-give']);
		const preview = previewPending(projection.state, mine, policy, Date.now());
		expect(preview.pending[0]?.preview.outcome).toBe('accepted');
		const invited = Object.values(preview.state.members).find(
			(member) => member.email === 'new.person@acme.example'
		);
		expect(invited?.status).toBe('awaiting-registration');
		expect(preview.touched.has(invited?.id ?? '')).toBe(true);

		client.connection.connect();
		await vi.waitFor(() =>
			expect(projection.decisions.get('offline-give')?.decision.outcome).toBe('accepted')
		);
		expect(myUndecidedIntents(client.connection.workspace, alex.id, projection.decisions)).toEqual(
			[]
		);
		const decided = Object.values(projection.state.members).find(
			(member) => member.email === 'new.person@acme.example'
		);
		expect(decided?.licenses).toEqual(['designer']);
		projection.destroy();
	});

	it('skips and counts values that fail their schema instead of trusting them', async () => {
		await freshGroup(test, 'projection-schema');
		const client = await connectClient(test, 'alex.admin@acme.example', 'projection-schema');
		clients.push(client);
		await vi.waitFor(() => expect(client.connection.status.connection).toBe('online'));
		const projection = new AuthorityProjection(client.connection.authority);
		const before = Object.keys(projection.state?.members ?? {}).length;
		// Only a local, never-synced change can do this: the server refuses client writes here.
		client.connection.authority.getMap('members').set('broken', { id: 'broken', name: 42 });
		expect(projection.invalid.has('members.broken')).toBe(true);
		expect(Object.keys(projection.state?.members ?? {})).toHaveLength(before);
		projection.destroy();
	});
});
