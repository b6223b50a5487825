/** Provider trades (one per attempt at the provider), their notifies, refunds and bills. */
import type Database from 'better-sqlite3';
import type { PaymentChannel } from '../../src-shared/protocol/gateway';

export type TradeKind = 'qr' | 'code';
export type TradeState = 'open' | 'paying' | 'paid' | 'failed' | 'cancelled' | 'closed';

export interface TradeRow {
  readonly out_trade_no: string;
  readonly order_id: string;
  readonly channel: PaymentChannel;
  readonly kind: TradeKind;
  readonly amount_minor: number;
  readonly state: TradeState;
  readonly provider_trade_no: string | null;
  readonly qr_code: string | null;
  readonly failure: string | null;
  readonly created_at_ms: number;
  readonly deadline_ms: number;
  readonly next_query_at_ms: number | null;
  readonly queries: number;
  readonly cancel_attempts: number;
  readonly updated_at_ms: number;
}

export type NewTrade = Pick<
  TradeRow,
  | 'out_trade_no'
  | 'order_id'
  | 'channel'
  | 'kind'
  | 'amount_minor'
  | 'state'
  | 'created_at_ms'
  | 'deadline_ms'
  | 'next_query_at_ms'
>;

export interface TradeUpdate {
  readonly state?: TradeState;
  readonly provider_trade_no?: string | null;
  readonly qr_code?: string | null;
  readonly failure?: string | null;
  readonly next_query_at_ms?: number | null;
  readonly queries?: number;
  readonly cancel_attempts?: number;
}

const UPDATABLE = [
  'state',
  'provider_trade_no',
  'qr_code',
  'failure',
  'next_query_at_ms',
  'queries',
  'cancel_attempts',
] as const;

export interface RefundRow {
  readonly out_request_no: string;
  readonly out_trade_no: string;
  readonly amount_minor: number;
  readonly state: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly failure: string | null;
  readonly created_at_ms: number;
  readonly updated_at_ms: number;
}

export class ProviderTradeStore {
  private readonly db: Database.Database;
  private readonly getStmt;
  private readonly forOrderStmt;
  private readonly dueStmt;

  constructor(db: Database.Database) {
    this.db = db;
    this.getStmt = db.prepare<[string], TradeRow>('SELECT * FROM provider_trades WHERE out_trade_no = ?');
    this.forOrderStmt = db.prepare<[string], TradeRow>(
      'SELECT * FROM provider_trades WHERE order_id = ? ORDER BY created_at_ms, rowid',
    );
    this.dueStmt = db.prepare<[string, number, number], TradeRow>(
      `SELECT * FROM provider_trades WHERE channel = ? AND next_query_at_ms IS NOT NULL AND next_query_at_ms <= ?
       ORDER BY next_query_at_ms LIMIT ?`,
    );
  }

  get(outTradeNo: string): TradeRow | null {
    return this.getStmt.get(outTradeNo) ?? null;
  }

  forOrder(orderId: string): TradeRow[] {
    return this.forOrderStmt.all(orderId);
  }

  insert(t: NewTrade): TradeRow {
    this.db
      .prepare(
        `INSERT INTO provider_trades (out_trade_no, order_id, channel, kind, amount_minor, state, created_at_ms,
           deadline_ms, next_query_at_ms, updated_at_ms)
         VALUES (@out_trade_no, @order_id, @channel, @kind, @amount_minor, @state, @created_at_ms, @deadline_ms,
           @next_query_at_ms, @created_at_ms)`,
      )
      .run(t);
    return this.get(t.out_trade_no)!;
  }

  update(outTradeNo: string, u: TradeUpdate, nowMs: number): TradeRow {
    const sets = UPDATABLE.filter((k) => u[k] !== undefined);
    const values: Record<string, unknown> = { out_trade_no: outTradeNo, updated_at_ms: nowMs };
    for (const k of sets) values[k] = u[k];
    const sql = `UPDATE provider_trades SET ${[...sets.map((k) => `${k} = @${k}`), 'updated_at_ms = @updated_at_ms'].join(', ')}
      WHERE out_trade_no = @out_trade_no`;
    if (this.db.prepare(sql).run(values).changes !== 1) throw new Error('assertion failed: trade to update not found');
    return this.get(outTradeNo)!;
  }

  /** Trades of one provider due for a query; another provider's trades never crowd them out. */
  due(channel: string, nowMs: number, limit: number): TradeRow[] {
    return this.dueStmt.all(channel, nowMs, limit);
  }

  /** True the first time this notify id is seen. */
  rememberNotify(notifyId: string, outTradeNo: string, tradeStatus: string, nowMs: number): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO provider_notifies (notify_id, out_trade_no, trade_status, received_at_ms) VALUES (?, ?, ?, ?)
           ON CONFLICT (notify_id) DO NOTHING`,
        )
        .run(notifyId, outTradeNo, tradeStatus, nowMs).changes === 1
    );
  }

  refund(outRequestNo: string): RefundRow | null {
    return (
      this.db
        .prepare<[string], RefundRow>('SELECT * FROM provider_refunds WHERE out_request_no = ?')
        .get(outRequestNo) ?? null
    );
  }

  refundedMinor(outTradeNo: string): number {
    return this.db
      .prepare<[string], { total: number }>(
        `SELECT COALESCE(SUM(amount_minor), 0) AS total FROM provider_refunds WHERE out_trade_no = ? AND state != 'failed'`,
      )
      .get(outTradeNo)!.total;
  }

  /** When a refund of this trade was last created or tried, or null. */
  lastRefundAt(outTradeNo: string): number | null {
    return this.db
      .prepare<[string], { at: number | null }>(
        'SELECT MAX(updated_at_ms) AS at FROM provider_refunds WHERE out_trade_no = ?',
      )
      .get(outTradeNo)!.at;
  }

  insertRefund(r: Pick<RefundRow, 'out_request_no' | 'out_trade_no' | 'amount_minor' | 'created_at_ms'>): RefundRow {
    this.db
      .prepare(
        `INSERT INTO provider_refunds (out_request_no, out_trade_no, amount_minor, state, attempts, created_at_ms, updated_at_ms)
         VALUES (@out_request_no, @out_trade_no, @amount_minor, 'pending', 0, @created_at_ms, @created_at_ms)`,
      )
      .run(r);
    return this.refund(r.out_request_no)!;
  }

  updateRefund(outRequestNo: string, state: RefundRow['state'], failure: string | null, nowMs: number): RefundRow {
    this.db
      .prepare(
        `UPDATE provider_refunds SET state = ?, failure = ?, attempts = attempts + 1, updated_at_ms = ?
         WHERE out_request_no = ?`,
      )
      .run(state, failure, nowMs, outRequestNo);
    return this.refund(outRequestNo)!;
  }

  saveBill(channel: string, billType: string, billDate: string, bytes: Buffer, sha256: string, nowMs: number): void {
    this.db
      .prepare(
        `INSERT INTO provider_bills (channel, bill_type, bill_date, bytes, sha256, fetched_at_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel, bill_type, bill_date) DO UPDATE SET bytes = excluded.bytes, sha256 = excluded.sha256,
           fetched_at_ms = excluded.fetched_at_ms`,
      )
      .run(channel, billType, billDate, bytes, sha256, nowMs);
  }

  bill(
    channel: string,
    billType: string,
    billDate: string,
  ): { bytes: Buffer; sha256: string; fetched_at_ms: number } | null {
    return (
      this.db
        .prepare<[string, string, string], { bytes: Buffer; sha256: string; fetched_at_ms: number }>(
          'SELECT bytes, sha256, fetched_at_ms FROM provider_bills WHERE channel = ? AND bill_type = ? AND bill_date = ?',
        )
        .get(channel, billType, billDate) ?? null
    );
  }
}
