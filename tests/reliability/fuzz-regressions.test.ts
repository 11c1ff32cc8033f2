import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { connectClient, rawClient } from '../helpers/sync-clients.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { brokenCleanupMessage, brokenCleanupState } from './regressions/c4-broken-cleanup.ts';

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const group = 'c4-regression';
const documentName = `group:${group}:workspace`;

let test: TestServer;
beforeAll(async () => {
	test = await startTestServer();
	await freshGroup(test, group);
	// The workspace exactly as the long sweep had it just before the message.
	await test.storage.documents.appendUpdates([
		{ name: documentName, update: bytes(brokenCleanupState) }
	]);
});
afterAll(async () => {
	await test.stop();
});

describe('C4 pinned regressions', () => {
	it('C4 seed 20261122 message 367,706: an update that breaks Yjs’ clean-up reloads the room instead of silently ending its storage and relay (and leaking every later transaction)', async () => {
		const cookie = await signIn(test.url, 'alex.admin@acme.example');
		const hostile = await rawClient(`${test.wsUrl}/sync/${group}`, { cookie, origin: test.url });
		hostile.send(bytes(brokenCleanupMessage));
		// The room is reloaded from storage: its peers are told to come back (1011).
		expect(await hostile.closed).toBe(1011);

		// The group works again: a new edit is relayed, stored and acknowledged.
		const admin = await connectClient(test, 'camille.martin@acme.example', group);
		await vi.waitFor(() => expect(admin.connection.status.connection).toBe('online'));
		admin.connection.workspace.getText('note:after').insert(0, 'still stored');
		await vi.waitFor(() => expect(admin.connection.status.pending).toBe(false));
		const replay = new Y.Doc();
		for (const update of await test.storage.documents.loadDocument(documentName))
			Y.applyUpdate(replay, update);
		expect(replay.getText('note:after').toJSON()).toBe('still stored');
		const room = test.server.registry.get(group, 'workspace');
		expect(room?.doc._transactionCleanups).toEqual([]);
		admin.close();
	});

	it('C4 the same stored state, pruned of its decided intents at load: the deletion breaks Yjs’ clean-up, the room reloads once without pruning, and the group works', async () => {
		const pruned = 'c4-pruning';
		await freshGroup(test, pruned);
		const name = `group:${pruned}:workspace`;
		await test.storage.documents.appendUpdates([{ name, update: bytes(brokenCleanupState) }]);
		// Loading the workspace queues its intents; they are decided, then pruned.
		const admin = await connectClient(test, 'camille.martin@acme.example', pruned);
		await vi.waitFor(() => expect(admin.connection.status.connection).toBe('online'), {
			timeout: 10_000
		});
		await test.server.intake.settle(pruned);
		admin.connection.workspace.getText('note:after').insert(0, 'stored after the reload');
		await vi.waitFor(() => expect(admin.connection.status.pending).toBe(false));
		const replay = new Y.Doc();
		for (const update of await test.storage.documents.loadDocument(name))
			Y.applyUpdate(replay, update);
		expect(replay.getText('note:after').toJSON()).toBe('stored after the reload');
		expect(test.server.registry.get(pruned, 'workspace')?.doc._transactionCleanups).toEqual([]);
		admin.close();
	});
});
