import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readMembers } from '../../src/lib/sync/authority-doc.ts';
import { documentName } from '../../src/lib/sync/protocol.ts';
import { editNote, noteOf } from '../../src/lib/sync/workspace-doc.ts';
import { connectClient, rawClient, type TestClient } from '../helpers/sync-clients.ts';
import { decodeNotice, syncUpdateMessage } from '../helpers/protocol-frames.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

const group = 'demo-license-groups';
let test: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	test = await startTestServer();
});
afterAll(async () => {
	for (const client of clients) client.close();
	await test.stop();
});

async function connect(email: string, canWrite = true) {
	const client = await connectClient(test, email, group, { canWrite });
	clients.push(client);
	await vi.waitFor(() => expect(client.connection.status.connection).toBe('online'));
	return client;
}

async function storedDocument(kind: 'workspace' | 'authority'): Promise<Y.Doc> {
	await test.server.writer.drain();
	const doc = new Y.Doc();
	for (const update of await test.storage.documents.loadDocument(documentName(group, kind))) {
		Y.applyUpdate(doc, update);
	}
	return doc;
}

describe('sync between admins of one group', () => {
	it('shows the members the server keeps in the authority document', async () => {
		const alex = await connect('alex.admin@acme.example');
		const { members, invalid } = readMembers(alex.connection.authority);
		const emails = members.map((member) => member.email);
		// The five demo admins of the group and the ten people given a license at the start.
		expect(members).toHaveLength(15);
		expect(emails).toContain('alex.admin@acme.example');
		expect(members.filter((member) => member.licenses.includes('designer'))).toHaveLength(10);
		expect(
			members.filter((member) => member.status === 'awaiting-registration').length
		).toBeGreaterThan(0);
		expect(invalid).toBe(0);
	});

	it('delivers a note edited by one admin to another admin at once', async () => {
		const alex = await connect('alex.admin@acme.example');
		const camille = await connect('camille.martin@acme.example');
		editNote(alex.connection.workspace, 'm-0001', 'Prefers the French installer', 'test');
		await vi.waitFor(() =>
			expect(noteOf(camille.connection.workspace, 'm-0001').toJSON()).toBe(
				'Prefers the French installer'
			)
		);
	});

	it('reports a local edit as pending until the server has stored it', async () => {
		const jonas = await connect('jonas.weber@acme.example');
		editNote(jonas.connection.workspace, 'm-0002', 'Laptop replaced in March', 'test');
		expect(jonas.connection.status.pending).toBe(true);
		await vi.waitFor(() => expect(jonas.connection.status.pending).toBe(false));
		const stored = await storedDocument('workspace');
		expect(noteOf(stored, 'm-0002').toJSON()).toBe('Laptop replaced in March');
	});

	it('merges concurrent edits of the same note without losing either', async () => {
		const alex = await connect('alex.admin@acme.example');
		const camille = await connect('camille.martin@acme.example');
		alex.connection.awareness.setLocalState({ editing: 'm-0003' });
		editNote(alex.connection.workspace, 'm-0003', 'Alpha', 'test');
		await vi.waitFor(() =>
			expect(noteOf(camille.connection.workspace, 'm-0003').toJSON()).toBe('Alpha')
		);
		editNote(alex.connection.workspace, 'm-0003', 'Alpha beta', 'test');
		editNote(camille.connection.workspace, 'm-0003', 'Gamma Alpha', 'test');
		await vi.waitFor(() => {
			const a = noteOf(alex.connection.workspace, 'm-0003').toJSON();
			expect(a).toBe(noteOf(camille.connection.workspace, 'm-0003').toJSON());
			expect(a).toContain('beta');
			expect(a).toContain('Gamma');
		});
	});
});

describe('who may write what', () => {
	it('refuses a viewer update: the viewer is told, nobody else sees it, nothing is stored', async () => {
		const alex = await connect('alex.admin@acme.example');
		// A tampered client that ignores its read-only role and writes anyway.
		const vera = await connect('vera.viewer@acme.example', true);
		editNote(vera.connection.workspace, 'm-0004', 'viewer was here', 'test');
		await vi.waitFor(() => expect(vera.notices).toContainEqual({ code: 'sync.read-only-role' }));
		expect(vera.connection.status.pending).toBe(true);
		expect(noteOf(alex.connection.workspace, 'm-0004').toJSON()).toBe('');
		expect(noteOf(await storedDocument('workspace'), 'm-0004').toJSON()).toBe('');
	});

	it('refuses a client write into the authority document, even for an admin', async () => {
		const cookie = await signIn(test.url, 'alex.admin@acme.example');
		const forger = await rawClient(`${test.wsUrl}/sync/${group}/authority`, {
			cookie,
			origin: test.url
		});
		const forged = new Y.Doc();
		forged.getMap('members').set('m-forged', {
			id: 'm-forged',
			name: 'Mallory',
			email: 'm@x.example',
			status: 'active',
			rightsGroup: 'admin'
		});
		forger.send(syncUpdateMessage(Y.encodeStateAsUpdate(forged)));
		await vi.waitFor(() =>
			expect(forger.received.map(decodeNotice)).toContainEqual({ code: 'sync.read-only-document' })
		);
		forger.close();
		const late = await connect('camille.martin@acme.example');
		expect(late.connection.authority.getMap('members').has('m-forged')).toBe(false);
		expect((await storedDocument('authority')).getMap('members').has('m-forged')).toBe(false);
	});
});
