/** How the checkout screen reads an order's status. Pure. */
import { missingCase } from '../../src-shared/errors';
import type { OrderStatus, OrderView } from '../../src-shared/api/views';

export type OrderPhase = 'waiting' | 'paid' | 'expired' | 'cancelled' | 'failed' | 'refunded';

export function orderPhase(status: OrderStatus): OrderPhase {
  switch (status) {
    case 'awaiting_payment':
      return 'waiting';
    case 'paid':
      return 'paid';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    case 'partially_refunded':
    case 'refunded':
      return 'refunded';
    default:
      throw missingCase(status);
  }
}

export const isFinal = (status: OrderStatus): boolean => status !== 'awaiting_payment';

/**
 * Applies an `order.updated` event to the order on screen. An event for another order changes
 * nothing; a stale "awaiting payment" never undoes a final state (events and call results can
 * cross); anything else is the newer truth (an expired order can still become paid, late).
 */
export function mergeOrderUpdate(current: OrderView, incoming: OrderView): OrderView {
  if (incoming.id !== current.id) return current;
  if (incoming.status === 'awaiting_payment' && isFinal(current.status)) return current;
  return incoming;
}

/** The last characters of an order number: the random tail of the ULID, enough to read aloud. */
export const shortOrderId = (id: string): string => (id.length > 8 ? id.slice(-8) : id);

/**
 * An update that is news of a late payment (Checkout says so, with the chime): a late order now
 * paid by the network. Not the gateway confirming a late sale already taken here by its code (the
 * money was counted when the code was typed), nor the owner writing such a sale off.
 */
/** How recent a payment must be to be news when it lands (an update to an older one is not). */
export const PAID_NEWS_WINDOW_MS = 120_000;

/**
 * A payment the network just made for an order in time but not on screen (the cashier rang up
 * another after a reload, or the order came back only after it was paid): the cashier is told, as
 * for a late payment. Not a later update to an order paid long ago (a refund), nor a code sale.
 */
export const isOffScreenPaymentNews = (o: OrderView, mainNowMs: number): boolean =>
  !o.late &&
  o.status === 'paid' &&
  !o.offlineVerified &&
  !o.offlineConfirmed &&
  !o.offlineWrittenOff &&
  o.paidAtMs !== null &&
  mainNowMs - o.paidAtMs < PAID_NEWS_WINDOW_MS;

export const isLatePaymentNews = (o: OrderView): boolean =>
  o.late && o.status === 'paid' && !o.offlineVerified && !o.offlineConfirmed && !o.offlineWrittenOff;
