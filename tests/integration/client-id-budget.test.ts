import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { configFromEnv } from '../../server/config.ts';
import { decodeNotice, syncUpdateMessage } from '../helpers/protocol-frames.ts';
import { rawClient } from '../helpers/sync-clients.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Each page load of the app writes with a fresh Yjs client id; thousands of them are an attack on
 * Yjs' conflict resolution, so a user may introduce only so many per hour (MAX_NEW_CLIENT_IDS_PER_HOUR).
 */
let test: TestServer;
beforeAll(async () => {
	test = await startTestServer({ newClientIdsPerHour: 2 });
});
afterAll(async () => {
	await test.stop();
});

function noteFromFreshClient(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText(`note:${text}`).insert(0, text);
	return syncUpdateMessage(Y.encodeStateAsUpdate(doc));
}

describe('the fresh client-id budget', () => {
	it('takes a user’s first fresh client ids and refuses the ones over the budget, with a notice', async () => {
		const cookie = await signIn(test.url, 'alex.admin@acme.example');
		const client = await rawClient(`${test.wsUrl}/sync/demo-license-groups`, {
			cookie,
			origin: test.url
		});
		for (const text of ['first', 'second', 'third']) client.send(noteFromFreshClient(text));
		await vi.waitFor(() =>
			expect(client.received.map(decodeNotice)).toContainEqual({ code: 'sync.too-many-clients' })
		);
		await test.server.writer.drain();
		const stored = new Y.Doc();
		for (const update of await test.storage.documents.loadDocument(
			'group:demo-license-groups:workspace'
		))
			Y.applyUpdate(stored, update);
		expect(stored.getText('note:first').toJSON()).toBe('first');
		expect(stored.getText('note:second').toJSON()).toBe('second');
		expect(stored.getText('note:third').toJSON()).toBe('');
		client.close();
	});

	it('is configurable, 120 an hour by default', () => {
		expect(configFromEnv({}).newClientIdsPerHour).toBe(120);
		expect(configFromEnv({ MAX_NEW_CLIENT_IDS_PER_HOUR: '5000' }).newClientIdsPerHour).toBe(5000);
		expect(() => configFromEnv({ MAX_NEW_CLIENT_IDS_PER_HOUR: '0' })).toThrow(
			/MAX_NEW_CLIENT_IDS_PER_HOUR/
		);
	});
});
