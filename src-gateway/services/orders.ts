/** Orders a terminal registers, reads and cancels; expiry closes what nobody paid. */
import type { GatewayOrder, RegisterOrderRequest } from '../../src-shared/protocol/gateway';
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayCore } from '../core';
import { EXPIRY_SWEEP_BATCH_MAX, ORDER_LIFETIME_MAX_MS } from '../limits';
import { effectiveStatus, toGatewayOrder, type OrderRow } from '../store/orders';

export class OrderService {
  constructor(private readonly core: GatewayCore) {}

  /**
   * Idempotent by order id: the same terminal registering the same amount, currency and expiry
   * gets the stored order back (also when a customer's scan created it first).
   */
  register(terminalId: string, req: RegisterOrderRequest): Result<GatewayOrder> {
    const { db, clock, orders, identity } = this.core;
    if (req.currency !== identity.currency) {
      return err('currency_unsupported', `this gateway takes ${identity.currency} only`);
    }
    if (req.expires_at_ms <= req.created_at_ms) {
      return err('invalid_argument', 'expires_at_ms must be after created_at_ms');
    }
    if (req.expires_at_ms - req.created_at_ms > ORDER_LIFETIME_MAX_MS) {
      return err('invalid_argument', `an order may live at most ${ORDER_LIFETIME_MAX_MS} ms`);
    }
    // Measured on this gateway's clock too, as a scan of an unseen order is: a terminal's dates
    // (its clock, a typo) never keep an order payable here for longer.
    if (req.expires_at_ms - clock.now() > ORDER_LIFETIME_MAX_MS) {
      return err('invalid_argument', `an order may be payable at most ${ORDER_LIFETIME_MAX_MS} ms from now`);
    }
    return db
      .transaction((): Result<GatewayOrder> => {
        const now = clock.now();
        const existing = orders.get(req.order_id);
        if (existing) {
          const same =
            existing.terminal_id === terminalId &&
            existing.amount_minor === req.amount_minor &&
            existing.currency === req.currency &&
            existing.expires_at_ms === req.expires_at_ms;
          if (!same) return err('order_conflict', 'an order with this id exists with other details');
          return ok(toGatewayOrder(existing, now));
        }
        const row = orders.insert({ ...req, terminal_id: terminalId, created_by_scan: false });
        return ok(toGatewayOrder(row, now));
      })
      .immediate();
  }

  /** The terminal's own order; another terminal's order is "not found", not "forbidden". */
  get(terminalId: string, orderId: string): GatewayOrder | null {
    const row = this.core.orders.get(orderId);
    if (!row || row.terminal_id !== terminalId) return null;
    return toGatewayOrder(row, this.core.clock.now());
  }

  /** awaiting → cancelled; paid, cancelled and expired orders come back unchanged. */
  cancel(terminalId: string, orderId: string): GatewayOrder | null {
    const { db, clock, orders, sessions, changes } = this.core;
    const result = db
      .transaction((): { order: GatewayOrder; changed: boolean } | null => {
        const now = clock.now();
        const row = orders.get(orderId);
        if (!row || row.terminal_id !== terminalId) return null;
        if (effectiveStatus(row, now) !== 'awaiting_payment')
          return { order: toGatewayOrder(row, now), changed: false };
        if (!orders.close(orderId, 'cancelled')) throw new Error('assertion failed: awaiting order did not close');
        sessions.closeAllOpen(orderId, now);
        changes.append(terminalId, { type: 'order.closed', order_id: orderId, status: 'cancelled' }, now);
        return { order: toGatewayOrder(orders.get(orderId)!, now), changed: true };
      })
      .immediate();
    if (result?.changed) this.core.changesCommitted(terminalId);
    return result?.order ?? null;
  }

  /**
   * Closes awaiting orders whose expiry has passed, telling each terminal through its feed.
   * Their open wallet sessions stay payable: a late payment is still recorded (补单).
   */
  sweepExpired(): number {
    const { db, clock, orders, changes } = this.core;
    const touched = db
      .transaction((): OrderRow[] => {
        const now = clock.now();
        const due = orders.due(now, EXPIRY_SWEEP_BATCH_MAX);
        for (const row of due) {
          if (!orders.close(row.order_id, 'expired')) throw new Error('assertion failed: due order did not close');
          changes.append(row.terminal_id, { type: 'order.closed', order_id: row.order_id, status: 'expired' }, now);
        }
        return due;
      })
      .immediate();
    for (const terminalId of new Set(touched.map((r) => r.terminal_id))) this.core.changesCommitted(terminalId);
    return touched.length;
  }
}
