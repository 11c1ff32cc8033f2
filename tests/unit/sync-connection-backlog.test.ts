import { describe, expect, it } from 'vitest';
import { SyncConnection, type SocketLike } from '../../server/sync/connection.ts';
import type { Room } from '../../server/sync/room.ts';

class SlowSocket implements SocketLike {
	readonly OPEN = 1;
	readyState = 1;
	bufferedAmount = 0;
	closedWith: number | undefined;
	send(data: Uint8Array): void {
		// Nothing drains: everything sent stays buffered, as on a link slower than the writes.
		this.bufferedAmount += data.byteLength;
	}
	close(code?: number): void {
		this.closedWith = code;
		this.readyState = 3;
	}
}

function connectionOn(socket: SocketLike, maxBufferedBytes: number): SyncConnection {
	return new SyncConnection({
		ws: socket,
		room: {} as unknown as Room,
		userId: 'u',
		identity: { id: 'u', name: 'U', color: 'gray' },
		access: 'read',
		limits: { maxDocumentBytes: 1 << 20, maxBufferedBytes }
	});
}

describe('a peer falling behind', () => {
	it('may hold the whole first sync of a document larger than the backlog cap, plus the cap', () => {
		const socket = new SlowSocket();
		const connection = connectionOn(socket, 1_000);
		connection.send(new Uint8Array(5_000)); // the first sync of a big document
		for (let i = 0; i < 9; i++) connection.send(new Uint8Array(100));
		expect(socket.closedWith).toBeUndefined();
		expect(socket.bufferedAmount).toBe(5_900);
	});

	it('is closed (1013, it will resync) once its backlog passes that allowance', () => {
		const socket = new SlowSocket();
		const connection = connectionOn(socket, 1_000);
		connection.send(new Uint8Array(5_000));
		for (let i = 0; i < 20; i++) connection.send(new Uint8Array(100));
		expect(socket.closedWith).toBe(1013);
		expect(socket.bufferedAmount).toBeLessThanOrEqual(6_100);
	});
});
