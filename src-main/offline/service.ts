import { timingSafeEqual } from 'node:crypto';
import type { AuditDetailOf } from '../../src-shared/audit-events';
import type { OfflineAgeLevel } from '../../src-shared/api/views';
import { assert } from '../../src-shared/errors';
import { err, ok, type AppError, type Err, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import { isWrittenOff, type OrderRepo, type OrderRow } from '../orders/repo';
import { canTransition, isLatePayment } from '../orders/state';
import type { Settings, SettingsStore } from '../settings/settings';
import { expectedConfirmationCode } from '../sync/signer';
import type { TerminalStore } from '../sync/terminal-store';
import type { IssueStore } from './issues';

/** Wrong confirmation codes per order before it locks: 5 tries of 10⁶ make guessing hopeless. */
export const CODE_ATTEMPTS_MAX = 5;
/**
 * Owner unlocks per order, each granting another CODE_ATTEMPTS_MAX tries: 4 rounds of 5 keep a
 * guess at 1 in 50,000; past that the sale waits for the gateway or the day's reconciliation.
 */
export const CODE_UNLOCKS_MAX = 3;
/** The age warning starts at this share of the owner's maximum age. */
export const AGE_WARNING_SHARE = 0.8;
export const CODE_RE = /^\d{6}$/;

/** Writes the audit record of an unlock inside the unlock's transaction. */
/** Records an owner's unlock or write-off, in the caller's transaction. */
export type UnlockAudit = <K extends 'offline.code_unlocked' | 'offline.written_off'>(
  kind: K,
  detail: AuditDetailOf<K>,
) => void;

export interface OfflinePending {
  readonly count: number;
  readonly totalMinor: number;
  readonly oldestAtMs: number | null;
  readonly ageLevel: OfflineAgeLevel;
}

/**
 * Offline acceptance: the cashier types the 6-digit code from the customer's result page; the
 * console checks it against its own HMAC (no network) within the owner's risk limits and records
 * the sale as paid (offline-verified) — order, journal entry and outbox row in one transaction.
 */
export class OfflineService {
  private readonly pendingStmt;
  private readonly agedStmt;
  private readonly countAttemptStmt;
  private readonly setVerifiedStmt;
  private readonly unlockStmt;
  private readonly writeOffStmt;
  /** The age level the window was last sent (ageLevelMoved). */
  private shownAgeLevel: OfflineAgeLevel = 'ok';

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly journal: Journal,
    private readonly orders: OrderRepo,
    private readonly settings: SettingsStore,
    private readonly terminal: TerminalStore,
    readonly issues: IssueStore,
  ) {
    this.pendingStmt = db.prepare<[], { n: number; total: number | null; oldest: number | null }>(
      `SELECT COUNT(*) AS n, SUM(amount_minor) AS total, MIN(offline_verified_at_ms) AS oldest
       FROM orders WHERE offline_state = 'verified'`,
    );
    this.agedStmt = db.prepare<[number], OrderRow>(
      `SELECT * FROM orders WHERE offline_state = 'verified' AND offline_verified_at_ms <= ? LIMIT 100`,
    );
    this.countAttemptStmt = db.prepare('UPDATE orders SET code_attempts = code_attempts + 1 WHERE id = ?');
    this.unlockStmt = db.prepare(
      'UPDATE orders SET code_attempts = 0, code_unlocks = code_unlocks + 1, updated_at_ms = ? WHERE id = ? AND code_attempts >= ?',
    );
    this.writeOffStmt = db.prepare(
      `UPDATE orders SET offline_state = NULL, offline_written_off_at_ms = ?, updated_at_ms = ?
       WHERE id = ? AND offline_state = 'verified'`,
    );
    this.setVerifiedStmt = db.prepare(
      `UPDATE orders SET status = 'paid', late = ?, paid_at_ms = ?, offline_state = 'verified',
         offline_verified_at_ms = ?, updated_at_ms = ? WHERE id = ? AND status = ?`,
    );
  }

  pending(): OfflinePending {
    const r = this.pendingStmt.get()!;
    const now = this.clock.now();
    const maxAge = this.settings.get().offlineMaxAgeMs;
    const age = r.oldest === null ? 0 : now - r.oldest;
    const ageLevel: OfflineAgeLevel =
      r.oldest === null ? 'ok' : age >= maxAge ? 'expired' : age >= maxAge * AGE_WARNING_SHARE ? 'warning' : 'ok';
    return { count: r.n, totalMinor: r.total ?? 0, oldestAtMs: r.oldest, ageLevel };
  }

  /**
   * Why `orderId` cannot be paid by confirmation code now, or null: asked while the customer is
   * still at the counter (the checkout screen shows it in place of the code field), under the
   * same rules the code is checked by. A wrong code's lock is left to the code field.
   */
  check(orderId: string): Result<{ refusal: AppError | null }> {
    const pairing = this.terminal.get();
    if (!pairing) return err('not_paired', 'this counter is not paired with a gateway');
    const row = this.orders.byId.get(orderId);
    if (!row) return err('order_not_found', `no order ${orderId}`);
    const refused = notPayableHere(row, pairing.terminalId) ?? this.limitRefusal(row.amount_minor, this.settings.get());
    return ok({ refusal: refused ? refused.error : null });
  }

  /** The owner's limits on taking `amountMinor` by code now: per sale, total awaiting, oldest age. */
  private limitRefusal(amountMinor: number, s: Settings): Err | null {
    if (amountMinor > s.offlineOrderMaxMinor) {
      return err('offline_limit_order', 'above the offline limit for one sale', { max: s.offlineOrderMaxMinor });
    }
    const p = this.pending();
    if (p.totalMinor + amountMinor > s.offlineTotalMaxMinor) {
      return err('offline_limit_total', 'too much money already awaits confirmation', {
        max: s.offlineTotalMaxMinor,
        pending: p.totalMinor,
      });
    }
    if (p.ageLevel === 'expired') {
      return err('offline_limit_age', 'an offline sale has waited too long for the gateway', {
        maxAgeMs: s.offlineMaxAgeMs,
      });
    }
    return null;
  }

  acceptCode(orderId: string, code: string): Result<OrderRow> {
    if (!CODE_RE.test(code)) return err('invalid_argument', 'a confirmation code is 6 digits');
    const pairing = this.terminal.get();
    if (!pairing) return err('not_paired', 'this counter is not paired with a gateway');
    const s = this.settings.get();
    return writeTx(this.db, (): Result<OrderRow> => {
      const row = this.orders.byId.get(orderId);
      if (!row) return err('order_not_found', `no order ${orderId}`);
      const notPayable = notPayableHere(row, pairing.terminalId);
      if (notPayable) return notPayable;
      const attempts = row.code_attempts ?? 0;
      if (attempts >= CODE_ATTEMPTS_MAX) return err('offline_code_locked', 'too many wrong codes: needs the owner');
      const overLimit = this.limitRefusal(row.amount_minor, s);
      if (overLimit) return overLimit;
      const expected = expectedConfirmationCode(pairing.secret, row.id, row.amount_minor);
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(code))) {
        this.countAttemptStmt.run(row.id);
        const left = CODE_ATTEMPTS_MAX - attempts - 1;
        if (left <= 0) return err('offline_code_locked', 'too many wrong codes: needs the owner');
        return err('offline_code_wrong', 'the code does not match this order', { attemptsLeft: left });
      }
      const now = this.clock.now();
      this.journal.append({
        kind: 'sale.qr.offline',
        orderId: row.id,
        memo: 'confirmation code',
        postings: [
          { account: ACCOUNTS.offlineClearing, currency: row.currency, amountMinor: row.amount_minor },
          { account: ACCOUNTS.sales, currency: row.currency, amountMinor: -row.amount_minor },
        ],
      });
      const late = isLatePayment(row.status) ? 1 : 0;
      const changed = this.setVerifiedStmt.run(late, now, now, now, row.id, row.status).changes;
      assert(changed === 1, 'offline acceptance changed exactly one order');
      return ok(this.orders.byId.get(row.id)!);
    });
  }

  /**
   * The owner grants another round of code tries to an order locked by wrong codes (the caller
   * has checked the owner's PIN). Only a locked order that can still be paid by code; at most
   * CODE_UNLOCKS_MAX times. The audit record commits with the unlock.
   */
  unlockCode(orderId: string, approverId: string, reason: string, audit: UnlockAudit): Result<OrderRow> {
    const pairing = this.terminal.get();
    return writeTx(this.db, (): Result<OrderRow> => {
      const row = this.orders.byId.get(orderId);
      if (!row) return err('order_not_found', `no order ${orderId}`);
      if (!canTransition(row.status, 'paid') || row.terminal_id !== pairing?.terminalId) {
        return err('offline_order_not_payable', `a ${row.status} order cannot be paid by code`, { status: row.status });
      }
      const attempts = row.code_attempts ?? 0;
      if (attempts < CODE_ATTEMPTS_MAX) return err('offline_code_not_locked', 'this order still has code tries left');
      const unlocks = row.code_unlocks ?? 0;
      if (unlocks >= CODE_UNLOCKS_MAX) {
        return err('offline_unlocks_exhausted', 'this order was unlocked too often', { max: CODE_UNLOCKS_MAX });
      }
      const changed = this.unlockStmt.run(this.clock.now(), row.id, CODE_ATTEMPTS_MAX).changes;
      assert(changed === 1, 'an unlock changed exactly one order');
      audit('offline.code_unlocked', {
        order_id: row.id,
        amount_minor: row.amount_minor,
        approver_id: approverId,
        wrong_codes: attempts,
        unlock: unlocks + 1,
        reason,
      });
      return ok(this.orders.byId.get(row.id)!);
    });
  }

  /**
   * The owner writes off a sale verified by code that the gateway has not confirmed, once it is
   * an open `offline_unconfirmed` issue (past the maximum age, or closed unpaid by the gateway):
   * the shop did not receive the money. The sale stays a sale (the goods were handed over); its
   * receivable leaves clearing:offline for losses:offline, and it stops awaiting (the offline
   * total, the age alarm, the status bar). Entry, order, issue (handled by the approver) and the
   * audit record commit together. A payment that arrives later books it back (ChangeApplier).
   */
  writeOff(orderId: string, approverId: string, reason: string, audit: UnlockAudit): Result<OrderRow> {
    return writeTx(this.db, (): Result<OrderRow> => {
      const row = this.orders.byId.get(orderId);
      if (!row) return err('order_not_found', `no order ${orderId}`);
      if (row.offline_state !== 'verified') {
        return err('offline_write_off_refused', 'only a sale verified by code and not confirmed can be written off', {
          state: isWrittenOff(row) ? 'written_off' : (row.offline_state ?? row.status),
        });
      }
      if (!this.issues.isOpen('offline_unconfirmed', row.id)) {
        return err('offline_write_off_early', 'the gateway may still confirm this sale', {
          maxAgeMs: this.settings.get().offlineMaxAgeMs,
        });
      }
      const now = this.clock.now();
      const entry = this.journal.append({
        kind: 'sale.qr.offline.writeoff',
        orderId: row.id,
        memo: 'written off: the gateway never confirmed the payment',
        postings: [
          { account: ACCOUNTS.offlineLosses, currency: row.currency, amountMinor: row.amount_minor },
          { account: ACCOUNTS.offlineClearing, currency: row.currency, amountMinor: -row.amount_minor },
        ],
      });
      const changed = this.writeOffStmt.run(now, now, row.id).changes;
      assert(changed === 1, 'a write-off changed exactly one order');
      const handled = this.issues.handleFor('offline_unconfirmed', row.id, approverId, now);
      assert(handled, 'a write-off closed its issue');
      audit('offline.written_off', {
        order_id: row.id,
        amount_minor: row.amount_minor,
        approver_id: approverId,
        reason,
        entry_seq: entry.seq,
      });
      return ok(this.orders.byId.get(row.id)!);
    });
  }

  /** A sale written off here: still so, or paid since (booked back); null if never written off. */
  writeOffOutcome(orderId: string): 'written_off' | 'recovered' | null {
    const row = this.orders.byId.get(orderId);
    if ((row?.offline_written_off_at_ms ?? null) === null) return null;
    return isWrittenOff(row!) ? 'written_off' : 'recovered';
  }

  /** Code-verified sales past the owner's maximum age become issues for the owner; how many are new. */
  sweepAged(): number {
    const now = this.clock.now();
    const maxAge = this.settings.get().offlineMaxAgeMs;
    return writeTx(this.db, () => {
      let opened = 0;
      for (const r of this.agedStmt.all(now - maxAge)) {
        const detail = 'verified by code; the gateway has not confirmed the payment';
        if (this.issues.record('offline_unconfirmed', r.id, r.amount_minor, r.currency, detail, now)) opened++;
      }
      return opened;
    });
  }

  /**
   * True once each time the oldest awaiting sale's age level moves (to the warning at 80 % of the
   * owner's maximum, to expired, or back to ok): the status must reach the window then, also on a
   * quiet counter that is online while the gateway never confirms, where nothing else sends it.
   */
  ageLevelMoved(): boolean {
    const level = this.pending().ageLevel;
    if (level === this.shownAgeLevel) return false;
    this.shownAgeLevel = level;
    return true;
  }
}

/** An order this counter can no longer take payment for (paid, refunded, or another terminal's). */
function notPayableHere(row: OrderRow, terminalId: string): Err | null {
  if (canTransition(row.status, 'paid') && row.terminal_id === terminalId) return null;
  return err('offline_order_not_payable', `a ${row.status} order cannot be paid by code`, { status: row.status });
}
