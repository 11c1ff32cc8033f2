import * as prng from 'lib0/prng';
import { SyncConnection, type SocketLike } from '../../../server/sync/connection.ts';
import type { Room } from '../../../server/sync/room.ts';
import type { DocumentKind } from '../../../src/lib/sync/protocol.ts';
import { freshGroup } from '../../helpers/authority-fixtures.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';
import { SimClient, type Connector } from './sim-client.ts';
import { reliable, SimNetwork } from './sim-network.ts';
import { randomOperation } from './sim-operations.ts';

/** The server's end of one simulated link. */
class SimSocket implements SocketLike {
	readonly OPEN = 1;
	readonly bufferedAmount = 0;
	readonly #network: SimNetwork;
	readonly #link: number;

	constructor(network: SimNetwork, link: number) {
		this.#network = network;
		this.#link = link;
	}

	get readyState(): number {
		return this.#network.isOpen(this.#link) ? this.OPEN : 3;
	}

	send(data: Uint8Array): void {
		this.#network.send(this.#link, false, data);
	}

	close(): void {
		this.#network.closeLink(this.#link);
	}
}

/**
 * A real Tessera server core (rooms, SQLite, the authority deciding intents, the signed ledger)
 * with simulated clients on a seeded, hostile in-memory network (Yjs' testHelper and
 * TigerBeetle's simulator are the models). Everything random comes from the seed.
 */
export class SimWorld implements Connector {
	readonly seed: number;
	readonly groupId = 'sim';
	readonly network: SimNetwork;
	readonly clients: SimClient[] = [];
	readonly test: TestServer;
	readonly people: { ownerId: string; adminIds: string[] };
	/** Ids of every intent a client proposed (decided intents leave the workspace). */
	readonly proposed = new Set<string>();
	readonly #links = new Map<
		number,
		{ connection: SyncConnection; room: Room; client: SimClient }
	>();

	private constructor(seed: number, test: TestServer, people: SimWorld['people']) {
		this.seed = seed;
		this.network = new SimNetwork(seed);
		this.test = test;
		this.people = people;
	}

	/** A world with one group (3 seats bought) and five clients: owner, two admins on two devices. */
	static async create(seed: number): Promise<SimWorld> {
		const test = await startTestServer();
		const { owner, alex, camille } = await freshGroup(test, 'sim', {
			seats: { product: 'designer', total: 3 }
		});
		const world = new SimWorld(seed, test, { ownerId: owner.id, adminIds: [alex.id, camille.id] });
		const cast: [string, string][] = [
			['olivia', owner.id],
			['alex-laptop', alex.id],
			['alex-phone', alex.id],
			['camille-laptop', camille.id],
			['camille-tablet', camille.id]
		];
		for (const [name, userId] of cast)
			world.clients.push(new SimClient(world.network, name, userId, true));
		for (const client of world.clients) await client.connect(world);
		return world;
	}

	async accept(link: number, client: SimClient, kind: DocumentKind): Promise<void> {
		const room = await this.test.server.registry.open(this.groupId, kind);
		const connection = new SyncConnection({
			ws: new SimSocket(this.network, link),
			room,
			userId: client.userId,
			identity: { id: client.userId, name: client.name, color: 'gray' },
			access: 'write',
			limits: { maxDocumentBytes: 64 * 1024 * 1024, maxBufferedBytes: 64 * 1024 * 1024 }
		});
		room.peers.add(connection);
		this.#links.set(link, { connection, room, client });
		connection.start();
	}

	drop(link: number): void {
		const entry = this.#links.get(link);
		if (!entry) return;
		this.#links.delete(link);
		entry.room.peers.delete(entry.connection);
		entry.connection.detach();
	}

	/** One step: deliver what is due, maybe break a connection, do one random operation. */
	async step(): Promise<void> {
		await this.deliver();
		for (const client of this.clients) {
			if (prng.real53(this.network.random) >= this.network.faults.disconnect) continue;
			if (client.connected) client.disconnect(this);
			else await client.connect(this);
		}
		await randomOperation(this);
		await this.settle();
	}

	/** Delivers every message due now. */
	async deliver(): Promise<void> {
		for (const message of this.network.due()) {
			const entry = this.#links.get(message.link);
			if (!entry) continue;
			if (message.toServer) entry.connection.receive(message.bytes);
			else entry.client.receive(message.link, message.bytes);
		}
		await this.settle();
	}

	/** Lets the server finish what the last messages started (storage, decisions). */
	async settle(): Promise<void> {
		for (let i = 0; i < 3; i++) {
			await new Promise((resolve) => setImmediate(resolve));
			await this.test.server.writer.drain();
			await this.test.server.intake.settle(this.groupId);
		}
	}

	/** Heals the network: no more faults, everyone reconnects, until nothing moves any more. */
	async heal(): Promise<void> {
		this.network.faults = reliable;
		for (const client of this.clients) {
			client.disconnect(this);
			await client.connect(this);
		}
		for (let round = 0; round < 200 && !this.network.idle; round++) await this.deliver();
		// Decisions made while healing travel once more.
		for (let round = 0; round < 50; round++) await this.deliver();
		if (!this.network.idle) throw new Error(`seed ${this.seed}: the network never went quiet`);
	}

	/** The server's copy of a document. */
	serverDoc(kind: DocumentKind) {
		const room = this.test.server.registry.get(this.groupId, kind);
		if (!room) throw new Error(`the ${kind} room is not loaded`);
		return room.doc;
	}

	async dispose(): Promise<void> {
		for (const client of this.clients) client.disconnect(this);
		await this.test.stop();
	}
}
