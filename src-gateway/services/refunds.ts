/**
 * Refunds of paid orders, executed through the provider (here the sandbox). The terminal's
 * request is idempotent by `refund_id`: the same id with the same order and amount returns the
 * stored refund; with other details it is a conflict. A new refund is `accepted` at once (the
 * reply and a change say so); the provider's outcome (`succeeded` or `failed`) comes later, by
 * the maintenance step, as another change. The sum of non-failed refunds never exceeds the paid
 * amount — checked inside the write transaction, so concurrent requests cannot both pass.
 */
import type Database from 'better-sqlite3';
import { isCurrency } from '../../src-shared/money';
import type {
  GatewayRefund,
  GatewayRefundStatus,
  PaymentChannel,
  RefundRequest,
} from '../../src-shared/protocol/gateway';
import { PAYMENT_CHANNELS } from '../../src-shared/protocol/gateway';
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayCore } from '../core';
import { randomCrockford } from '../crypto';

/**
 * The Alipay side a refund of an Alipay-paid order goes through (AlipayRefunds). The gateway's
 * refund id is the out_request_no, so every retry names the same refund at Alipay.
 */
export interface ProviderRefunds {
  paidTradeOf(orderId: string): { out_trade_no: string } | null;
  refund(
    outTradeNo: string,
    outRequestNo: string,
    amountMinor: number,
    reason?: string,
  ): Promise<Result<{ state: 'pending' | 'succeeded' | 'failed'; failure: string | null }>>;
}

/** Accepted refunds the provider settles per maintenance step. */
export const REFUND_EXECUTE_BATCH_MAX = 100;

interface RefundRow {
  refund_id: string;
  terminal_id: string;
  order_id: string;
  amount_minor: number;
  currency: string;
  reason: string;
  status: GatewayRefundStatus;
  provider_refund_no: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

function toWire(r: RefundRow): GatewayRefund {
  if (!isCurrency(r.currency)) throw new Error('assertion failed: stored refund currency');
  return {
    refund_id: r.refund_id,
    order_id: r.order_id,
    amount_minor: r.amount_minor,
    currency: r.currency,
    status: r.status,
    provider_refund_no: r.provider_refund_no,
  };
}

export class RefundService {
  private readonly byId;
  private readonly refundedFor;
  private readonly insert;
  private readonly accepted;
  private readonly settle;

  /** Refund ids being executed at Alipay now (a slow answer is not asked twice at once). */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly core: GatewayCore,
    private readonly alipay: ProviderRefunds | null = null,
  ) {
    const db: Database.Database = core.db;
    this.byId = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE refund_id = ?');
    this.refundedFor = db.prepare<[string], { total: number | null }>(
      "SELECT SUM(amount_minor) AS total FROM refunds WHERE order_id = ? AND status <> 'failed'",
    );
    this.insert = db.prepare(
      `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status,
         provider_refund_no, created_at_ms, updated_at_ms)
       VALUES (@refund_id, @terminal_id, @order_id, @amount_minor, @currency, @reason, 'accepted', NULL, @now, @now)`,
    );
    this.accepted = db.prepare<[number], RefundRow>(
      "SELECT * FROM refunds WHERE status = 'accepted' ORDER BY created_at_ms LIMIT ?",
    );
    this.settle = db.prepare(
      "UPDATE refunds SET status = ?, provider_refund_no = ?, updated_at_ms = ? WHERE refund_id = ? AND status = 'accepted'",
    );
  }

  request(terminalId: string, orderId: string, req: RefundRequest): Result<GatewayRefund> {
    const { db, clock, orders, changes } = this.core;
    const result = db
      .transaction((): Result<{ refund: GatewayRefund; changed: boolean }> => {
        const existing = this.byId.get(req.refund_id);
        if (existing) {
          const same =
            existing.terminal_id === terminalId &&
            existing.order_id === orderId &&
            existing.amount_minor === req.amount_minor &&
            existing.currency === req.currency;
          if (!same) return err('refund_conflict', 'a refund with this id exists with other details');
          return ok({ refund: toWire(existing), changed: false });
        }
        const order = orders.get(orderId);
        if (!order || order.terminal_id !== terminalId) return err('not_found', 'no such order');
        if (order.status !== 'paid' || !order.channel)
          return err('refund_not_allowed', 'only a paid order can be refunded');
        if (req.currency !== order.currency)
          return err('currency_unsupported', 'refund currency differs from the order');
        const already = this.refundedFor.get(orderId)?.total ?? 0;
        if (already + req.amount_minor > order.amount_minor) {
          return err('refund_exceeds_paid', 'refunds would exceed the amount paid', {
            refundable_minor: order.amount_minor - already,
          });
        }
        const now = clock.now();
        this.insert.run({ ...req, terminal_id: terminalId, order_id: orderId, now });
        const row = this.byId.get(req.refund_id)!;
        changes.append(terminalId, this.fact(row, order.channel), now);
        return ok({ refund: toWire(row), changed: true });
      })
      .immediate();
    if (!result.ok) return result;
    if (result.value.changed) this.core.changesCommitted(terminalId);
    return ok(result.value.refund);
  }

  /**
   * The sandbox provider settles accepted refunds: each succeeds with a provider refund number.
   * Refunds of Alipay-paid orders are left to `executeAlipay`.
   */
  executeAccepted(): number {
    const { db, clock, orders, changes, randomBytes } = this.core;
    const touched = db
      .transaction((): string[] => {
        const now = clock.now();
        const due = this.accepted.all(REFUND_EXECUTE_BATCH_MAX).filter((r) => !this.viaAlipay(r));
        for (const r of due) {
          const providerNo = `SBR${randomCrockford(randomBytes, 20)}`;
          if (this.settle.run('succeeded', providerNo, now, r.refund_id).changes !== 1) {
            throw new Error('assertion failed: accepted refund did not settle');
          }
          const channel = orders.get(r.order_id)?.channel ?? 'sandbox';
          changes.append(r.terminal_id, this.fact(this.byId.get(r.refund_id)!, channel), now);
        }
        return due.map((r) => r.terminal_id);
      })
      .immediate();
    for (const t of new Set(touched)) this.core.changesCommitted(t);
    return touched.length;
  }

  private viaAlipay(r: RefundRow): boolean {
    return this.alipay !== null && this.alipay.paidTradeOf(r.order_id) !== null;
  }

  /**
   * Executes accepted refunds of Alipay-paid orders through alipay.trade.refund with
   * out_request_no = refund id. Succeeded/failed settle the refund and tell the terminal; an
   * unclear answer leaves it accepted, and the next step retries with the same out_request_no.
   */
  async executeAlipay(): Promise<number> {
    const alipay = this.alipay;
    if (!alipay) return 0;
    const due = this.accepted
      .all(REFUND_EXECUTE_BATCH_MAX)
      .filter((r) => !this.inFlight.has(r.refund_id) && this.viaAlipay(r));
    let settled = 0;
    for (const r of due) {
      const trade = alipay.paidTradeOf(r.order_id);
      if (!trade) continue;
      this.inFlight.add(r.refund_id);
      try {
        const answer = await alipay.refund(trade.out_trade_no, r.refund_id, r.amount_minor, r.reason);
        if (!answer.ok) {
          this.core.log.error(`refund ${r.refund_id} at Alipay: ${answer.error.code} ${answer.error.message}`);
          continue;
        }
        if (answer.value.state === 'pending') continue;
        if (this.settleOne(r, answer.value.state, r.refund_id)) settled++;
      } finally {
        this.inFlight.delete(r.refund_id);
      }
    }
    return settled;
  }

  private settleOne(r: RefundRow, status: 'succeeded' | 'failed', providerNo: string): boolean {
    const { db, clock, orders, changes } = this.core;
    const done = db
      .transaction((): boolean => {
        const now = clock.now();
        if (this.settle.run(status, providerNo, now, r.refund_id).changes !== 1) return false;
        const channel = orders.get(r.order_id)?.channel ?? 'alipay';
        changes.append(r.terminal_id, this.fact(this.byId.get(r.refund_id)!, channel), now);
        return true;
      })
      .immediate();
    if (done) this.core.changesCommitted(r.terminal_id);
    return done;
  }

  private fact(row: RefundRow, channel: string) {
    if (!isCurrency(row.currency)) throw new Error('assertion failed: stored refund currency');
    if (!(PAYMENT_CHANNELS as readonly string[]).includes(channel)) throw new Error('assertion failed: channel');
    return {
      type: 'refund.updated' as const,
      order_id: row.order_id,
      refund_id: row.refund_id,
      amount_minor: row.amount_minor,
      currency: row.currency,
      channel: channel as PaymentChannel,
      status: row.status,
      provider_refund_no: row.provider_refund_no,
    };
  }
}
