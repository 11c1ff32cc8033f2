import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readDecisions, readLedgerMirror } from '../../src/lib/sync/authority-doc.ts';
import { closeCodes, messageAwareness, messageSync } from '../../src/lib/sync/protocol.ts';
import { proposeIntent } from '../../src/lib/sync/workspace-doc.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { decodeNotice, syncUpdateMessage } from '../helpers/protocol-frames.ts';
import { rawClient } from '../helpers/sync-clients.ts';
import { serverSuite } from '../helpers/server-suite.ts';
import { signIn } from '../helpers/test-server.ts';

const suite = serverSuite({ maxMessageBytes: 64 * 1024, maxDocumentBytes: 256 * 1024 });
const { online } = suite;

async function raw(email: string, path: string) {
	const cookie = await signIn(suite.server.url, email);
	return rawClient(`${suite.server.wsUrl}${path}`, { cookie, origin: suite.server.url });
}

describe('bad input on a sync connection', () => {
	it('answers malformed binary with a notice and keeps serving', async () => {
		const client = await raw('alex.admin@acme.example', '/sync/demo-license-groups');
		for (const frame of [
			new Uint8Array([messageSync, 2, 200, 1, 2, 3]),
			new Uint8Array([messageSync, 9]),
			new Uint8Array([messageAwareness, 5, 1, 2]),
			new Uint8Array([255, 255, 255, 255, 255, 255])
		]) {
			client.send(frame);
		}
		await vi.waitFor(() =>
			expect(client.received.map(decodeNotice).filter(Boolean).length).toBeGreaterThanOrEqual(3)
		);
		const health = await fetch(`${suite.server.url}/healthz`);
		expect(health.status).toBe(200);
		client.close();
	});

	it('closes a connection whose message is over its cap (1009), storing nothing of it: the message cap for readers, the document cap for writers', async () => {
		const huge = (kib: number) => {
			const doc = new Y.Doc();
			doc.getText('note:huge').insert(0, 'x'.repeat(kib * 1024));
			return syncUpdateMessage(Y.encodeStateAsUpdate(doc));
		};
		const viewer = await raw('vera.viewer@acme.example', '/sync/demo-license-groups');
		viewer.send(huge(100));
		expect(await viewer.closed).toBe(1009);
		const authority = await raw('alex.admin@acme.example', '/sync/demo-license-groups/authority');
		authority.send(huge(100));
		expect(await authority.closed).toBe(1009);
		const writer = await raw('alex.admin@acme.example', '/sync/demo-license-groups');
		writer.send(huge(300));
		expect(await writer.closed).toBe(1009);
		await suite.server.server.writer.drain();
		const stored = await suite.server.storage.documents.loadDocument(
			'group:demo-license-groups:workspace'
		);
		const replay = new Y.Doc();
		for (const update of stored) Y.applyUpdate(replay, update);
		expect(replay.getText('note:huge').toJSON()).toBe('');
	});

	it('takes an admin’s offline changes back in one sync message larger than the message cap, so none is stranded', async () => {
		const client = await online('alex.admin@acme.example', 'demo-license-groups');
		client.connection.disconnect();
		const doc = client.connection.workspace;
		// 200 KiB of notes written offline: over the 64 KiB message cap, under the document cap.
		for (let i = 0; i < 10; i++)
			doc.transact(() => doc.getText(`note:offline-${i}`).insert(0, 'z'.repeat(20_000)));
		client.connection.connect();
		await vi.waitFor(() => expect(client.connection.status.pending).toBe(false), {
			timeout: 15_000
		});
		const room = await suite.server.server.registry.open('demo-license-groups', 'workspace');
		for (let i = 0; i < 10; i++) expect(room.doc.getText(`note:offline-${i}`).length).toBe(20_000);
		suite.server.server.registry.release(room);
	});

	it('refuses updates that would grow a workspace beyond its cap', async () => {
		const client = await raw('alex.admin@acme.example', '/sync/demo-named-users');
		// Six notes of 60 KiB: each message is under the 64 KiB cap, together over the 256 KiB one.
		for (let i = 0; i < 6; i++) {
			const doc = new Y.Doc();
			doc.getText(`note:bulk-${i}`).insert(0, 'y'.repeat(60 * 1024));
			client.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
		}
		await vi.waitFor(() =>
			expect(client.received.map(decodeNotice)).toContainEqual({ code: 'sync.document-too-large' })
		);
		client.close();
	});

	it('refuses an update written with another user’s Yjs client id', async () => {
		const alex = await online('alex.admin@acme.example', 'demo-annual-seats');
		proposeIntent(alex.connection.workspace, { id: 'claim-client', kind: 'noop' }, 'test');
		await vi.waitFor(() => expect(alex.connection.status.pending).toBe(false));
		// Olivia's tampered client writes under Alex's Yjs client id, with clocks beyond his, so
		// that the server would take the structs for new ones of his.
		const impostor = new Y.Doc();
		impostor.clientID = alex.connection.workspace.clientID;
		for (let i = 0; i < 50; i++)
			impostor.getMap('intents').set('forged', { id: 'forged', kind: 'noop', i });
		const update = Y.encodeStateAsUpdate(impostor);
		const client = await raw('olivia.owner@acme.example', '/sync/demo-annual-seats');
		client.send(syncUpdateMessage(update));
		await vi.waitFor(() =>
			expect(client.received.map(decodeNotice)).toContainEqual({ code: 'sync.foreign-client-id' })
		);
		expect(alex.connection.workspace.getMap('intents').has('forged')).toBe(false);
		client.close();
	});
});

describe('presence carries the session’s identity', () => {
	it('rewrites an awareness state that claims to be someone else', async () => {
		const observer = await online('camille.martin@acme.example', 'demo-license-groups');
		const client = await raw('jonas.weber@acme.example', '/sync/demo-license-groups');
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageAwareness);
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, 1);
		encoding.writeVarUint(inner, 424242);
		encoding.writeVarUint(inner, 1);
		encoding.writeVarString(
			inner,
			JSON.stringify({ user: { id: 'someone-else', name: 'Olivia Owner' }, editing: null })
		);
		encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
		client.send(encoding.toUint8Array(encoder));
		await vi.waitFor(() => {
			const state = observer.connection.awareness.getStates().get(424242) as
				{ user?: { name?: string } } | undefined;
			expect(state?.user?.name).toBe('Jonas Weber');
		});
		client.close();
	});
});

describe('sessions end their sockets', () => {
	it('closes a socket within seconds once its session has expired', async () => {
		const client = await raw('jonas.weber@acme.example', '/sync/demo-named-users');
		const clock = suite.server.server.testClock;
		clock?.set(clock.now() + 31 * 24 * 60 * 60 * 1000);
		expect(await client.closed).toBe(closeCodes.sessionEnded);
	});
});

describe('roles and restarts', () => {
	it('closes a demoted admin’s sockets at once, and reopens them read-only', async () => {
		const { alex, owner } = await freshGroup(suite.server, 'demotion', {
			seats: { product: 'designer', total: 1 }
		});
		const a = await online('alex.admin@acme.example', 'demotion');
		let closes = 0;
		a.connection.onStatus(() => {
			if (a.connection.status.connection !== 'online') closes++;
		});
		const o = await online('olivia.owner@acme.example', 'demotion');
		proposeIntent(
			o.connection.workspace,
			{
				id: 'demote',
				kind: 'set-roles',
				author: owner.id,
				createdAt: Date.now(),
				memberId: alex.id,
				roles: ['viewer']
			},
			'test'
		);
		await vi.waitFor(() =>
			expect(readDecisions(o.connection.authority).get('demote')?.decision.outcome).toBe('accepted')
		);
		await vi.waitFor(() => expect(closes).toBeGreaterThan(0));
		expect(await suite.server.storage.accounts.rolesIn('demotion', alex.id)).toEqual(['viewer']);
		// Back online as a viewer: what Alex still tries to write is refused and shown to him.
		await vi.waitFor(() => expect(a.connection.status.connection).toBe('online'), {
			timeout: 10_000
		});
		proposeIntent(a.connection.workspace, { id: 'after-demotion', kind: 'noop' }, 'test');
		await vi.waitFor(() => expect(a.notices).toContainEqual({ code: 'sync.read-only-role' }));
	});

	it('loses no acknowledged event across a restart, and clients converge again', async () => {
		await freshGroup(suite.server, 'restart', { seats: { product: 'designer', total: 4 } });
		const a = await online('alex.admin@acme.example', 'restart');
		const before = readLedgerMirror(a.connection.authority).length;
		expect(before).toBeGreaterThan(0);
		const stored = (await suite.server.storage.authority.ledger('restart')).length;
		expect(stored).toBe(before);
		await suite.server.restart();
		const b = await online('camille.martin@acme.example', 'restart');
		expect(readLedgerMirror(b.connection.authority)).toHaveLength(before);
		expect(await suite.server.storage.authority.ledger('restart')).toHaveLength(stored);
		// The old client reconnects by itself and ends up with the same documents.
		await vi.waitFor(() => expect(a.connection.status.connection).toBe('online'), {
			timeout: 10_000
		});
		expect(Y.encodeStateVector(a.connection.authority)).toEqual(
			Y.encodeStateVector(b.connection.authority)
		);
	});
});
