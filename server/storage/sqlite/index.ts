import type { Storage } from '../types.ts';
import { SqliteAccountStore } from './accounts.ts';
import { SqliteAuthorityStore } from './authority.ts';
import { Checkpointer } from './checkpointer.ts';
import { openDatabase } from './database.ts';
import { SqliteDocumentStore } from './documents.ts';
import { SqliteMailStore } from './mail.ts';

export { DataDirectoryError } from './database.ts';

/** The embedded default: one SQLite file in the data directory (see `openDatabase`). */
export function createSqliteStorage(
	dataDir: string,
	onError: (error: unknown) => void = (error) => {
		console.error(error);
	}
): Storage {
	const opened = openDatabase(dataDir);
	const { db } = opened;
	const documents = new SqliteDocumentStore(db);
	const checkpointer = new Checkpointer(opened.file, onError);
	const authority = new SqliteAuthorityStore(db, documents);
	return {
		accounts: new SqliteAccountStore(db),
		documents,
		authority,
		mail: new SqliteMailStore(db),
		close: () => {
			authority.drain();
			// The worker's last checkpoint runs as the process ends; the WAL is durable either way.
			void checkpointer.stop();
			opened.close();
		}
	};
}
