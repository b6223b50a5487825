import type { App } from '../../src-main/app';
import type { OrderView, RefundView } from '../../src-shared/api';
import type { Change } from '../../src-shared/protocol/gateway';
import type { Clock } from '../../src-shared/time';
import { TEST_PAIRING } from './console';

/**
 * The gateway's change feed as a test console receives it: a customer's payment, a refund's
 * progress, each applied by the console's change applier with the next change id.
 */
export function gatewayFeed(app: App, clock: Clock) {
  let changeId = 0;
  const apply = (c: Record<string, unknown>) =>
    app.applier.apply(TEST_PAIRING.gatewayId, TEST_PAIRING.terminalId, {
      ...c,
      change_id: ++changeId,
      at_ms: clock.now(),
    } as Change);
  return {
    /** The customer pays the order (again, with another trade number, for a duplicate). */
    pays: (o: OrderView, tradeNo = `SBX${changeId + 1}`) =>
      apply({
        type: 'payment.succeeded',
        order_id: o.id,
        amount_minor: o.amountMinor,
        currency: o.currency,
        channel: 'sandbox',
        provider_trade_no: tradeNo,
        paid_at_ms: clock.now(),
      }),
    /** The provider moves a wallet refund on (`amountMinor`: what it reports, the refund's own by default). */
    refund: (r: RefundView, status: 'accepted' | 'succeeded' | 'failed', amountMinor = r.amountMinor) =>
      apply({
        type: 'refund.updated',
        order_id: r.orderId,
        refund_id: r.id,
        amount_minor: amountMinor,
        currency: r.currency,
        channel: 'sandbox',
        status,
        provider_refund_no: status === 'succeeded' ? `R${r.id.slice(-8)}` : null,
      }),
  };
}
