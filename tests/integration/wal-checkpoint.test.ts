import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../server/storage/sqlite/index.ts';
import type { Storage } from '../../server/storage/types.ts';

/**
 * SQLite's automatic checkpoints are off (they would fsync on the event loop); a worker thread
 * checkpoints every second instead. Without it the WAL would grow with everything ever written.
 */
describe('the WAL checkpoint worker', () => {
	let dir: string | undefined;
	let storage: Storage | undefined;

	afterEach(() => {
		storage?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('keeps the WAL near one second of writes instead of everything written', async () => {
		dir = mkdtempSync(join(tmpdir(), 'tessera-wal-'));
		storage = createSqliteStorage(dir);
		const chunk = new Uint8Array(64 * 1024).fill(7);
		const rounds = 5;
		const perRound = 64; // 4 MiB a round
		for (let round = 0; round < rounds; round++) {
			for (let i = 0; i < perRound; i++)
				await storage.documents.appendUpdates([{ name: `wal/doc-${String(i)}`, update: chunk }]);
			// Longer than the worker's interval, so that it checkpoints between rounds.
			await new Promise((resolve) => setTimeout(resolve, 1_500));
		}
		const written = rounds * perRound * chunk.byteLength;
		const wal = statSync(join(dir, 'tessera.db-wal')).size;
		expect(wal).toBeLessThan(written / 2);
	});
});
