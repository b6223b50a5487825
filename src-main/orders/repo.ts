import type { OrderStatus } from '../../src-shared/api';
import type { Currency } from '../../src-shared/money';
import { PAYMENT_CHANNELS } from '../../src-shared/protocol/gateway';
import type { Db, Statement } from '../db/connection';

export interface OrderRow {
  id: string;
  terminal_id: string;
  amount_minor: number;
  currency: Currency;
  note: string;
  status: OrderStatus;
  late: number;
  created_at_ms: number;
  expires_at_ms: number;
  paid_at_ms: number | null;
  channel: string | null;
  provider_trade_no: string | null;
  registered: number;
  updated_at_ms: number;
  /** Who created the order (null: before operators existed, or recreated from the gateway). */
  operator_id: string | null;
  offline_state?: 'verified' | 'confirmed' | null;
  offline_verified_at_ms?: number | null;
  code_attempts?: number;
  code_unlocks?: number;
  /** Cancelled here; the gateway has not been told yet (migration 0015). */
  cancel_owed?: number;
  /** A code-verified sale the owner wrote off (migration 0018); offline_state is then NULL, or 'confirmed' once recovered. */
  offline_written_off_at_ms?: number | null;
}

/** A code-verified sale the owner wrote off, not paid since (a payment after it sets 'confirmed'). */
export function isWrittenOff(row: Pick<OrderRow, 'offline_state' | 'offline_written_off_at_ms'>): boolean {
  return (row.offline_written_off_at_ms ?? null) !== null && (row.offline_state ?? null) === null;
}

/** Prepared statements over `orders`; no business rules here. */
export class OrderRepo {
  readonly byId: Statement<[string], OrderRow>;
  readonly insert: Statement<[OrderRow]>;
  readonly setStatus: Statement<[OrderStatus, number, string, OrderStatus]>;
  readonly setPaid: Statement<[number, number, string, string, number, string]>;
  readonly setRegistered: Statement<[string]>;
  /** Cancel here, and owe the gateway the news (the sync service's cancel pass). */
  readonly setCancelled: Statement<[number, string, OrderStatus]>;
  readonly cancelsOwed: Statement<[number], OrderRow>;
  readonly cancelTold: Statement<[string]>;
  /** Owed cancels of orders past their expiry: the gateway closed them by itself. */
  readonly dropMootCancels: Statement<[number]>;
  readonly dueForExpiry: Statement<[number, number], OrderRow>;
  readonly createdSince: Statement<[number, number], OrderRow>;
  /** Refunds of the orders named (a JSON array of ids), per order: gone back, and still on their way. */
  readonly refundsOf: Statement<
    [string],
    { order_id: string; refunded: number; pending: number; pending_minor: number }
  >;
  /** Payments beyond an order's first (the customer paid twice): how many and how much. */
  readonly extraPaymentsOf: Statement<[string], { order_id: string; n: number; minor: number }>;
  readonly createdBetween: Statement<[number, number, number], OrderRow>;
  readonly byTail: Statement<[string, number], OrderRow>;
  readonly byTradeNo: Statement<[string, string, number], OrderRow>;
  readonly unregistered: Statement<[number], OrderRow>;
  readonly newestPayable: Statement<[number], OrderRow>;
  readonly lastRefundFailed: Statement<[string], { order_id: string; failure_code: string | null }>;
  readonly overRefundedOf: Statement<[string], { order_id: string; over: number }>;
  readonly refundedBetween: Statement<[number, number, number], { order_id: string; at: number }>;
  readonly countUnregistered: Statement<[], { n: number }>;
  /**
   * Orders a customer could still pay at the gateway: open ones (registered or not: the signed QR
   * pays there) and ones cancelled here that it has not been told of yet.
   */
  readonly countPayableThere: Statement<[], { n: number }>;

  constructor(db: Db) {
    this.byId = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
    this.insert = db.prepare<[OrderRow]>(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
         paid_at_ms, channel, provider_trade_no, registered, updated_at_ms, operator_id)
       VALUES (@id, @terminal_id, @amount_minor, @currency, @note, @status, @late, @created_at_ms, @expires_at_ms,
         @paid_at_ms, @channel, @provider_trade_no, @registered, @updated_at_ms, @operator_id)`,
    );
    this.setStatus = db.prepare<[OrderStatus, number, string, OrderStatus]>(
      'UPDATE orders SET status = ?, updated_at_ms = ? WHERE id = ? AND status = ?',
    );
    this.setPaid = db.prepare<[number, number, string, string, number, string]>(
      `UPDATE orders SET status = 'paid', late = ?, paid_at_ms = ?, channel = ?, provider_trade_no = ?, updated_at_ms = ?
       WHERE id = ?`,
    );
    this.setRegistered = db.prepare<[string]>('UPDATE orders SET registered = 1 WHERE id = ?');
    this.setCancelled = db.prepare<[number, string, OrderStatus]>(
      "UPDATE orders SET status = 'cancelled', cancel_owed = 1, updated_at_ms = ? WHERE id = ? AND status = ?",
    );
    // Index orders_cancel_owed (0015): only owed cancels are in it.
    this.cancelsOwed = db.prepare<[number], OrderRow>(
      'SELECT * FROM orders WHERE cancel_owed = 1 ORDER BY expires_at_ms LIMIT ?',
    );
    this.cancelTold = db.prepare<[string]>('UPDATE orders SET cancel_owed = 0 WHERE id = ? AND cancel_owed = 1');
    this.dropMootCancels = db.prepare<[number]>(
      'UPDATE orders SET cancel_owed = 0 WHERE cancel_owed = 1 AND expires_at_ms <= ?',
    );
    this.dueForExpiry = db.prepare<[number, number], OrderRow>(
      `SELECT * FROM orders WHERE status = 'awaiting_payment' AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?`,
    );
    this.refundsOf = db.prepare<
      [string],
      { order_id: string; refunded: number; pending: number; pending_minor: number }
    >(
      `SELECT order_id,
              COALESCE(SUM(CASE WHEN status = 'succeeded' THEN amount_minor END), 0) AS refunded,
              COUNT(CASE WHEN status IN ('requested', 'accepted') THEN 1 END) AS pending,
              COALESCE(SUM(CASE WHEN status IN ('requested', 'accepted') THEN amount_minor END), 0) AS pending_minor
         FROM refunds WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id`,
    );
    this.extraPaymentsOf = db.prepare<[string], { order_id: string; n: number; minor: number }>(
      `SELECT order_id, COUNT(*) AS n, SUM(amount_minor) AS minor FROM (
         SELECT order_id, amount_minor,
                ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY paid_at_ms, provider_trade_no) AS k
           FROM payments WHERE order_id IN (SELECT value FROM json_each(?)))
        WHERE k > 1 GROUP BY order_id`,
    );
    this.createdSince = db.prepare<[number, number], OrderRow>(
      'SELECT * FROM orders WHERE created_at_ms >= ? ORDER BY created_at_ms DESC LIMIT ?',
    );
    this.createdBetween = db.prepare<[number, number, number], OrderRow>(
      'SELECT * FROM orders WHERE created_at_ms >= ? AND created_at_ms < ? ORDER BY created_at_ms DESC LIMIT ?',
    );
    // By the last 8 characters of the number (index orders_tail, migration 0011).
    this.byTail = db.prepare<[string, number], OrderRow>(
      'SELECT * FROM orders WHERE substr(id, -8) = ? ORDER BY created_at_ms DESC LIMIT ?',
    );
    // By a payment's provider trade no, as typed or upper-cased (the payments key, per channel:
    // a duplicate payment's trade finds its order too).
    this.byTradeNo = db.prepare<[string, string, number], OrderRow>(
      `SELECT o.* FROM payments p JOIN orders o ON o.id = p.order_id
       WHERE p.channel IN (${PAYMENT_CHANNELS.map((c) => `'${c}'`).join(', ')}) AND p.provider_trade_no IN (?, ?)
       ORDER BY o.created_at_ms DESC LIMIT ?`,
    );
    // Orders whose latest refund request failed (index refunds_order).
    // A later refund of the order (again by wallet, or in cash from the drawer) clears it.
    // Orders whose succeeded refunds (wallet and cash) sum past what they were paid (their
    // payments, when paid twice: refunds/rules.ts `paidOf`).
    this.overRefundedOf = db.prepare<[string], { order_id: string; over: number }>(
      `SELECT r.order_id,
              SUM(r.amount_minor) - MAX(o.amount_minor,
                COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.order_id = o.id), 0)) AS over
         FROM refunds r JOIN orders o ON o.id = r.order_id
        WHERE r.order_id IN (SELECT value FROM json_each(?)) AND r.status = 'succeeded'
        GROUP BY r.order_id HAVING over > 0`,
    );
    // Orders with a refund that succeeded in a window (refunds_succeeded_at), with when.
    this.refundedBetween = db.prepare<[number, number, number], { order_id: string; at: number }>(
      `SELECT order_id, MAX(updated_at_ms) AS at FROM refunds
        WHERE status = 'succeeded' AND updated_at_ms >= ? AND updated_at_ms < ? GROUP BY order_id LIMIT ?`,
    );
    this.lastRefundFailed = db.prepare<[string], { order_id: string; failure_code: string | null }>(
      `SELECT r.order_id, r.failure_code FROM refunds r
        WHERE r.order_id IN (SELECT value FROM json_each(?)) AND r.status = 'failed'
          AND NOT EXISTS (SELECT 1 FROM refunds n WHERE n.order_id = r.order_id
                            AND (n.created_at_ms, n.id) > (r.created_at_ms, r.id))`,
    );
    // The order a customer may be paying now (index orders_awaiting).
    this.newestPayable = db.prepare<[number], OrderRow>(
      `SELECT * FROM orders WHERE status = 'awaiting_payment' AND expires_at_ms > ? ORDER BY expires_at_ms DESC LIMIT 1`,
    );
    this.unregistered = db.prepare<[number], OrderRow>(
      `SELECT * FROM orders WHERE registered = 0 AND status = 'awaiting_payment' ORDER BY created_at_ms LIMIT ?`,
    );
    this.countPayableThere = db.prepare<[], { n: number }>(
      `SELECT (SELECT COUNT(*) FROM orders WHERE status = 'awaiting_payment')
            + (SELECT COUNT(*) FROM orders WHERE cancel_owed = 1) AS n`,
    );
    this.countUnregistered = db.prepare<[], { n: number }>(
      `SELECT COUNT(*) AS n FROM orders WHERE registered = 0 AND status = 'awaiting_payment'`,
    );
  }
}
