import type { Currency } from '../money';

export const ORDER_STATUSES = [
  'awaiting_payment',
  'paid',
  'expired',
  'cancelled',
  'failed',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderView {
  readonly id: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly note: string;
  readonly status: OrderStatus;
  /** Paid after it had expired or been cancelled (补单): kept, and flagged for the owner. */
  readonly late: boolean;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly paidAtMs: number | null;
  readonly channel: string | null;
  readonly providerTradeNo: string | null;
  /** The signed dynamic QR's URL; null once the order can no longer be paid by QR. */
  readonly qrUrl: string | null;
  /** The gateway knows about the order (registration acknowledged). */
  readonly registered: boolean;
  readonly businessDate: string;
  /** Paid by a confirmation code typed at the counter; the gateway has not confirmed it yet. */
  readonly offlineVerified?: boolean;
  /** Paid by a confirmation code here, and since confirmed by the gateway (not a new payment). */
  readonly offlineConfirmed?: boolean;
  /** Verified by code, never confirmed, and written off by the owner: the money was not received. */
  readonly offlineWrittenOff?: boolean;
  /** Wrong confirmation codes used up: only the owner can settle this order. */
  readonly codeLocked?: boolean;
  readonly codeAttemptsLeft?: number;
  /** Owner unlocks left for an order locked by wrong codes. */
  readonly codeUnlocksLeft?: number;
}

export type OfflineAgeLevel = 'ok' | 'warning' | 'expired';

export type Connectivity = 'online' | 'degraded' | 'offline';

export interface SyncStatusView {
  readonly connectivity: Connectivity;
  readonly paired: boolean;
  readonly gatewayUrl: string | null;
  readonly lastSuccessAtMs: number | null;
  /** The last failure, as an error code the UI translates; null when healthy. */
  readonly lastErrorCode: string | null;
  /** Journal entries the gateway has not acknowledged yet, and the age of the oldest. */
  readonly unsyncedEntries: number;
  readonly oldestUnsyncedAtMs: number | null;
  /** Orders created here that the gateway has not been told about yet. */
  readonly unregisteredOrders: number;
  /** The gateway refused the journal (the code names the cause); pushing stays stopped. */
  readonly pushErrorCode?: string | null;
  /** Sales paid by confirmation code that await the gateway, their total and the oldest. */
  readonly offlinePending?: number;
  readonly offlinePendingTotalMinor?: number;
  readonly offlineOldestAtMs?: number | null;
  /** `warning` from 80% of the owner's maximum age, `expired` past it. */
  readonly offlineAgeLevel?: OfflineAgeLevel;
  /** Disagreements with the gateway the owner has not seen resolved. */
  readonly openIssues?: number;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface AppInfoView {
  readonly version: string;
  readonly locale: Locale;
  readonly demoMode: boolean;
  readonly paired: boolean;
  readonly terminalId: string | null;
  readonly merchantName: string | null;
  readonly gatewayUrl: string | null;
  readonly currency: Currency;
  readonly orderAmountMaxMinor: number;
  readonly orderTtlMs: number;
  readonly timeZone: string;
  readonly businessDayCutoffHour: number;
  readonly nowMs: number;
}

export interface LedgerVerifyView {
  readonly entries: number;
  readonly ok: boolean;
  /** The seq of the first entry whose hash, link or balance is wrong. */
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
}

/** A verified copy of the ledger in the data folder's `backups/` (ledger/backup.ts). */
export interface LedgerBackupView {
  readonly file: string;
  readonly dir: string;
  readonly bytes: number;
  /** The copy's last journal entry (seq). */
  readonly entries: number;
  readonly atMs: number;
}

export interface TodayView {
  readonly businessDate: string;
  readonly orders: readonly OrderView[];
  readonly paidCount: number;
  /** The day's paid orders, and any second payment of one (a duplicate, to give back). */
  readonly paidTotalMinor: number;
  /** Orders the customer paid more than once: payments beyond the first, and how much. */
  readonly extraPayments: readonly { readonly orderId: string; readonly count: number; readonly minor: number }[];
  /** Refunded (succeeded) of the day's paid orders, whenever refunded: paid total − this is what they brought. */
  readonly refundedMinor: number;
  /** Refunds of the day's orders still on their way (requested, or accepted by the gateway). */
  readonly refundsPending: number;
  readonly refundsPendingMinor: number;
  /** The day's orders with a refund on its way (the list marks them). */
  readonly refundPendingOrderIds: readonly string[];
  /**
   * The day's orders whose latest refund failed (the gateway refused it), with why
   * (`RefundView.failureCode` of that refund; null: not kept): marked, so a refund promised to a
   * customer and never made is seen, not only in that order's refund dialog.
   */
  readonly refundFailures: readonly { readonly orderId: string; readonly code: string | null }[];
  /**
   * Orders given back more than they were paid: refunds that succeeded (wallet and cash) sum
   * past the order's amount, by `minor`. A wallet refund that failed here, refunded in cash, then
   * succeeded at the provider after all: the money left twice and someone must ask for it back.
   */
  readonly overRefunds: readonly { readonly orderId: string; readonly minor: number }[];
  /** The day's cash sales (Checkout → Cash), which are not orders: shown beside the QR totals. */
  readonly cashSaleCount: number;
  readonly cashSalesMinor: number;
  readonly currency: Currency;
}
