/**
 * What every refund of an order obeys, whether the money goes back by wallet (`RefundService`)
 * or in cash (`CashRefunds`). Called inside the write transaction that saves the refund, so two
 * concurrent submits cannot both take what is left.
 */
import { formatPlain } from '../../src-shared/money';
import { err, ok, type Result } from '../../src-shared/result';
import { isWrittenOff, type OrderRepo, type OrderRow } from '../orders/repo';
import { canTransition } from '../orders/state';
import { REFUNDS_PER_ORDER_MAX, type RefundRepo } from './repo';

/**
 * A new refund of `amountMinor` may be saved: the order was paid (and not written off), and the
 * sum of its refunds that are not `failed` (wallet and cash alike) stays within what was paid.
 */
/**
 * What an order was paid: its amount, or what its payments add up to when it was paid twice (a
 * duplicate payment is the customer's money too, given back like the rest). One notion for every
 * bound: the refund limit, what is left to refund, refunded whole, refunded too much.
 */
export function paidOf(repo: RefundRepo, order: Pick<OrderRow, 'id' | 'amount_minor'>): number {
  return Math.max(order.amount_minor, repo.paymentsOf.get(order.id)!.total);
}

export function checkNewRefund(repo: RefundRepo, order: OrderRow, amountMinor: number): Result<void> {
  // Refunded whole (maybe by a refund that won a race with this one): nothing is left, said so.
  if (order.status !== 'paid' && order.status !== 'partially_refunded' && order.status !== 'refunded') {
    return err('refund_not_allowed', `a ${order.status} order cannot be refunded`, { status: order.status });
  }
  if (isWrittenOff(order)) {
    // The owner booked it as never received: there is no payment to give back.
    return err('refund_not_allowed', 'a written-off sale was never paid', { status: 'written_off' });
  }
  const reserved = repo.reservedFor.get(order.id);
  const refundable = paidOf(repo, order) - (reserved?.total ?? 0);
  if (amountMinor > refundable) {
    return err('refund_exceeds_paid', 'refunds would exceed what is left to refund', {
      refundable_minor: refundable,
      refundable: formatPlain(refundable, order.currency),
    });
  }
  if ((reserved?.n ?? 0) >= REFUNDS_PER_ORDER_MAX) {
    return err('invalid_argument', `at most ${REFUNDS_PER_ORDER_MAX} refunds per order`);
  }
  return ok(undefined);
}

/**
 * After a refund succeeded: the order is `partially_refunded` or `refunded` by the sum of its
 * succeeded refunds (wallet and cash). Inside the caller's transaction.
 */
export function markOrderRefunded(orders: OrderRepo, repo: RefundRepo, order: OrderRow, now: number): void {
  const refunded = repo.succeededFor.get(order.id)?.total ?? 0;
  const next = refunded >= paidOf(repo, order) ? 'refunded' : 'partially_refunded';
  if (order.status !== next && canTransition(order.status, next)) {
    orders.setStatus.run(next, now, order.id, order.status);
  }
}
