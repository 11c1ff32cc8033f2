import { constants, accessSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

/** A failure to open the data directory, with a message meant for the operator's terminal. */
export class DataDirectoryError extends Error {
	override name = 'DataDirectoryError';
}

/**
 * Opens (creating when needed) `tessera.db` in the data directory: WAL journal, foreign keys on,
 * and an exclusive lock held for the life of the process, because two Tessera processes sharing
 * one database would each keep their own in-memory copy of every document and overwrite the
 * other's work.
 */
export function openDatabase(dataDir: string): DatabaseSync {
	const dir = resolve(dataDir);
	try {
		mkdirSync(dir, { recursive: true });
		accessSync(dir, constants.R_OK | constants.W_OK);
	} catch (error) {
		throw new DataDirectoryError(
			`The data directory ${dir} cannot be read and written (${describe(error)}). Choose another with DATA_DIR or fix its permissions; nothing was changed.`
		);
	}
	const file = join(dir, 'tessera.db');
	let db: DatabaseSync;
	try {
		db = new DatabaseSync(file, { timeout: 1000 });
	} catch (error) {
		throw new DataDirectoryError(`The database ${file} cannot be opened (${describe(error)}).`);
	}
	try {
		// Exclusive mode before WAL, so that no shared-memory index is used and the lock is ours.
		db.exec('PRAGMA locking_mode = EXCLUSIVE');
		db.exec('PRAGMA journal_mode = WAL');
		// NORMAL in WAL survives a killed process; the ledger raises it to FULL for its own commits.
		db.exec('PRAGMA synchronous = NORMAL');
		db.exec('PRAGMA foreign_keys = ON');
		// Take the write lock now: a second process fails here instead of corrupting our state.
		db.exec('BEGIN IMMEDIATE');
		db.exec('COMMIT');
		migrate(db);
	} catch (error) {
		db.close();
		if (describe(error).includes('locked') || describe(error).includes('busy')) {
			throw new DataDirectoryError(
				`The data directory ${dir} is in use by another Tessera process. Stop it or choose another DATA_DIR; nothing was changed.`
			);
		}
		if (error instanceof Error && error.message.includes('newer than this Tessera')) {
			throw new DataDirectoryError(error.message);
		}
		throw new DataDirectoryError(
			`The database ${file} cannot be used (${describe(error)}). It was not modified.`
		);
	}
	return db;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
