/**
 * The normalized record both sides of a reconciliation are reduced to, the result classes, and
 * the named matching settings. Pure types and constants: no I/O.
 */

/**
 * `paid`: money received for the order. `unpaid`: the order exists but no money (awaiting,
 * expired, closed). `refund`: money returned (amount positive, `refundNo` set).
 * `offline_verified`: the console accepted an offline confirmation code; the network has not
 * confirmed it yet (console side only).
 */
export const RECORD_STATUSES = ['paid', 'unpaid', 'refund', 'offline_verified'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export interface ReconRecord {
  /** Merchant order number (the console's order id; `out_trade_no` at the provider). */
  readonly orderNo: string;
  /** Provider trade number; null where a side does not know it (an unpaid console order). */
  readonly tradeNo: string | null;
  /** Always ≥ 0, minor units. A refund carries the refunded amount, positive. */
  readonly amountMinor: number;
  /** Provider fee in minor units (0 on the console side, where fees are not known per sale). */
  readonly feeMinor: number;
  readonly status: RecordStatus;
  readonly timeMs: number;
  /** Refund request number (`out_request_no` / 商户退款单号); null for payments. */
  readonly refundNo: string | null;
  /** Payment channel ('alipay', 'wechat', 'sandbox'…): where an accepted payment is cleared. */
  readonly channel: string;
  /**
   * A stored statement record's row in its source (`recon_statement_rows.idx`): what a saved
   * result row references instead of copying the record. Absent on the console side.
   */
  readonly idx?: number | undefined;
}

export { RESULT_CLASSES, type ResultClass } from '../../src-shared/api/reconcile-views';
import type { ResultClass } from '../../src-shared/api/reconcile-views';

/** One output row: the class and the record(s) of each side that landed in it. */
export interface ResultRow {
  readonly cls: ResultClass;
  readonly console: ReconRecord | null;
  readonly statement: ReconRecord | null;
  /** How the two sides were paired: by order number, or by amount within the time window. */
  readonly via: 'order' | 'trade' | 'amount_time' | 'none';
}

export interface MatchSettings {
  /** |console − statement| ≤ this counts as the same amount (0 = exact). */
  readonly amountToleranceMinor: number;
  /** Second pass: one-sided records of equal amount this close in time are paired. */
  readonly timeWindowMs: number;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = { amountToleranceMinor: 0, timeWindowMs: 5 * 60_000 };

/**
 * A group is every record of one order number on one side. Real orders have a handful (a
 * payment, a duplicate, some partial refunds: WeChat allows ≤ 50). Past this the input is
 * malformed and the run stops instead of growing without bound.
 */
export const GROUP_SIZE_MAX = 256;

/**
 * One-sided leftovers are kept for the amount/time pass. They are the mismatches, normally a
 * small share; this caps memory at roughly 250 MB if a whole side is unmatched.
 */
export const LEFTOVERS_MAX = 2_000_000;

/** Money a record puts on its side: payments count, refunds subtract, unpaid counts nothing. */
export function signedMinor(r: ReconRecord): number {
  switch (r.status) {
    case 'paid':
    case 'offline_verified':
      return r.amountMinor;
    case 'refund':
      return -r.amountMinor;
    case 'unpaid':
      return 0;
  }
}

/** The order the engine needs its inputs in: by order number (code-unit order, as SQLite BINARY). */
export function compareKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
