/**
 * The one place a provider's "paid" becomes the order's payment: the trade turns paid, the order
 * turns paid (late payments of expired orders too, 补单) and the terminal's change feed gets
 * `payment.succeeded`. Idempotent: a second report of the same payment changes nothing.
 */
import { isCurrency } from '../../src-shared/money';
import type { GatewayCore } from '../core';
import type { TradeRow } from '../store/provider-trades';

export type SettleOutcome =
  | { readonly kind: 'paid'; readonly terminalId: string }
  | { readonly kind: 'already_paid' }
  | { readonly kind: 'amount_mismatch' }
  /** Reported paid after our cancel succeeded: the provider refunds it; the order is not paid. */
  | { readonly kind: 'cancelled_trade' }
  /** Money arrived for an order that is cancelled or paid through another trade: refund it. */
  | { readonly kind: 'orphan_payment' };

/** Runs inside the caller's transaction; the caller wakes the terminal after commit. */
export function settlePaid(
  core: GatewayCore,
  trade: TradeRow,
  providerTradeNo: string,
  amountMinor: number,
  nowMs: number,
): SettleOutcome {
  const { trades } = core;
  const current = trades.get(trade.out_trade_no);
  if (!current) throw new Error('assertion failed: settling an unknown trade');
  if (current.state === 'paid') return { kind: 'already_paid' };
  if (current.state === 'cancelled') {
    // alipay.trade.cancel succeeded: Alipay closes or refunds (action=refund) whatever was paid.
    core.log.error(`trade ${current.out_trade_no} reported paid after it was cancelled; the cancel refunds it`);
    return { kind: 'cancelled_trade' };
  }
  if (amountMinor !== current.amount_minor) {
    core.log.error(
      `trade ${current.out_trade_no}: provider reports ${amountMinor} paid, the order is ${current.amount_minor}; not recorded`,
    );
    return { kind: 'amount_mismatch' };
  }
  trades.update(
    current.out_trade_no,
    { state: 'paid', provider_trade_no: providerTradeNo, next_query_at_ms: null },
    nowMs,
  );
  const order = core.orders.get(current.order_id);
  if (!order) throw new Error('assertion failed: trade without order');
  if (order.status !== 'awaiting_payment' && order.status !== 'expired') {
    core.log.error(
      `trade ${current.out_trade_no} was paid but order ${order.order_id} is ${order.status}: refund it at the provider`,
    );
    return { kind: 'orphan_payment' };
  }
  const paid = core.orders.markPaid(order.order_id, { paidAtMs: nowMs, channel: current.channel, providerTradeNo });
  if (!isCurrency(paid.currency)) throw new Error('assertion failed: stored currency');
  core.sessions.closeAllOpen(order.order_id, nowMs);
  core.changes.append(
    paid.terminal_id,
    {
      type: 'payment.succeeded',
      order_id: paid.order_id,
      amount_minor: paid.amount_minor,
      currency: paid.currency,
      channel: current.channel,
      provider_trade_no: providerTradeNo,
      paid_at_ms: nowMs,
    },
    nowMs,
  );
  return { kind: 'paid', terminalId: paid.terminal_id };
}
