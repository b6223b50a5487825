import { z } from 'zod';
import { ORDER_NOTE_LENGTH_MAX } from '../protocol/gateway';
import { ULID_RE } from '../ulid';
import { call, event } from './contract';
import type { OrderView, TodayView } from './views';

const orderId = z.string().regex(ULID_RE, 'not an order id');

export const orderCalls = {
  /** `amount` is the text the cashier typed; main parses it exactly for the currency. */
  'orders.create': call<OrderView>()(
    z.strictObject({
      amount: z.string().max(64),
      note: z
        .string()
        .max(ORDER_NOTE_LENGTH_MAX * 4)
        .optional(),
    }),
  ),
  'orders.get': call<OrderView>()(z.strictObject({ id: orderId })),
  'orders.cancel': call<OrderView>()(z.strictObject({ id: orderId })),
  'orders.today': call<TodayView>()(z.strictObject({})),
};

export const orderEvents = {
  'order.updated': event<OrderView>(),
};
