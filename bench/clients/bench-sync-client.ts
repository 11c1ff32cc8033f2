import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { failureOf, frameBytes, openSocket } from './socket.ts';

/** y-websocket's message type of sync messages; awareness and Tessera's acks are ignored. */
const messageSync = 0;
/** Tessera's notice (a refused write, a malformed message): counted, since it may mean a loss. */
const messageNotice = 101;

/** Texts of the workspace are notes, `note:<member id>`, as in the app (workspace-doc.ts). */
const notePrefix = 'note:';

/** Transaction origin of what the server sent, to tell it from this client's own edits. */
const fromServer = Symbol('from-server');

/**
 * The smallest honest Yjs client: a Y.Doc synced over y-websocket's protocol (sync step 1/2 and
 * updates), nothing else, so that the same code drives Tessera and the reference server. It
 * writes by appending to one note of the group's workspace document (each client its own member's
 * note, as admins editing different members do); insertions made by others, in any note, are
 * reported with the time they became visible in this doc.
 */
export class BenchSyncClient {
	/** Resolves once the server's sync step 2 has been applied. */
	readonly synced: Promise<void>;
	readonly #doc = new Y.Doc();
	readonly #note: Y.Text;
	readonly #socket: WebSocket;
	#closeCode: number | undefined;
	/** Frames received (sync, awareness, acks, notices): the server's fan-out as this client sees it. */
	framesReceived = 0;
	/** Notices received from the server, by code. */
	readonly notices = new Map<string, number>();

	constructor(options: {
		url: string;
		headers: Record<string, string>;
		/** The note this client writes to, e.g. a member id. */
		noteId: string;
		/** Called with each string a remote change inserted, and `performance.now()` once applied. */
		onRemoteInsert: (inserted: string, visibleAt: number) => void;
	}) {
		this.#note = this.#doc.getText(`${notePrefix}${options.noteId}`);
		this.#doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.origin === fromServer) {
				this.#reportInserts(transaction, options.onRemoteInsert);
			}
		});
		this.#doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === fromServer) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeUpdate(encoder, update);
			this.#send(encoding.toUint8Array(encoder));
		});
		const socket = openSocket(options.url, options.headers);
		this.#socket = socket;
		const synced = new Promise<void>((resolve) => {
			socket.on('message', (data) => {
				this.framesReceived++;
				if (this.#receive(frameBytes(data)) === syncProtocol.messageYjsSyncStep2) resolve();
			});
		});
		socket.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeSyncStep1(encoder, this.#doc);
			this.#send(encoding.toUint8Array(encoder));
		});
		socket.on('close', (code) => {
			this.#closeCode = code;
		});
		socket.on('error', () => {});
		this.synced = Promise.race([synced, failureOf(socket)]);
	}

	/** Appends a string at the end of this client's note: one edit, sent at once. */
	append(record: string): void {
		this.#note.insert(this.#note.length, record);
	}

	/** Every note of the document, in name order, to check that a group converged. */
	notes(): string {
		return [...this.#doc.share.keys()]
			.filter((name) => name.startsWith(notePrefix))
			.sort()
			.map((name) => `${name}=${this.#doc.getText(name).toJSON()}`)
			.join('\n');
	}

	/** The close code if the server closed this socket, e.g. Tessera's 1013 for a slow reader. */
	get closeCode(): number | undefined {
		return this.#closeCode;
	}

	close(): void {
		this.#socket.terminate();
		this.#doc.destroy();
	}

	#send(message: Uint8Array): void {
		if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(message);
	}

	/**
	 * Reports the strings a remote transaction inserted into notes, by walking only the structs
	 * it added (from each client's clock before to its clock after). A text event's
	 * `delta` would walk the whole text at every event: with ten thousand deliveries a second,
	 * that alone saturates this process and the benchmark would measure itself.
	 */
	#reportInserts(
		transaction: Y.Transaction,
		report: (inserted: string, visibleAt: number) => void
	): void {
		const visibleAt = performance.now();
		for (const [client, after] of transaction.afterState) {
			const before = transaction.beforeState.get(client) ?? 0;
			const structs = this.#doc.store.clients.get(client);
			if (after <= before || !structs) continue;
			for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
				const struct = structs[index];
				if (!struct || struct.id.clock >= after) break;
				// Only notes hold strings here. (A note this doc never opened is not a Y.Text instance
				// yet, so the parent's class cannot tell.)
				if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
					report(struct.content.str, visibleAt);
				}
			}
		}
	}

	#countNotice(json: string): void {
		let code = 'unreadable';
		try {
			code = String((JSON.parse(json) as { code?: unknown }).code);
		} catch {
			// Counted as unreadable.
		}
		this.notices.set(code, (this.notices.get(code) ?? 0) + 1);
	}

	#receive(data: Uint8Array): number | undefined {
		const decoder = decoding.createDecoder(data);
		const messageType = decoding.readVarUint(decoder);
		if (messageType === messageNotice) this.#countNotice(decoding.readVarString(decoder));
		if (messageType !== messageSync) return undefined;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		const type = syncProtocol.readSyncMessage(decoder, encoder, this.#doc, fromServer);
		// A reply (our step 2 to the server's step 1) is only worth sending when it has content.
		if (encoding.length(encoder) > 1) this.#send(encoding.toUint8Array(encoder));
		return type;
	}
}
