/**
 * The order calls: create, look up, the one a customer may still be paying, cancel, find, and a
 * business day's list (with the day's cash sales beside it). A created or cancelled order is
 * told to the gateway at once, or when the network returns.
 */
import { ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { OrderService } from './service';

type OrderCalls = 'orders.create' | 'orders.get' | 'orders.open' | 'orders.cancel' | 'orders.find' | 'orders.today';

export interface OrderHandlerDeps {
  readonly orders: OrderService;
  readonly flushRegistrations: () => Promise<unknown>;
  /** The day's cash sales (Checkout → Cash), which are not orders. */
  readonly cashSales: (businessDate: string) => { readonly count: number; readonly grossMinor: number };
}

export function orderHandlers(d: OrderHandlerDeps): Pick<Handlers, OrderCalls> {
  const { orders } = d;
  return {
    'orders.create': (args) => {
      const r = orders.create(args);
      if (r.ok) void d.flushRegistrations();
      return r;
    },
    'orders.get': ({ id }) => orders.get(id),
    'orders.open': () => ok(orders.open()),
    'orders.cancel': ({ id }) => {
      const r = orders.cancel(id);
      if (r.ok) void d.flushRegistrations();
      return r;
    },
    'orders.find': ({ query }) => ok(orders.find(query)),
    'orders.today': ({ date }) => {
      const today = orders.today(date);
      const cash = d.cashSales(today.businessDate);
      return ok({ ...today, cashSaleCount: cash.count, cashSalesMinor: cash.grossMinor });
    },
  };
}
