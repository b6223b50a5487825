/**
 * Whether the checkout has a sale under way (an order being created, or one a customer may be
 * paying): the idle lock waits for it, rather than hide a QR the customer is about to scan. The
 * order's short expiry bounds the wait; after it the usual idle time counts again.
 */
let untilLocalMs: number | null = null;

export const saleUnderWay = {
  /** Until when (this window's clock) the sale is under way; null: none. */
  set(until: number | null): void {
    untilLocalMs = until;
  },
  /** Under way now: never past the order's expiry, even if its expiry never reached the screen. */
  get(nowLocalMs = Date.now()): boolean {
    return untilLocalMs !== null && nowLocalMs < untilLocalMs;
  },
};

const ON_SCREEN_KEY = 'counter-pos.checkout.order';

/**
 * The order on the checkout screen, kept for this window only (sessionStorage): after the lock
 * screen or a reload, the checkout shows that order again, as it is now.
 */
export const onScreenOrder = {
  set(id: string | null): void {
    try {
      if (id === null) sessionStorage.removeItem(ON_SCREEN_KEY);
      else sessionStorage.setItem(ON_SCREEN_KEY, id);
    } catch {
      // storage refused (a private mode's quota): only the coming back is lost
    }
  },
  get(): string | null {
    try {
      return sessionStorage.getItem(ON_SCREEN_KEY);
    } catch {
      return null;
    }
  },
};
