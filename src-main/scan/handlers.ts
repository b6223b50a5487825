/**
 * Payment-code handlers: check the code's shape here (nothing malformed leaves the counter),
 * make sure the gateway knows the order, then forward the charge. The gateway talks to the
 * provider and follows the customer's confirmation on the provider's schedule.
 */
import type { ChargeView } from '../../src-shared/api/scan';
import { classifyPaymentCode } from '../../src-shared/payment-code';
import type { ChargeViewWire } from '../../src-shared/protocol/charge';
import { err, ok, type Result } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { OrderService } from '../orders/service';
import type { GatewayClient } from '../sync/gateway-client';

export interface ScanDeps {
  readonly orders: OrderService;
  /** The paired gateway's client, or null when there is none yet. */
  readonly client: () => GatewayClient | null;
  /** Registers unregistered orders now (the sync service's pass). */
  readonly flushRegistrations: () => Promise<void>;
}

function toView(orderId: string, w: ChargeViewWire | null): ChargeView | null {
  return w === null ? null : { orderId, status: w.state, failure: w.failure, deadlineMs: w.deadline_ms };
}

export function scanHandlers(
  d: ScanDeps,
): Pick<Handlers, 'orders.chargeCode' | 'orders.chargeStatus' | 'orders.stopCharge'> {
  const gateway = (): Result<GatewayClient> => {
    const c = d.client();
    return c ? ok(c) : err('not_paired', 'this counter is not paired with a gateway');
  };
  return {
    'orders.chargeCode': async ({ id, code }) => {
      const trimmed = code.trim();
      const wallet = classifyPaymentCode(trimmed);
      if (!wallet.ok) return wallet;
      const order = d.orders.get(id);
      if (!order.ok) return order;
      if (order.value.status !== 'awaiting_payment') {
        return err('charge_not_allowed', `the order is ${order.value.status}`);
      }
      const c = gateway();
      if (!c.ok) return c;
      if (!order.value.registered) {
        await d.flushRegistrations();
        const again = d.orders.get(id);
        if (!again.ok || !again.value.registered) {
          return err('gateway_unreachable', 'the gateway does not know this order yet; try again');
        }
      }
      const r = await c.value.chargeCode(id, trimmed);
      if (!r.ok) return r;
      const view = toView(id, r.value);
      return view ? ok(view) : err('gateway_bad_reply', 'the gateway answered without a charge');
    },
    'orders.chargeStatus': async ({ id }) => {
      const c = gateway();
      if (!c.ok) return c;
      const r = await c.value.chargeStatus(id);
      return r.ok ? ok(toView(id, r.value)) : r;
    },
    'orders.stopCharge': async ({ id }) => {
      const c = gateway();
      if (!c.ok) return c;
      const r = await c.value.stopCharge(id);
      return r.ok ? ok(toView(id, r.value)) : r;
    },
  };
}
