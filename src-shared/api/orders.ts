import { z } from 'zod';
import { ORDER_NOTE_LENGTH_MAX } from '../protocol/gateway';
import { ULID_RE } from '../ulid';
import { parseDate } from '../time';
import { call, event } from './contract';
import type { OrderView, TodayView } from './views';

const orderId = z.string().regex(ULID_RE, 'not an order id');

/** YYYY-MM-DD that names a real day (not 2026-02-30). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)')
  .refine((d) => parseDate(d) !== null, 'no such day');

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
  /** The order a customer may still be paying (the newest awaiting payment, not expired), or null. */
  'orders.open': call<OrderView | null>()(z.strictObject({})),
  'orders.cancel': call<OrderView>()(z.strictObject({ id: orderId })),
  /** A business day's orders and totals: today's, or the given date's. */
  'orders.today': call<TodayView>()(z.strictObject({ date: calendarDate.optional() })),
  /**
   * Orders by their whole number, its last 8 characters (as on screen), or a payment's trade
   * number; newest first, at most 20.
   */
  'orders.find': call<readonly OrderView[]>()(
    z.strictObject({
      query: z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z]{4,64}$/, 'letters and digits, 4 to 64'),
    }),
  ),
};

export const orderEvents = {
  'order.updated': event<OrderView>(),
};
