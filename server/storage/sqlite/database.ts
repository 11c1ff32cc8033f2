import { constants, accessSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

/** A failure to open the data directory, with a message meant for the operator's terminal. */
export class DataDirectoryError extends Error {
	override name = 'DataDirectoryError';
}

/** The open database, the lock that keeps other Tessera processes out, and its file. */
export interface OpenedDatabase {
	db: DatabaseSync;
	file: string;
	close(): void;
}

/**
 * Opens (creating when needed) `tessera.db` in the data directory: WAL journal, foreign keys on.
 * A second file, `tessera.lock`, is held in exclusive mode for the life of the process, because
 * two Tessera processes sharing one database would each keep their own in-memory copy of every
 * document and overwrite the other's work. The database itself stays shareable within the
 * process, so that a worker can checkpoint the WAL without blocking the event loop.
 */
export function openDatabase(dataDir: string): OpenedDatabase {
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
	const lock = takeLock(dir);
	let db: DatabaseSync;
	try {
		db = new DatabaseSync(file, { timeout: 1000 });
	} catch (error) {
		lock.close();
		throw new DataDirectoryError(`The database ${file} cannot be opened (${describe(error)}).`);
	}
	try {
		db.exec('PRAGMA journal_mode = WAL');
		// NORMAL in WAL survives a killed process; the ledger raises it to FULL for its own commits.
		db.exec('PRAGMA synchronous = NORMAL');
		db.exec('PRAGMA foreign_keys = ON');
		// Checkpoints fsync and can take tens of milliseconds: a worker runs them (checkpointer.ts)
		// instead of whichever commit happens to cross the threshold on the event loop.
		db.exec('PRAGMA wal_autocheckpoint = 0');
		migrate(db);
	} catch (error) {
		db.close();
		lock.close();
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
	return {
		db,
		file,
		close: () => {
			db.close();
			lock.close();
		}
	};
}

/** Holds `tessera.lock` exclusively, or explains that another process does. */
function takeLock(dir: string): DatabaseSync {
	const file = join(dir, 'tessera.lock');
	let lock: DatabaseSync;
	try {
		lock = new DatabaseSync(file, { timeout: 200 });
	} catch (error) {
		throw new DataDirectoryError(`The lock file ${file} cannot be opened (${describe(error)}).`);
	}
	try {
		// In exclusive mode the lock taken by a write is kept until the connection closes.
		lock.exec('PRAGMA locking_mode = EXCLUSIVE');
		lock.exec('CREATE TABLE IF NOT EXISTS held (pid INTEGER)');
		lock.exec('BEGIN IMMEDIATE');
		lock.exec('DELETE FROM held');
		lock.prepare('INSERT INTO held (pid) VALUES (?)').run(process.pid);
		lock.exec('COMMIT');
		return lock;
	} catch (error) {
		lock.close();
		if (describe(error).includes('locked') || describe(error).includes('busy')) {
			throw new DataDirectoryError(
				`The data directory ${dir} is in use by another Tessera process. Stop it or choose another DATA_DIR; nothing was changed.`
			);
		}
		throw new DataDirectoryError(`The lock file ${file} cannot be used (${describe(error)}).`);
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
