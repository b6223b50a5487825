/** Prepared statements over `operators`; no rules here. */
import type { OperatorRole, OperatorView } from '../../src-shared/api';
import type { Db, Statement } from '../db/connection';

export interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  pin_hash: string;
  failed_attempts: number;
  locked_until_ms: number | null;
  created_at_ms: number;
}

/** A counter has a handful of operators; the lock screen lists them all. */
export const OPERATORS_MAX = 50;

export class OperatorStore {
  readonly byId: Statement<[string], OperatorRow>;
  readonly all: Statement<[], OperatorRow>;
  readonly countOwners: Statement<[], { n: number }>;
  readonly insert: Statement<[OperatorRow]>;
  readonly recordFailure: Statement<[string]>;
  readonly lock: Statement<[number, string]>;
  readonly clearFailures: Statement<[string]>;

  constructor(db: Db) {
    this.byId = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?');
    this.all = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY role DESC, name, id');
    this.countOwners = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM operators WHERE role = 'owner'");
    this.insert = db.prepare<[OperatorRow]>(
      `INSERT INTO operators (id, name, role, pin_hash, failed_attempts, locked_until_ms, created_at_ms)
       VALUES (@id, @name, @role, @pin_hash, @failed_attempts, @locked_until_ms, @created_at_ms)`,
    );
    this.recordFailure = db.prepare<[string]>(
      'UPDATE operators SET failed_attempts = failed_attempts + 1 WHERE id = ?',
    );
    this.lock = db.prepare<[number, string]>(
      'UPDATE operators SET failed_attempts = 0, locked_until_ms = ? WHERE id = ?',
    );
    this.clearFailures = db.prepare<[string]>(
      'UPDATE operators SET failed_attempts = 0, locked_until_ms = NULL WHERE id = ?',
    );
  }
}

export function toOperatorView(row: OperatorRow, nowMs: number): OperatorView {
  const locked = row.locked_until_ms !== null && row.locked_until_ms > nowMs;
  return { id: row.id, name: row.name, role: row.role, lockedUntilMs: locked ? row.locked_until_ms : null };
}
