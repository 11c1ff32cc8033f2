import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/** The checkpointing thread (see checkpointer.ts). */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file, { timeout: 5000 });
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
	try {
		passive.get();
	} catch {
		// Busy now; the next tick tries again.
	}
}, intervalMs);

parentPort?.on('message', (message) => {
	if (message !== 'stop') return;
	clearInterval(timer);
	try {
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
	} finally {
		db.close();
		parentPort?.close();
	}
});
