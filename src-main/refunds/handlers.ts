import { ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { CashRefunds } from './cash-refunds';
import type { RefundService } from './service';

export function refundHandlers(
  refunds: RefundService,
  cash: CashRefunds,
): Pick<Handlers, 'refunds.create' | 'refunds.createCash' | 'refunds.forOrder' | 'shift.cashRefund'> {
  return {
    'refunds.create': (args) => refunds.create(args),
    'refunds.createCash': (args) => cash.create(args),
    'shift.cashRefund': (args) => cash.withoutOrder(args),
    'refunds.forOrder': ({ orderId }) => ok(refunds.forOrder(orderId)),
  };
}
