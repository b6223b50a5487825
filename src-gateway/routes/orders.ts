/** Terminal order endpoints: register (idempotent), read, cancel. */
import { z } from 'zod';
import { registerOrderRequest } from '../../src-shared/protocol/gateway';
import type { SignedHandler } from '../http/authenticate';
import { parseJson } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { OrderService } from '../services/orders';

const STATUS_OF_ERROR = { order_conflict: 409, currency_unsupported: 400, invalid_argument: 400 } as const;

export function registerOrderRoute(orders: OrderService): SignedHandler {
  return ({ res }, terminalId, body) => {
    const parsed = parseJson(body, registerOrderRequest);
    if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    const result = orders.register(terminalId, parsed.value);
    if (!result.ok) {
      const code = result.error.code;
      const status = code in STATUS_OF_ERROR ? STATUS_OF_ERROR[code as keyof typeof STATUS_OF_ERROR] : 400;
      return sendError(res, status, code, result.error.message);
    }
    sendJson(res, 200, { order: result.value });
  };
}

export function getOrderRoute(orders: OrderService): SignedHandler {
  return ({ res, params }, terminalId) => {
    const order = orders.get(terminalId, params[0]!);
    if (!order) return sendError(res, 404, 'not_found', 'no such order');
    sendJson(res, 200, { order });
  };
}

const cancelBody = z.strictObject({});

/** `afterCancel` lets a payment code still being confirmed for the order be cancelled too. */
export function cancelOrderRoute(
  orders: OrderService,
  afterCancel: (terminalId: string, orderId: string) => void = () => undefined,
): SignedHandler {
  return ({ res, params }, terminalId, body) => {
    if (body.length > 0) {
      const parsed = parseJson(body, cancelBody);
      if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    }
    const order = orders.cancel(terminalId, params[0]!);
    if (!order) return sendError(res, 404, 'not_found', 'no such order');
    if (order.status === 'cancelled') afterCancel(terminalId, order.order_id);
    sendJson(res, 200, { order });
  };
}
