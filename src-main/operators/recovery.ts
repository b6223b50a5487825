/**
 * The owner's recovery code: for the day the only owner forgets their PIN. The owner makes one
 * on the Operators screen and keeps it away from the counter (it is shown once, stored only as
 * a scrypt hash). At the lock screen it sets a new PIN for an owner, once: a used code is gone,
 * and making a new one replaces the old. Wrong codes count like wrong PINs: after
 * `RECOVERY_ATTEMPTS_MAX` the code is locked for `RECOVERY_LOCKOUT_MS`. Audited, never the code.
 */
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { randomCrockford, readCrockford } from '../../src-shared/ulid';
import type { AuditLog } from '../audit/audit-log';
import { writeTx, type Db } from '../db/connection';
import { hashPin, PIN_SALT_BYTES, verifyPin, type ScryptParams } from './pin-hash';

export const RECOVERY_ATTEMPTS_MAX = 5;
export const RECOVERY_LOCKOUT_MS = 60 * 60_000;
/** 16 characters of Crockford base32: 80 bits, typed as four groups of four. */
const CODE_LENGTH = 16;

interface Row {
  code_hash: string;
  failed_attempts: number;
  locked_until_ms: number | null;
}

export interface RecoveryDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly audit: AuditLog;
  readonly scrypt: ScryptParams;
}

export class OwnerRecovery {
  private readonly rowStmt;
  private readonly upsertStmt;
  private readonly failStmt;
  private readonly deleteStmt;

  // Prepared once: `exists()` runs with every session view (each lock-screen refresh).
  constructor(private readonly d: RecoveryDeps) {
    this.rowStmt = d.db.prepare<[], Row>('SELECT code_hash, failed_attempts, locked_until_ms FROM owner_recovery');
    this.upsertStmt = d.db.prepare<[string, number]>(
      `INSERT INTO owner_recovery (one, code_hash, created_at_ms) VALUES (1, ?, ?)
       ON CONFLICT(one) DO UPDATE SET code_hash = excluded.code_hash, created_at_ms = excluded.created_at_ms,
         failed_attempts = 0, locked_until_ms = NULL`,
    );
    this.failStmt = d.db.prepare<[number, number | null]>(
      'UPDATE owner_recovery SET failed_attempts = ?, locked_until_ms = ?',
    );
    this.deleteStmt = d.db.prepare('DELETE FROM owner_recovery');
  }

  private row(): Row | undefined {
    return this.rowStmt.get();
  }

  exists(): boolean {
    return this.row() !== undefined;
  }

  /** A new code (replacing any old one), shown once: `ABCD-EFGH-JKMN-PQRS`. */
  async create(byOperatorId: string | null): Promise<string> {
    const code = randomCrockford(this.d.randomBytes, CODE_LENGTH);
    const hash = await hashPin(code, this.d.randomBytes(PIN_SALT_BYTES), this.d.scrypt);
    writeTx(this.d.db, () => {
      this.upsertStmt.run(hash, this.d.clock.now());
      this.d.audit.record('operator.recovery_code_made', byOperatorId, {});
    });
    return code.match(/.{4}/g)!.join('-');
  }

  /**
   * Checks a typed code; a right one is used up (deleted) in the caller's `onRight`, inside the
   * same transaction as what it unlocks. A wrong one counts, and locks the code after too many.
   */
  async use(typed: string, onRight: () => void): Promise<Result<null>> {
    const row = this.row();
    if (!row) return err('recovery_unavailable', 'no recovery code has been made');
    const now = this.d.clock.now();
    if (row.locked_until_ms !== null && row.locked_until_ms > now) {
      return err('recovery_locked', 'too many wrong codes', { until_ms: row.locked_until_ms });
    }
    const good = await verifyPin(readCrockford(typed), row.code_hash);
    return writeTx(this.d.db, (): Result<null> => {
      const fresh = this.row();
      if (!fresh || fresh.code_hash !== row.code_hash) return err('recovery_unavailable', 'the code was replaced');
      if (fresh.locked_until_ms !== null && fresh.locked_until_ms > now) {
        return err('recovery_locked', 'too many wrong codes', { until_ms: fresh.locked_until_ms });
      }
      if (!good) {
        const attempts = fresh.failed_attempts + 1;
        const lock = attempts >= RECOVERY_ATTEMPTS_MAX ? now + RECOVERY_LOCKOUT_MS : null;
        this.failStmt.run(lock === null ? attempts : 0, lock);
        this.d.audit.record('operator.recovery_code_wrong', null, { attempts });
        return lock === null
          ? err('recovery_code_wrong', 'wrong recovery code', { attempts_left: RECOVERY_ATTEMPTS_MAX - attempts })
          : err('recovery_locked', 'too many wrong codes', { until_ms: lock });
      }
      this.deleteStmt.run();
      onRight();
      return ok(null);
    });
  }
}
