/** Orders as the gateway knows them, and their wire shape. */
import type Database from 'better-sqlite3';
import { isCurrency } from '../../src-shared/money';
import type { GatewayOrder, GatewayOrderStatus } from '../../src-shared/protocol/gateway';
import { GATEWAY_ORDER_STATUSES } from '../../src-shared/protocol/gateway';

export interface OrderRow {
  readonly order_id: string;
  readonly terminal_id: string;
  readonly amount_minor: number;
  readonly currency: string;
  readonly note: string;
  readonly status: GatewayOrderStatus;
  readonly created_at_ms: number;
  readonly expires_at_ms: number;
  readonly paid_at_ms: number | null;
  readonly channel: string | null;
  readonly provider_trade_no: string | null;
  readonly created_by_scan: 0 | 1;
}

export type NewOrder = Pick<
  OrderRow,
  'order_id' | 'terminal_id' | 'amount_minor' | 'currency' | 'note' | 'created_at_ms' | 'expires_at_ms'
> & { readonly created_by_scan: boolean };

export interface Payment {
  readonly paidAtMs: number;
  readonly channel: string;
  readonly providerTradeNo: string;
}

/** The status a reader sees: an awaiting order past its expiry is expired, swept or not. */
export function effectiveStatus(row: OrderRow, nowMs: number): GatewayOrderStatus {
  if (row.status === 'awaiting_payment' && nowMs >= row.expires_at_ms) return 'expired';
  return row.status;
}

export function toGatewayOrder(row: OrderRow, nowMs: number): GatewayOrder {
  if (!isCurrency(row.currency)) throw new Error(`assertion failed: stored currency ${row.currency}`);
  if (!GATEWAY_ORDER_STATUSES.includes(row.status)) throw new Error('assertion failed: stored order status');
  return {
    order_id: row.order_id,
    terminal_id: row.terminal_id,
    amount_minor: row.amount_minor,
    currency: row.currency,
    status: effectiveStatus(row, nowMs),
    created_at_ms: row.created_at_ms,
    expires_at_ms: row.expires_at_ms,
    paid_at_ms: row.paid_at_ms,
    channel: row.channel,
    provider_trade_no: row.provider_trade_no,
    created_by_scan: row.created_by_scan === 1,
  };
}

export class OrderStore {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly payStmt;
  private readonly closeStmt;
  private readonly dueStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms,
         expires_at_ms, created_by_scan)
       VALUES (@order_id, @terminal_id, @amount_minor, @currency, @note, 'awaiting_payment', @created_at_ms,
         @expires_at_ms, @created_by_scan)`,
    );
    this.payStmt = db.prepare(
      `UPDATE orders SET status = 'paid', paid_at_ms = ?, channel = ?, provider_trade_no = ?
       WHERE order_id = ? AND status IN ('awaiting_payment', 'expired')`,
    );
    this.closeStmt = db.prepare(`UPDATE orders SET status = ? WHERE order_id = ? AND status = 'awaiting_payment'`);
    this.dueStmt = db.prepare<[number, number], OrderRow>(
      `SELECT * FROM orders WHERE status = 'awaiting_payment' AND expires_at_ms <= ?
       ORDER BY expires_at_ms LIMIT ?`,
    );
  }

  get(orderId: string): OrderRow | null {
    return this.getStmt.get(orderId) ?? null;
  }

  insert(order: NewOrder): OrderRow {
    this.insertStmt.run({ ...order, created_by_scan: order.created_by_scan ? 1 : 0 });
    const row = this.get(order.order_id);
    if (!row) throw new Error('assertion failed: inserted order not found');
    return row;
  }

  /** awaiting or expired → paid. Throws if the order was in any other state (a bug upstream). */
  markPaid(orderId: string, p: Payment): OrderRow {
    const changed = this.payStmt.run(p.paidAtMs, p.channel, p.providerTradeNo, orderId).changes;
    if (changed !== 1) throw new Error('assertion failed: order not payable');
    return this.get(orderId)!;
  }

  /** awaiting → cancelled | expired; false when the order was no longer awaiting. */
  close(orderId: string, status: 'cancelled' | 'expired'): boolean {
    return this.closeStmt.run(status, orderId).changes === 1;
  }

  /** Awaiting orders whose expiry has passed, oldest first. */
  due(nowMs: number, limit: number): OrderRow[] {
    return this.dueStmt.all(nowMs, limit);
  }
}
