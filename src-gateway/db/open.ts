/** Opens the gateway's SQLite database: durable pragmas, then migrations. */
import Database from 'better-sqlite3';
import { runMigrations, type Migration } from './migrate';
import { GATEWAY_MIGRATIONS } from './migrations';

/** How long a writer waits for another connection's lock before failing (a second process). */
export const DB_BUSY_TIMEOUT_MS = 5_000;

export function openGatewayDb(path: string, migrations: readonly Migration[] = GATEWAY_MIGRATIONS): Database.Database {
  const db = new Database(path);
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${DB_BUSY_TIMEOUT_MS}`);
    runMigrations(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
