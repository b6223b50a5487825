import Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;

/** How long a writer waits for the lock before SQLITE_BUSY. One writer is the design. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the ledger database with the durability the design asks for: WAL, synchronous=FULL
 * (a committed sale survives power loss), foreign keys on.
 */
export function openDatabase(path: string, options: { nativeBinding?: string } = {}): Db {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Every write is BEGIN IMMEDIATE: it takes the write lock up front, so it never fails half-way on upgrade. */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
