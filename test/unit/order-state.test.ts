import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../src-shared/api';
import { canTransition, isLatePayment } from '../../src-main/orders/state';

const allowed: Record<OrderStatus, OrderStatus[]> = {
  awaiting_payment: ['paid', 'expired', 'cancelled', 'failed'],
  expired: ['paid'],
  cancelled: ['paid'],
  failed: ['paid'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
};

describe('order state machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(ok);
      });
    }
  }
  it('a payment on an expired, cancelled or failed order is late; on an awaiting one it is not', () => {
    expect(isLatePayment('expired')).toBe(true);
    expect(isLatePayment('cancelled')).toBe(true);
    expect(isLatePayment('failed')).toBe(true);
    expect(isLatePayment('awaiting_payment')).toBe(false);
  });
});
