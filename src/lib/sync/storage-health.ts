import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * Reports IndexedDB write failures that y-indexeddb would otherwise swallow, and repairs the
 * local copy once writing works again.
 *
 * y-indexeddb appends each document update in its own readwrite transaction and never looks at
 * the outcome. When the disk (or the origin's quota) is full, Chromium aborts that transaction
 * with a `QuotaExceededError` at commit time; the update is then only in memory. Transaction
 * `abort` and request `error` events bubble to the `IDBDatabase`, so one listener on the database
 * sees every failed write without touching y-indexeddb's internals.
 *
 * Nothing the user typed is lost meanwhile: the Y.Doc keeps it in memory and the websocket
 * provider sends it to the server whenever online. To make the local copy whole again, a repair
 * writes the full document state as one update (y-indexeddb merges it like any other) — after
 * every failure on a timer, and on demand — and the problem clears when that write commits.
 */

/** Why local storage failed: the quota or disk is full, or another write error. */
export type StorageProblemCode = 'storage.full' | 'storage.write-failed';

/** A storage failure, as the UI shows it. */
export interface StorageProblem {
	code: StorageProblemCode;
	/** The IndexedDB database (one per document) that failed. */
	database: string;
	at: number;
}

type Listener = (problems: readonly StorageProblem[]) => void;

const problems = new Map<string, StorageProblem>();
const listeners = new Set<Listener>();
const repairs = new Map<string, () => Promise<boolean>>();

/** How long a failed store waits before it tries to write its full state again. */
const retryMs = 20_000;

function emit(): void {
	const current = [...problems.values()];
	for (const listener of listeners) listener(current);
}

function classify(error: DOMException | null): StorageProblemCode {
	return error?.name === 'QuotaExceededError' ? 'storage.full' : 'storage.write-failed';
}

/** Calls `listener` with the current problems now and whenever they change. */
export function onStorageProblems(listener: Listener): () => void {
	listeners.add(listener);
	listener([...problems.values()]);
	return () => listeners.delete(listener);
}

/** Writes every store's full state again; resolves true when all of them committed. */
export async function repairStorage(): Promise<boolean> {
	const results = await Promise.all([...repairs.values()].map((repair) => repair()));
	return results.every(Boolean);
}

/** Writes the document's whole state as one update, in a transaction we watch. */
function writeSnapshot(db: IDBDatabase, snapshot: () => Uint8Array): Promise<boolean> {
	return new Promise((resolve) => {
		try {
			const transaction = db.transaction(['updates'], 'readwrite');
			transaction.objectStore('updates').add(snapshot());
			transaction.oncomplete = () => {
				resolve(true);
			};
			transaction.onabort = () => {
				resolve(false);
			};
		} catch {
			// The database closed (the group was left) or the browser refused the transaction.
			resolve(false);
		}
	});
}

/**
 * Watches one persisted document: failed writes become a {@link StorageProblem}; a repair runs
 * on a timer until a full snapshot commits. Returns the function that stops watching.
 */
export function watchPersistence(
	name: string,
	persistence: IndexeddbPersistence,
	/** The document's full state (`Y.encodeStateAsUpdate(doc)`), from a caller that loads Yjs. */
	snapshot: () => Uint8Array
): () => void {
	let db: IDBDatabase | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const repair = async (): Promise<boolean> => {
		if (!db || stopped) return true;
		const saved = await writeSnapshot(db, snapshot);
		if (saved && problems.delete(name)) emit();
		return saved;
	};
	const schedule = () => {
		if (timer !== undefined || stopped) return;
		timer = setTimeout(() => {
			timer = undefined;
			void repair().then((saved) => {
				if (!saved) schedule();
			});
		}, retryMs);
	};
	const onFailure = (event: Event) => {
		const error = (event.target as IDBTransaction | IDBRequest | null)?.error ?? null;
		// A request fails with AbortError because its transaction aborted; the transaction's own
		// `abort` event that follows carries the cause (QuotaExceededError on a full disk).
		if (error?.name === 'AbortError' && event.type === 'error') return;
		problems.set(name, { code: classify(error), database: name, at: Date.now() });
		emit();
		schedule();
	};

	repairs.set(name, repair);
	void persistence.whenSynced.then(() => {
		if (stopped || !persistence.db) return;
		db = persistence.db;
		db.addEventListener('abort', onFailure);
		db.addEventListener('error', onFailure);
	});
	return () => {
		stopped = true;
		clearTimeout(timer);
		repairs.delete(name);
		db?.removeEventListener('abort', onFailure);
		db?.removeEventListener('error', onFailure);
		// A group that is closed no longer shows its storage problem.
		if (problems.delete(name)) emit();
	};
}
