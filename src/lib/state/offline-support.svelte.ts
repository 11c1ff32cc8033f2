import { onStorageProblems, repairStorage, type StorageProblem } from '$lib/sync/storage-health.ts';

/** Whether the app shell is installed for offline use. */
export type WorkerState = 'unsupported' | 'registering' | 'ready' | 'failed';

/** Whether the browser promised to keep this site's data (navigator.storage.persist). */
export type PersistenceState = 'unknown' | 'granted' | 'denied' | 'unsupported';

/**
 * What makes Tessera work offline, as the UI reports it: the service worker that caches the app
 * shell (a failed registration is shown, not swallowed), persistent storage for the IndexedDB
 * copy of each group (asked once after sign-in), and failed local writes such as a full disk.
 */
class OfflineSupport {
	#worker = $state<WorkerState>('registering');
	#persistence = $state<PersistenceState>('unknown');
	#problems = $state.raw<readonly StorageProblem[]>([]);
	#repairing = $state(false);
	#asked = false;

	constructor() {
		onStorageProblems((problems) => {
			this.#problems = problems;
		});
	}

	get worker(): WorkerState {
		return this.#worker;
	}

	get persistence(): PersistenceState {
		return this.#persistence;
	}

	/** Local writes that failed and are not repaired yet (the data is still in memory). */
	get problems(): readonly StorageProblem[] {
		return this.#problems;
	}

	/** The worst current problem: a full disk before any other write error. */
	get problem(): StorageProblem | undefined {
		return this.#problems.find((p) => p.code === 'storage.full') ?? this.#problems[0];
	}

	get repairing(): boolean {
		return this.#repairing;
	}

	/** Registers the service worker that lets every visited route reload offline. */
	async registerServiceWorker(url: string, type: WorkerType): Promise<void> {
		if (!('serviceWorker' in navigator)) {
			this.#worker = 'unsupported';
			return;
		}
		try {
			const registration = await navigator.serviceWorker.register(url, { type });
			// register() resolves before the install ran; an install that fails (the shell could
			// not be cached) leaves the worker redundant, and nothing would work offline.
			const worker = registration.installing ?? registration.waiting;
			if (worker && (await settled(worker)) === 'redundant' && !registration.active)
				throw new Error('The service worker could not be installed.');
			this.#worker = 'ready';
		} catch (error) {
			this.#worker = 'failed';
			console.error('Service worker registration failed', error);
		}
	}

	/** Asks once, after sign-in, that the browser never evicts this site's data. */
	async requestPersistence(): Promise<void> {
		if (this.#asked) return;
		this.#asked = true;
		const storage = 'storage' in navigator ? navigator.storage : undefined;
		if (!storage || typeof storage.persist !== 'function') {
			this.#persistence = 'unsupported';
			return;
		}
		try {
			const granted = (await storage.persisted()) || (await storage.persist());
			this.#persistence = granted ? 'granted' : 'denied';
		} catch {
			this.#persistence = 'denied';
		}
	}

	/** Tries to write the groups' local copies again, e.g. after the user freed some space. */
	async retry(): Promise<void> {
		this.#repairing = true;
		try {
			await repairStorage();
		} finally {
			this.#repairing = false;
		}
	}
}

/** Resolves with the worker's state once it is activated or redundant. */
function settled(worker: ServiceWorker): Promise<ServiceWorkerState> {
	return new Promise((resolve) => {
		const check = () => {
			if (worker.state !== 'activated' && worker.state !== 'redundant') return;
			worker.removeEventListener('statechange', check);
			resolve(worker.state);
		};
		worker.addEventListener('statechange', check);
		check();
	});
}

/** The one instance: service worker, persistence and storage problems are per browser tab. */
export const offline = new OfflineSupport();
