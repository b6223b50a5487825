import { ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { RefundService } from './service';

export function refundHandlers(refunds: RefundService): Pick<Handlers, 'refunds.create' | 'refunds.forOrder'> {
  return {
    'refunds.create': (args) => refunds.create(args),
    'refunds.forOrder': ({ orderId }) => ok(refunds.forOrder(orderId)),
  };
}
