import type { OrderStatus } from '../../src-shared/api';

/**
 * The order state machine. A payment that arrives for an expired, cancelled or failed order is
 * never dropped: the order becomes `paid` with the `late` flag (补单).
 */
const TRANSITIONS: { readonly [S in OrderStatus]: readonly OrderStatus[] } = {
  awaiting_payment: ['paid', 'expired', 'cancelled', 'failed'],
  expired: ['paid'],
  cancelled: ['paid'],
  failed: ['paid'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A payment moving the order from one of these to `paid` makes it a late payment. */
export function isLatePayment(from: OrderStatus): boolean {
  return from === 'expired' || from === 'cancelled' || from === 'failed';
}
