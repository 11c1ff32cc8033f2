import { Worker } from 'node:worker_threads';

/**
 * Runs WAL checkpoints in a worker thread with its own connection, so that their fsyncs never
 * stall the event loop that relays edits. PASSIVE checkpoints never block the writer; the WAL
 * restarts from the beginning once a checkpoint has caught up.
 */
export class Checkpointer {
	readonly #worker: Worker;

	constructor(file: string, onError: (error: unknown) => void, intervalMs = 1000) {
		this.#worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
			workerData: { file, intervalMs }
		});
		this.#worker.on('error', onError);
		this.#worker.unref();
	}

	/** A last full checkpoint, then the worker ends (shutdown). */
	async stop(): Promise<void> {
		const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
		this.#worker.postMessage('stop');
		const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
		await Promise.race([exited, timeout]);
		await this.#worker.terminate();
	}
}
