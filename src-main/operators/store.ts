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
  /** Deactivated at (migration 0010); null while active. */
  disabled_at_ms: number | null;
}

/** A counter has a handful of operators; the lock screen lists them all. */
export const OPERATORS_MAX = 50;

export class OperatorStore {
  readonly byId: Statement<[string], OperatorRow>;
  readonly all: Statement<[], OperatorRow>;
  readonly active: Statement<[], OperatorRow>;
  readonly countOwners: Statement<[], { n: number }>;
  readonly countActive: Statement<[], { n: number }>;

  readonly setDisabled: Statement<[number | null, string]>;
  readonly setPinHash: Statement<[string, string]>;
  readonly insert: Statement<[OperatorRow]>;
  readonly recordFailure: Statement<[string]>;
  readonly lock: Statement<[number, string]>;
  readonly clearFailures: Statement<[string]>;

  constructor(db: Db) {
    this.byId = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?');
    // The owner's list: active first, then the deactivated (kept for history).
    this.all = db.prepare<[], OperatorRow>(
      'SELECT * FROM operators ORDER BY disabled_at_ms IS NOT NULL, role DESC, name, id',
    );
    this.active = db.prepare<[], OperatorRow>(
      'SELECT * FROM operators WHERE disabled_at_ms IS NULL ORDER BY role DESC, name, id',
    );
    // Active owners: there is always one (the last cannot be deactivated).
    this.countOwners = db.prepare<[], { n: number }>(
      "SELECT COUNT(*) AS n FROM operators WHERE role = 'owner' AND disabled_at_ms IS NULL",
    );
    this.countActive = db.prepare<[], { n: number }>(
      'SELECT COUNT(*) AS n FROM operators WHERE disabled_at_ms IS NULL',
    );

    this.insert = db.prepare<[OperatorRow]>(
      `INSERT INTO operators (id, name, role, pin_hash, failed_attempts, locked_until_ms, created_at_ms, disabled_at_ms)
       VALUES (@id, @name, @role, @pin_hash, @failed_attempts, @locked_until_ms, @created_at_ms, @disabled_at_ms)`,
    );
    this.setDisabled = db.prepare<[number | null, string]>('UPDATE operators SET disabled_at_ms = ? WHERE id = ?');
    // A new PIN clears the count of wrong ones and any lockout.
    this.setPinHash = db.prepare<[string, string]>(
      'UPDATE operators SET pin_hash = ?, failed_attempts = 0, locked_until_ms = NULL WHERE id = ?',
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
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    lockedUntilMs: locked ? row.locked_until_ms : null,
    disabled: row.disabled_at_ms !== null,
  };
}

/** A name as the lock screen shows it, for telling two apart: Unicode-normalized, trimmed, case folded. */
export const nameKey = (name: string): string => name.normalize('NFC').trim().toLocaleLowerCase();

/** Another active operator (not `exceptId`) whose name reads as `name`: the active are at most 50. */
export function activeNamesake(store: OperatorStore, name: string, exceptId: string | null): OperatorRow | null {
  const key = nameKey(name);
  return store.active.all().find((o) => o.id !== exceptId && nameKey(o.name) === key) ?? null;
}
