import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SyncConnection, type SocketLike } from '../../server/sync/connection.ts';
import type { Room } from '../../server/sync/room.ts';
import { messageAwareness, messageSync } from '../../src/lib/sync/protocol.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * C4: the server's sync core fed mutated and random messages — bit flips, truncations, random
 * bytes behind valid type prefixes, updates of random documents. It must not crash, its memory
 * must stay bounded, and every message is timed (the p99 is printed and reported in the README;
 * timing is measured, never asserted). 10⁴ messages here; TESSERA_LONG=1 sends 10⁶.
 */
const long = process.env.TESSERA_LONG === '1';
const messages = long ? 1_000_000 : 10_000;
const seed = Number(process.env.TESSERA_SEED ?? 20261122);

class NullSocket implements SocketLike {
	readonly OPEN = 1;
	readyState = 1;
	readonly bufferedAmount = 0;
	sent = 0;
	send(): void {
		this.sent++;
	}
	close(): void {
		this.readyState = 3;
	}
}

/** A full garbage collection, without starting the process with --expose-gc. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

let test: TestServer;
let room: Room;
beforeAll(async () => {
	test = await startTestServer({ maxDocumentBytes: 8 * 1024 * 1024 });
	room = await test.server.registry.open('demo-license-groups', 'workspace');
});
afterAll(async () => {
	await test.stop();
});

/** The fuzzer's connection to the group's workspace room, as an admin's socket. */
function connectFuzzer(socket: NullSocket): SyncConnection {
	const connection = new SyncConnection({
		ws: socket,
		room,
		userId: 'fuzzer',
		identity: { id: 'fuzzer', name: 'Fuzzer', color: 'gray' },
		access: 'write',
		limits: { maxDocumentBytes: 8 * 1024 * 1024, maxBufferedBytes: 64 * 1024 * 1024 }
	});
	room.peers.add(connection);
	return connection;
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** A valid update of a random little document, with a fresh client id. */
function randomUpdate(random: prng.PRNG): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = prng.uint32(random, 1, 2 ** 31);
	const choice = prng.int31(random, 0, 3);
	if (choice === 0)
		doc.getText(`note:fuzz-${prng.int31(random, 0, 20)}`).insert(0, prng.word(random, 1, 30));
	else if (choice === 1)
		doc.getMap('intents').set(prng.word(random, 1, 8), { kind: prng.word(random) });
	else if (choice === 2)
		doc.getArray('intentLog').push([{ id: prng.word(random, 1, 8), kind: prng.word(random) }]);
	else doc.getArray('labels').push([prng.int31(random, 0, 1000)]);
	return Y.encodeStateAsUpdate(doc);
}

function mutate(random: prng.PRNG, bytes: Uint8Array): Uint8Array {
	const copy = new Uint8Array(bytes);
	switch (prng.int31(random, 0, 3)) {
		case 0:
			for (let i = 0; i < prng.int31(random, 1, 4); i++) {
				const at = prng.int31(random, 0, copy.length - 1);
				copy[at] = (copy[at] ?? 0) ^ (1 << prng.int31(random, 0, 7));
			}
			return copy;
		case 1:
			return copy.slice(0, prng.int31(random, 0, copy.length));
		case 2:
			return new Uint8Array([...copy, ...prng.uint8Array(random, prng.int31(random, 1, 16))]);
		default:
			return prng.uint8Array(random, prng.int31(random, 0, 64));
	}
}

function fuzzMessage(random: prng.PRNG): Uint8Array {
	const update = randomUpdate(random);
	const valid = [
		frame(messageSync, (e) => syncProtocol.writeUpdate(e, update)),
		frame(messageSync, (e) => {
			encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
		}),
		frame(messageAwareness, (e) => encoding.writeVarUint8Array(e, prng.uint8Array(random, 12)))
	];
	const base = prng.oneOf(random, valid);
	return prng.real53(random) < 0.2 ? base : mutate(random, base);
}

describe('C4 the sync core under hostile messages', () => {
	it(
		`C4 handles ${messages} mutated and random messages without crashing, with bounded memory`,
		{ timeout: long ? 14_400_000 : 900_000 },
		async () => {
			const random = prng.create(seed);
			// A client whose socket the server closed connects again, as a browser would.
			let socket = new NullSocket();
			let connection = connectFuzzer(socket);
			let reloads = 0;
			const timings = new Float64Array(messages);
			collectGarbage();
			const heapBefore = process.memoryUsage().heapUsed;
			for (let i = 0; i < messages; i++) {
				const message = fuzzMessage(random);
				const started = performance.now();
				connection.receive(message);
				timings[i] = performance.now() - started;
				if (socket.readyState !== socket.OPEN) {
					reloads++;
					room.peers.delete(connection);
					room = await test.server.registry.open('demo-license-groups', 'workspace');
					socket = new NullSocket();
					connection = connectFuzzer(socket);
				}
				if (i % 1000 === 999) await test.server.writer.drain();
			}
			await test.server.writer.drain();
			room.peers.delete(connection);
			timings.sort();
			const p99 = timings[Math.floor(messages * 0.99)] ?? 0;
			const max = timings[messages - 1] ?? 0;
			// Live memory only: without a collection, the garbage of 10⁶ messages that V8 has not
			// reclaimed yet reads as growth (the first long sweep saw +1.5 GiB, +2 MiB once collected).
			collectGarbage();
			const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
			const pending = room.doc.store.pendingStructs?.update.byteLength ?? 0;
			console.warn(
				`C4 ${messages} messages (seed ${seed}): p99 ${p99.toFixed(3)} ms, max ${max.toFixed(1)} ms, heap +${heapGrowth.toFixed(1)} MiB, document ${room.storedBytes} bytes stored, ${pending} bytes pending, ${reloads} room reloads`
			);
			expect((await fetch(`${test.url}/healthz`)).status).toBe(200);
			// Bounded: the document cap holds, and pending (unintegrable) structs are capped too.
			expect(room.storedBytes).toBeLessThanOrEqual(8 * 1024 * 1024 + 64 * 1024);
			expect(pending).toBeLessThanOrEqual(1024 * 1024);
			expect(heapGrowth).toBeLessThan(512);
		}
	);
});
