import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebSocketClass } from '../../src/lib/sync/ack-tracker.ts';
import { DocChannel } from '../../src/lib/sync/doc-channel.ts';

/** A socket that never opens and records when it was created, relative to the load. */
function recordingSocket(opened: string[], loaded: () => boolean): WebSocketClass {
	return class {
		binaryType = 'arraybuffer';
		readyState = 0;
		constructor() {
			opened.push(loaded() ? 'after load' : 'before load');
		}
		send() {}
		close() {}
	} as unknown as WebSocketClass;
}

/** Stores a document of `members` entries under `name`, as an earlier visit would have. */
async function storeCopy(name: string, members: number): Promise<void> {
	const doc = new Y.Doc();
	const persistence = new IndexeddbPersistence(name, doc);
	await persistence.whenSynced;
	doc.transact(() => {
		for (let i = 0; i < members; i++) doc.getMap('members').set(`m${i}`, { name: `Person ${i}` });
	});
	await persistence.destroy();
	doc.destroy();
}

const channels: DocChannel[] = [];
afterEach(() => {
	for (const channel of channels.splice(0)) channel.destroy();
});

function open(name: string, writable: boolean, opened: string[], loaded: () => boolean) {
	const channel = new DocChannel({
		url: 'ws://localhost:9/sync',
		room: name,
		storageName: name,
		writable,
		WebSocket: recordingSocket(opened, loaded)
	});
	channels.push(channel);
	return channel;
}

describe('a document kept in IndexedDB (reload of a large group)', () => {
	it('connects only once the stored copy is loaded, so the server never resends the whole document', async () => {
		await storeCopy('reload-connect', 50);
		const opened: string[] = [];
		let members = () => 0;
		const channel = open('reload-connect', false, opened, () => members() === 50);
		members = () => channel.doc.getMap('members').size;
		expect(channel.connecting).toBe(true);
		await channel.whenLoaded();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(channel.doc.getMap('members').size).toBe(50);
		expect(opened).toEqual(['after load']);
	});

	it('loads the copy, then stores later changes as before', async () => {
		await storeCopy('reload-listeners', 20);
		const channel = open('reload-listeners', true, [], () => true);
		await channel.whenLoaded();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(channel.doc.getMap('members').size).toBe(20);
		channel.doc.getMap('members').set('m-new', { name: 'Newcomer' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		channel.destroy();
		const again = new Y.Doc();
		const persistence = new IndexeddbPersistence('reload-listeners', again);
		await persistence.whenSynced;
		expect(again.getMap('members').get('m-new')).toEqual({ name: 'Newcomer' });
		await persistence.destroy();
	});

	it('counts a loaded copy of a writable document as pending until the server acknowledges it', async () => {
		await storeCopy('reload-pending', 5);
		const channel = open('reload-pending', true, [], () => true);
		await channel.whenLoaded();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(channel.tracker.pending).toBe(true);
	});

	it('does not connect after a disconnect made while the copy was loading', async () => {
		await storeCopy('reload-offline', 5);
		const opened: string[] = [];
		const channel = open('reload-offline', false, opened, () => true);
		channel.disconnect();
		await channel.whenLoaded();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(opened).toEqual([]);
		expect(channel.connecting).toBe(false);
	});
});
