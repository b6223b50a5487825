import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderView } from '../../src-shared/api/views';
import { errorKey } from '../../src-renderer/logic/error-key';
import {
  isFinal,
  isLatePaymentNews,
  isOffScreenPaymentNews,
  mergeOrderUpdate,
  PAID_NEWS_WINDOW_MS,
  orderPhase,
  shortOrderId,
} from '../../src-renderer/logic/order-state';

const order = (over: Partial<OrderView> = {}): OrderView => ({
  id: '01HZY3J6V6W8Q9R0S1T2V3W4X5',
  amountMinor: 1234,
  currency: 'CNY',
  note: '',
  status: 'awaiting_payment',
  late: false,
  createdAtMs: 1_000,
  expiresAtMs: 301_000,
  paidAtMs: null,
  channel: null,
  providerTradeNo: null,
  qrUrl: 'http://127.0.0.1/q/T/1',
  registered: true,
  businessDate: '2025-01-01',
  ...over,
});

describe('order state on the checkout screen', () => {
  it('maps every status to a phase; only awaiting_payment is open', () => {
    for (const s of ORDER_STATUSES) {
      expect(() => orderPhase(s)).not.toThrow();
      expect(isFinal(s)).toBe(s !== 'awaiting_payment');
    }
    expect(orderPhase('paid')).toBe('paid');
    expect(orderPhase('refunded')).toBe('refunded');
  });

  it('applies an update for the order on screen', () => {
    const paid = order({ status: 'paid', paidAtMs: 5_000 });
    expect(mergeOrderUpdate(order(), paid)).toBe(paid);
  });

  it('ignores an update for another order', () => {
    const cur = order();
    expect(mergeOrderUpdate(cur, order({ id: '01HZY3J6V6W8Q9R0S1T2V3W4X6', status: 'paid' }))).toBe(cur);
  });

  it('never lets a stale "awaiting payment" undo a final state', () => {
    const paid = order({ status: 'paid' });
    expect(mergeOrderUpdate(paid, order())).toBe(paid);
  });

  it('lets an expired order become paid late (补单)', () => {
    const late = order({ status: 'paid', late: true });
    expect(mergeOrderUpdate(order({ status: 'expired' }), late)).toBe(late);
  });

  it('shortens an order number to its last 8 characters', () => {
    expect(shortOrderId('01HZY3J6V6W8Q9R0S1T2V3W4X5')).toBe('T2V3W4X5');
    expect(shortOrderId('ABC')).toBe('ABC');
  });

  it('translates known error codes and falls back for unknown ones', () => {
    expect(errorKey('amount_zero')).toBe('errors.amount_zero');
    expect(errorKey('no_such_code')).toBe('errors.internal');
    expect(errorKey(undefined)).toBe('errors.internal');
  });
});

describe('isLatePaymentNews', () => {
  it('is a late order paid by the network, not a code-verified one confirmed or written off', () => {
    const late = order({ status: 'paid', late: true });
    expect(isLatePaymentNews(late)).toBe(true);
    expect(isLatePaymentNews(order({ status: 'paid' }))).toBe(false);
    expect(isLatePaymentNews({ ...late, offlineVerified: true })).toBe(false);
    expect(isLatePaymentNews({ ...late, offlineConfirmed: true })).toBe(false);
    // the owner wrote a late code-verified sale off: no "late payment received", no chime
    expect(isLatePaymentNews({ ...late, offlineWrittenOff: true })).toBe(false);
  });
});

describe('isOffScreenPaymentNews', () => {
  it('is an order paid in time by the network just now, not an update to one paid long ago or a code sale', () => {
    const now = 1_000_000;
    const paid = order({ status: 'paid', paidAtMs: now - 5_000 });
    expect(isOffScreenPaymentNews(paid, now)).toBe(true);
    expect(isOffScreenPaymentNews({ ...paid, paidAtMs: now - PAID_NEWS_WINDOW_MS }, now)).toBe(false); // a refund's update, later
    expect(isOffScreenPaymentNews({ ...paid, late: true }, now)).toBe(false); // late: isLatePaymentNews says it
    expect(isOffScreenPaymentNews({ ...paid, offlineVerified: true }, now)).toBe(false);
    expect(isOffScreenPaymentNews({ ...paid, offlineConfirmed: true }, now)).toBe(false);
    expect(isOffScreenPaymentNews(order(), now)).toBe(false);
    expect(isOffScreenPaymentNews(order({ status: 'cancelled' }), now)).toBe(false);
  });
});
