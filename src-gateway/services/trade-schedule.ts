/**
 * When the gateway asks the provider about a trade, and when it gives up. From Alipay's
 * face-to-face guidance (payment-networks.md): query every 3–6 s for about 60 s while the
 * customer confirms; the official demo queries every 5000 ms and then cancels up to 3 times,
 * 2000 ms apart. A QR trade's code is valid for 2 h, so it is queried until then: often at
 * first (customers pay within minutes), rarely later; a lost notify is noticed within one step.
 */
import { HOUR_MS } from '../../src-shared/time';

const MINUTE_MS = 60_000;

/** A payment code trade the customer must confirm: query every 5 s (Alipay's demo: 5000 ms). */
export const CODE_QUERY_INTERVAL_MS = 5_000;
/** …for 60 s ("about 60 s"), then cancel. */
export const CODE_CONFIRM_WINDOW_MS = 60_000;
/** Cancel attempts after the window, 2 s apart (Alipay's demo: 3 × 2000 ms). */
export const CODE_CANCEL_ATTEMPTS_MAX = 3;
export const CODE_CANCEL_INTERVAL_MS = 2_000;
/** Payment codes tried on one order: each failure asks the customer for a fresh code. */
export const CODE_ATTEMPTS_PER_ORDER_MAX = 5;

/** A QR trade: every 10 s for the first 10 min, then every 60 s until the code's 2 h are over. */
export const QR_QUERY_EARLY_INTERVAL_MS = 10_000;
export const QR_QUERY_EARLY_WINDOW_MS = 10 * MINUTE_MS;
export const QR_QUERY_LATE_INTERVAL_MS = 60_000;
export const QR_TRADE_LIFETIME_MS = 2 * HOUR_MS;

/** Trades queried per poll step: bounds one step's calls to the provider. */
export const POLL_BATCH_MAX = 20;
/** How often the poller looks for due trades (tests shorten it). */
export const POLL_TICK_MS = 500;

export function nextQrQueryAt(createdAtMs: number, nowMs: number): number | null {
  const age = nowMs - createdAtMs;
  if (age >= QR_TRADE_LIFETIME_MS) return null;
  return nowMs + (age < QR_QUERY_EARLY_WINDOW_MS ? QR_QUERY_EARLY_INTERVAL_MS : QR_QUERY_LATE_INTERVAL_MS);
}
