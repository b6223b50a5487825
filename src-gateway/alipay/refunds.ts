/**
 * Refunds of Alipay trades (alipay.trade.refund). The caller names the refund with an
 * out_request_no and reuses it on every retry, so Alipay refunds once. Money moved only when
 * the answer says fund_change=Y; any other acceptance (a retry answers N) is confirmed by
 * alipay.trade.fastpay.refund.query (REFUND_SUCCESS). Unclear answers leave the refund pending:
 * the caller retries with the same out_request_no.
 */
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayCore } from '../core';
import type { RefundRow, TradeRow } from '../store/provider-trades';
import type { AlipayProvider } from './provider';

const OUT_REQUEST_NO_RE = /^[A-Za-z0-9_]{1,64}$/;
/** Alipay asks for at least 3 s between refunds of one trade (payment-networks.md). */
export const REFUND_SPACING_MS = 3_000;

export interface RefundView {
  readonly out_request_no: string;
  readonly out_trade_no: string;
  readonly amount_minor: number;
  readonly state: RefundRow['state'];
  readonly failure: string | null;
}

const view = (r: RefundRow): RefundView => ({
  out_request_no: r.out_request_no,
  out_trade_no: r.out_trade_no,
  amount_minor: r.amount_minor,
  state: r.state,
  failure: r.failure,
});

export class AlipayRefunds {
  constructor(
    private readonly core: GatewayCore,
    private readonly provider: AlipayProvider,
  ) {}

  /**
   * The Alipay trade that paid the order (what a refund of the order refunds), or null. Not just
   * any paid trade: a QR trade the customer paid after their payment code had paid the order is
   * paid too (an orphan payment, settle.ts), and it was created first.
   */
  paidTradeOf(orderId: string): TradeRow | null {
    const order = this.core.orders.get(orderId);
    if (order?.channel !== 'alipay' || !order.provider_trade_no) return null;
    const paidBy = order.provider_trade_no;
    return (
      this.core.trades
        .forOrder(orderId)
        .find((t) => t.state === 'paid' && t.channel === 'alipay' && t.provider_trade_no === paidBy) ?? null
    );
  }

  async refund(
    outTradeNo: string,
    outRequestNo: string,
    amountMinor: number,
    reason = '',
  ): Promise<Result<RefundView>> {
    const { db, clock, trades, log } = this.core;
    if (!OUT_REQUEST_NO_RE.test(outRequestNo))
      return err('invalid_argument', 'out_request_no: 1–64 letters, digits, _');
    if (!Number.isSafeInteger(amountMinor) || amountMinor < 1)
      return err('invalid_argument', 'refund amount must be positive');
    const started = db
      .transaction((): Result<RefundRow> => {
        const trade = trades.get(outTradeNo);
        if (!trade || trade.channel !== 'alipay' || trade.state !== 'paid')
          return err('not_found', 'no paid Alipay trade');
        const existing = trades.refund(outRequestNo);
        if (existing) {
          if (existing.out_trade_no !== outTradeNo || existing.amount_minor !== amountMinor) {
            return err('order_conflict', 'this out_request_no names another refund');
          }
          return ok(existing);
        }
        if (trades.refundedMinor(outTradeNo) + amountMinor > trade.amount_minor) {
          return err('invalid_argument', 'refunds would exceed the amount paid');
        }
        const lastAt = trades.lastRefundAt(outTradeNo);
        if (lastAt !== null && clock.now() - lastAt < REFUND_SPACING_MS) {
          return err('rate_limited', `refunds of one trade must be ${REFUND_SPACING_MS} ms apart; try again`);
        }
        return ok(
          trades.insertRefund({
            out_request_no: outRequestNo,
            out_trade_no: outTradeNo,
            amount_minor: amountMinor,
            created_at_ms: clock.now(),
          }),
        );
      })
      .immediate();
    if (!started.ok) return started;
    if (started.value.state !== 'pending') return ok(view(started.value));
    const answer = await this.provider.refund(outTradeNo, outRequestNo, amountMinor, reason);
    if (answer.kind === 'refunded') return ok(view(trades.updateRefund(outRequestNo, 'succeeded', null, clock.now())));
    if (answer.kind === 'failed') {
      log.error(`refund ${outRequestNo} of ${outTradeNo} refused: ${answer.reason}`);
      return ok(view(trades.updateRefund(outRequestNo, 'failed', answer.reason.slice(0, 100), clock.now())));
    }
    if (answer.kind === 'unknown') {
      log.info(
        `refund ${outRequestNo} of ${outTradeNo}: no clear answer (${answer.reason}); retry with the same out_request_no`,
      );
      return ok(view(trades.updateRefund(outRequestNo, 'pending', answer.reason.slice(0, 100), clock.now())));
    }
    return this.refundQuery(outTradeNo, outRequestNo);
  }

  /** Asks Alipay whether the refund happened; pending stays pending when it does not know yet. */
  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<Result<RefundView>> {
    const { trades, clock } = this.core;
    const row = trades.refund(outRequestNo);
    if (!row || row.out_trade_no !== outTradeNo) return err('not_found', 'no such refund');
    if (row.state !== 'pending') return ok(view(row));
    const answer = await this.provider.refundQuery(outTradeNo, outRequestNo);
    if (answer.kind === 'succeeded' && answer.amountMinor === row.amount_minor) {
      return ok(view(trades.updateRefund(outRequestNo, 'succeeded', null, clock.now())));
    }
    const note = answer.kind === 'unknown' ? answer.reason : answer.kind;
    return ok(view(trades.updateRefund(outRequestNo, 'pending', note.slice(0, 100), clock.now())));
  }
}
