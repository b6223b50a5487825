import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, type Db } from '../db/connection';

/**
 * A read-only second connection to the ledger file for a reconciliation run's cursors: WAL lets
 * it read a snapshot while the main connection keeps writing (better-sqlite3 refuses writes on
 * a connection with an open cursor).
 */
export function openReadConnection(path: string, nativeBinding?: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
