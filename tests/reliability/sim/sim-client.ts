import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageNotice, messageSync, type DocumentKind } from '../../../src/lib/sync/protocol.ts';
import type { SimNetwork } from './sim-network.ts';

/** The origin of changes that came from the server, so they are not echoed back. */
const remote = { kind: 'remote' } as const;

/** What a simulated client needs from the world to open a connection. */
export interface Connector {
	accept(link: number, client: SimClient, kind: DocumentKind): Promise<void>;
	drop(link: number): void;
}

/**
 * A browser as the server sees it, without the browser: two Y.Docs speaking y-websocket's sync
 * protocol over simulated links. Local workspace changes are sent when connected; on every
 * (re)connection both sides exchange state vectors, which is what heals lost messages.
 */
export class SimClient {
	readonly name: string;
	readonly userId: string;
	readonly canWrite: boolean;
	readonly workspace = new Y.Doc();
	readonly authority = new Y.Doc();
	/** Notices the server sent (refusals): none is expected from a well-behaved client. */
	readonly notices: string[] = [];
	#links: Record<DocumentKind, number> | undefined;
	readonly #network: SimNetwork;

	constructor(network: SimNetwork, name: string, userId: string, canWrite: boolean) {
		this.#network = network;
		this.name = name;
		this.userId = userId;
		this.canWrite = canWrite;
		this.workspace.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === remote || !this.#links || !this.canWrite) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeUpdate(encoder, update);
			this.#network.send(this.#links.workspace, true, encoding.toUint8Array(encoder));
		});
	}

	get connected(): boolean {
		return this.#links !== undefined;
	}

	async connect(world: Connector): Promise<void> {
		if (this.#links) return;
		const links = { workspace: this.#network.openLink(), authority: this.#network.openLink() };
		this.#links = links;
		await world.accept(links.workspace, this, 'workspace');
		await world.accept(links.authority, this, 'authority');
		for (const kind of ['workspace', 'authority'] as const) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeSyncStep1(encoder, this.#doc(kind));
			this.#network.send(links[kind], true, encoding.toUint8Array(encoder));
		}
	}

	disconnect(world: Connector): void {
		if (!this.#links) return;
		for (const link of Object.values(this.#links)) {
			this.#network.closeLink(link);
			world.drop(link);
		}
		this.#links = undefined;
	}

	/** The link's document, if the link is one of ours. */
	kindOf(link: number): DocumentKind | undefined {
		if (this.#links?.workspace === link) return 'workspace';
		if (this.#links?.authority === link) return 'authority';
		return undefined;
	}

	/** A frame from the server: apply sync messages, answer a state vector with what it lacks. */
	receive(link: number, bytes: Uint8Array): void {
		const kind = this.kindOf(link);
		if (!kind) return;
		const decoder = decoding.createDecoder(bytes);
		const type = decoding.readVarUint(decoder);
		if (type === messageNotice) {
			this.notices.push(decoding.readVarString(decoder));
			return;
		}
		if (type !== messageSync) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.readSyncMessage(decoder, encoder, this.#doc(kind), remote);
		// A read-only document never uploads, like the real client (doc-channel.ts).
		if (encoding.length(encoder) > 1 && kind === 'workspace' && this.canWrite) {
			this.#network.send(link, true, encoding.toUint8Array(encoder));
		}
	}

	#doc(kind: DocumentKind): Y.Doc {
		return kind === 'workspace' ? this.workspace : this.authority;
	}
}
