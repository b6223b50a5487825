/**
 * A customer opened the console's signed QR in the Alipay app: create the Alipay trade for the
 * order (alipay.trade.precreate, out_trade_no = the order id, the exact amount) and hand the
 * customer to Alipay's qr_code. The same order gets the same trade while its code is valid.
 */
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayCore } from '../core';
import { outTradeNoFor } from '../services/charges';
import { QR_QUERY_EARLY_INTERVAL_MS, QR_TRADE_LIFETIME_MS } from '../services/trade-schedule';
import type { TradeRow } from '../store/provider-trades';
import type { AlipayProvider } from './provider';

export class AlipayQr {
  constructor(
    private readonly core: GatewayCore,
    private readonly provider: AlipayProvider,
  ) {}

  async handOff(orderId: string): Promise<Result<string>> {
    const { db, clock, orders, trades, log, identity } = this.core;
    const picked = db
      .transaction((): Result<TradeRow> => {
        const now = clock.now();
        const order = orders.get(orderId);
        if (!order) return err('not_found', 'no such order');
        const existing = trades.forOrder(orderId);
        const reusable = existing.find(
          (t) => t.kind === 'qr' && t.state === 'open' && t.qr_code !== null && now < t.deadline_ms,
        );
        if (reusable) return ok(reusable);
        return ok(
          trades.insert({
            out_trade_no: outTradeNoFor(orderId, existing.length),
            order_id: orderId,
            channel: 'alipay',
            kind: 'qr',
            amount_minor: order.amount_minor,
            state: 'open',
            created_at_ms: now,
            deadline_ms: now + QR_TRADE_LIFETIME_MS,
            next_query_at_ms: now + QR_QUERY_EARLY_INTERVAL_MS,
          }),
        );
      })
      .immediate();
    if (!picked.ok) return picked;
    const trade = picked.value;
    if (trade.qr_code) return ok(trade.qr_code);
    const answer = await this.provider.precreate({
      outTradeNo: trade.out_trade_no,
      amountMinor: trade.amount_minor,
      subject: `${identity.merchantName} ${orderId.slice(-6)}`,
    });
    const now = clock.now();
    if (answer.kind === 'qr') {
      trades.update(trade.out_trade_no, { qr_code: answer.qrCode }, now);
      log.info(`order ${orderId}: Alipay trade ${trade.out_trade_no} created for a customer's scan`);
      return ok(answer.qrCode);
    }
    trades.update(
      trade.out_trade_no,
      { state: 'failed', failure: answer.reason.slice(0, 100), next_query_at_ms: null },
      now,
    );
    log.error(`order ${orderId}: alipay.trade.precreate ${answer.kind}: ${answer.reason}`);
    return err('provider_unavailable', 'Alipay did not create the trade');
  }
}
