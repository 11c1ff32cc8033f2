import type { Storage } from '../types.ts';
import { SqliteAccountStore } from './accounts.ts';
import { SqliteAuthorityStore } from './authority.ts';
import { openDatabase } from './database.ts';
import { SqliteDocumentStore } from './documents.ts';
import { SqliteMailStore } from './mail.ts';

export { DataDirectoryError } from './database.ts';

/** The embedded default: one SQLite file in the data directory (see `openDatabase`). */
export function createSqliteStorage(dataDir: string): Storage {
	const db = openDatabase(dataDir);
	const documents = new SqliteDocumentStore(db);
	return {
		accounts: new SqliteAccountStore(db),
		documents,
		authority: new SqliteAuthorityStore(db, documents),
		mail: new SqliteMailStore(db),
		close: () => {
			db.close();
		}
	};
}
