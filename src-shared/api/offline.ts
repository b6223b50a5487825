import { z } from 'zod';
import type { AppError } from '../result';
import { ULID_RE } from '../ulid';
import { PIN_RE, REFUND_REASON_LENGTH_MAX } from './operators';
import { call } from './contract';
import type { OrderView, SyncStatusView } from './views';

/** The owner's offline risk limits. */
export interface OfflineLimitsView {
  readonly orderMaxMinor: number;
  readonly totalMaxMinor: number;
  readonly maxAgeMs: number;
}

export const SYNC_ISSUE_KINDS = ['offline_unconfirmed', 'payment_unknown_order', 'offline_amount_mismatch'] as const;

export interface SyncIssueView {
  readonly id: number;
  readonly kind: (typeof SYNC_ISSUE_KINDS)[number];
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly detail: string;
  readonly detectedAtMs: number;
  readonly resolvedAtMs: number | null;
  /** offline_amount_mismatch: the amount the gateway reported (ours is amountMinor). */
  readonly gatewayAmountMinor: number | null;
  readonly gatewayCurrency: string | null;
  /** Who marked it handled (an owner's name); null when the gateway resolved it, or while open. */
  readonly handledBy: string | null;
  /** The owner may mark it handled (open, and of a kind that does not close by itself). */
  readonly handleable: boolean;
  /** The owner may write the sale off (an open offline_unconfirmed issue: `offline.writeOff`). */
  readonly writableOff: boolean;
  /**
   * offline_unconfirmed, closed by the owner: written off (the money not received), or written
   * off and then paid after all (booked back). Null otherwise.
   */
  readonly outcome: 'written_off' | 'recovered' | null;
}

/**
 * Whether the cashier could take an order by confirmation code now: null, or the reason the
 * console would refuse (an owner's limit, or the order no longer payable), with its params.
 */
export interface OfflineCheckView {
  readonly refusal: AppError | null;
}

/** The owner's longest wait for the gateway's confirmation: from 10 minutes to 7 days. */
export const OFFLINE_MAX_AGE_MIN_MS = 10 * 60_000;
export const OFFLINE_MAX_AGE_MAX_MS = 7 * 24 * 3_600_000;

const amount = z.number().int().min(1).max(10_000_000_000);

export const offlineCalls = {
  /** The cashier types the customer's 6-digit confirmation code; verified with no network. */
  /**
   * Asked while the customer is still at the counter, before they pay: would this order's code
   * be refused (the owner's limits)? The code itself is checked by the same rules.
   */
  'offline.check': call<OfflineCheckView>()(z.strictObject({ orderId: z.string().regex(ULID_RE, 'not an order id') })),
  'offline.acceptCode': call<OrderView>()(
    z.strictObject({ orderId: z.string().regex(ULID_RE, 'not an order id'), code: z.string().max(16) }),
  ),
  /**
   * An order locked by wrong codes gets another round of tries: the owner approves with their
   * PIN and a reason, each time (audited); at most a few times per order.
   */
  'offline.unlockCode': call<OrderView>()(
    z.strictObject({
      orderId: z.string().regex(ULID_RE, 'not an order id'),
      approverId: z.string().regex(ULID_RE, 'not an id'),
      approverPin: z.string().regex(PIN_RE, 'a PIN is 4 to 8 digits'),
      reason: z.string().trim().min(1).max(REFUND_REASON_LENGTH_MAX),
    }),
  ),
  'offline.limits': call<OfflineLimitsView>()(z.strictObject({})),
  'offline.setLimits': call<OfflineLimitsView>()(
    z.strictObject({
      orderMaxMinor: amount,
      totalMaxMinor: amount,
      maxAgeMs: z.number().int().min(OFFLINE_MAX_AGE_MIN_MS).max(OFFLINE_MAX_AGE_MAX_MS),
    }),
  ),
  'offline.issues': call<readonly SyncIssueView[]>()(z.strictObject({})),
  /**
   * The owner marks a sync issue handled (after checking the goods, refunding, or reconciling):
   * it leaves the status bar's count, stays in the list with who and when, and is audited.
   * Issues that wait for the gateway (offline_unconfirmed) close only when it confirms.
   */
  'offline.resolveIssue': call<readonly SyncIssueView[]>()(
    z.strictObject({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  ),
  /**
   * The owner writes off a sale verified by code that the gateway never confirmed (an open
   * offline_unconfirmed issue): the shop did not receive the money. Their PIN again, and why.
   * The sale stays a sale; no payout is expected for it; a payment that arrives later books it
   * back. Returns the issues, this one closed as written off.
   */
  'offline.writeOff': call<readonly SyncIssueView[]>()(
    z.strictObject({
      orderId: z.string().regex(ULID_RE, 'not an order id'),
      pin: z.string().regex(PIN_RE, 'a PIN is 4 to 8 digits'),
      reason: z.string().trim().min(1).max(REFUND_REASON_LENGTH_MAX),
    }),
  ),
  /** After the gateway refused the journal and the cause was fixed: push again. */
  'offline.retryPush': call<SyncStatusView>()(z.strictObject({})),
};
