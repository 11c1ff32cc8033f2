import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/** The checkpointing thread (see checkpointer.ts). */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };

// Opened at the first tick, not at start: a storage closed right after it opened (tests, a
// failed start-up) stops this thread before it ever touches a file that may be gone by then.
let db: DatabaseSync | undefined;
let passive: StatementSync | undefined;

const timer = setInterval(() => {
	try {
		db ??= new DatabaseSync(file, { timeout: 5000 });
		passive ??= db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
		passive.get();
	} catch {
		// Busy now; the next tick tries again.
	}
}, intervalMs);

parentPort?.on('message', (message) => {
	if (message !== 'stop') return;
	clearInterval(timer);
	try {
		db?.exec('PRAGMA wal_checkpoint(TRUNCATE)');
	} finally {
		db?.close();
		parentPort?.close();
	}
});
