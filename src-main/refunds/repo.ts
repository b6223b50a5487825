/** Prepared statements over `refunds`; no rules here. */
import type { RefundMethod, RefundStatus, RefundView } from '../../src-shared/api';
import type { Currency } from '../../src-shared/money';
import type { Db, Statement } from '../db/connection';

/** A refund as it is first saved (a wallet refund, not failed). */
export interface NewRefundRow {
  id: string;
  order_id: string;
  amount_minor: number;
  currency: Currency;
  reason: string;
  status: RefundStatus;
  operator_id: string | null;
  approver_id: string;
  created_at_ms: number;
  updated_at_ms: number;
  provider_refund_no: string | null;
  entry_seq: number | null;
}

export interface RefundRow extends NewRefundRow {
  /** Why it failed (migration 0019); null unless `failed`. */
  failure_code: string | null;
  failure_message: string | null;
  method: RefundMethod;
}

/** An order has at most this many refunds (each needs an owner's PIN; more is a mistake). */
export const REFUNDS_PER_ORDER_MAX = 20;
/** The gateway's message kept beside a failure code, cut to this many characters. */
export const FAILURE_MESSAGE_LENGTH_MAX = 200;

export class RefundRepo {
  readonly byId: Statement<[string], RefundRow>;
  readonly forOrder: Statement<[string], RefundRow>;
  readonly reservedFor: Statement<[string], { total: number | null; n: number }>;
  readonly succeededFor: Statement<[string], { total: number | null }>;
  /** What the order's payments add up to (more than its amount when it was paid twice). */
  readonly paymentsOf: Statement<[string], { total: number }>;
  readonly insert: Statement<[NewRefundRow]>;
  /** A cash refund: succeeded at once, its journal entry written. */
  readonly insertCash: Statement<[NewRefundRow & { entry_seq: number }]>;
  /** Moves forward from the given state (requested → accepted, failed → accepted); clears a failure. */
  readonly setStatus: Statement<[RefundStatus, number, string, RefundStatus]>;
  /** → failed, with why: [code, message, at, id, from]. */
  readonly setFailed: Statement<[string, string | null, number, string, RefundStatus]>;
  readonly setSucceeded: Statement<[string | null, number, number, string]>;

  constructor(db: Db) {
    this.byId = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE id = ?');
    this.forOrder = db.prepare<[string], RefundRow>(
      'SELECT * FROM refunds WHERE order_id = ? ORDER BY created_at_ms, id',
    );
    /** Every refund that is or may become money out: all but failed (cash ones included). */
    this.reservedFor = db.prepare<[string], { total: number | null; n: number }>(
      "SELECT SUM(amount_minor) AS total, COUNT(*) AS n FROM refunds WHERE order_id = ? AND status <> 'failed'",
    );
    this.paymentsOf = db.prepare<[string], { total: number }>(
      'SELECT COALESCE(SUM(amount_minor), 0) AS total FROM payments WHERE order_id = ?',
    );
    this.succeededFor = db.prepare<[string], { total: number | null }>(
      "SELECT SUM(amount_minor) AS total FROM refunds WHERE order_id = ? AND status = 'succeeded'",
    );
    this.insert = db.prepare<[NewRefundRow]>(
      `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, operator_id, approver_id,
         created_at_ms, updated_at_ms, provider_refund_no, entry_seq)
       VALUES (@id, @order_id, @amount_minor, @currency, @reason, @status, @operator_id, @approver_id,
         @created_at_ms, @updated_at_ms, @provider_refund_no, @entry_seq)`,
    );
    this.insertCash = db.prepare<[NewRefundRow & { entry_seq: number }]>(
      `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, operator_id, approver_id,
         created_at_ms, updated_at_ms, provider_refund_no, entry_seq, method)
       VALUES (@id, @order_id, @amount_minor, @currency, @reason, 'succeeded', @operator_id, @approver_id,
         @created_at_ms, @updated_at_ms, NULL, @entry_seq, 'cash')`,
    );
    this.setStatus = db.prepare<[RefundStatus, number, string, RefundStatus]>(
      `UPDATE refunds SET status = ?, failure_code = NULL, failure_message = NULL, updated_at_ms = ?
       WHERE id = ? AND status = ? AND method = 'wallet'`,
    );
    this.setFailed = db.prepare<[string, string | null, number, string, RefundStatus]>(
      `UPDATE refunds SET status = 'failed', failure_code = ?, failure_message = ?, updated_at_ms = ?
       WHERE id = ? AND status = ? AND method = 'wallet'`,
    );
    this.setSucceeded = db.prepare<[string | null, number, number, string]>(
      `UPDATE refunds SET status = 'succeeded', failure_code = NULL, failure_message = NULL, provider_refund_no = ?,
         entry_seq = ?, updated_at_ms = ?
       WHERE id = ? AND status IN ('requested', 'accepted', 'failed') AND method = 'wallet'`,
    );
  }
}

export function toRefundView(r: RefundRow, orderRefundableMinor: number): RefundView {
  return {
    id: r.id,
    orderId: r.order_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    method: r.method,
    failureCode: r.status === 'failed' ? r.failure_code : null,
    operatorId: r.operator_id,
    approverId: r.approver_id,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
    orderRefundableMinor,
  };
}
