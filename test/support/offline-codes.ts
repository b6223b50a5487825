import { expectedConfirmationCode } from '../../src-main/sync/signer';
import type { OrderView } from '../../src-shared/api';
import type { Change } from '../../src-shared/protocol/gateway';
import { TEST_PAIRING } from './console';

/** The confirmation code the customer's result page shows for an order (the test terminal's secret). */
export const codeOf = (o: OrderView): string => expectedConfirmationCode(TEST_PAIRING.secret, o.id, o.amountMinor);

/** A code that is certainly not the order's. */
export const wrongCode = (o: OrderView): string => (codeOf(o) === '123456' ? '654321' : '123456');

/**
 * The gateway's payment of an order, as its change feed delivers it: change `changeId`, trade
 * number `T<changeId>`, paid at `atMs` through `channel`, for the order's amount.
 */
export function paymentChange(o: OrderView, channel: string, changeId: number, atMs: number): Change {
  return {
    change_id: changeId,
    type: 'payment.succeeded',
    at_ms: atMs,
    order_id: o.id,
    amount_minor: o.amountMinor,
    currency: 'CNY',
    channel: channel as 'alipay',
    provider_trade_no: `T${changeId}`,
    paid_at_ms: atMs,
  };
}
