import type { ResultRowView } from '../../src-shared/api/index';
import type { RecordSideView } from '../../src-shared/api/reconcile-views';

/** A refund row reads as money going back (a tag and a minus sign), not like a sale. */
export const isRefund = (row: ResultRowView): boolean =>
  row.console?.status === 'refund' || row.statement?.status === 'refund';

/**
 * A side that records the order unpaid: its amount was never collected. Shown muted as 未收款
 * ¥x, never as money in (the totals count it 0).
 */
export const isUncollected = (side: RecordSideView | null): boolean => side?.status === 'unpaid';

/** One side's amount as it moves the shop's money: a refund negative; no side, nothing. */
export const signedMinor = (side: RecordSideView | null): number | undefined =>
  side ? (side.status === 'refund' ? -side.amountMinor : side.amountMinor) : undefined;

/** The fee as the run's totals count it: a refund returns its share, shown negative. */
export const signedFeeMinor = (side: RecordSideView | null): number | null =>
  side && side.feeMinor !== null ? (side.status === 'refund' ? -side.feeMinor : side.feeMinor) : null;

/** Which cause a row's detail says: a refund mismatch names its case (only one side, or amounts). */
export type CauseKey =
  | Exclude<ResultRowView['cls'], 'refund_mismatch'>
  | 'refund_only_statement'
  | 'refund_only_console'
  | 'refund_amounts_differ';

export function causeKey(row: ResultRowView): CauseKey {
  if (row.cls !== 'refund_mismatch') return row.cls;
  if (row.console === null) return 'refund_only_statement';
  if (row.statement === null) return 'refund_only_console';
  return 'refund_amounts_differ';
}

/** A refund only the bill has, which the owner can record into the ledger. */
export const canRecordRefund = (row: ResultRowView): boolean =>
  row.cls === 'refund_mismatch' && row.console === null && row.statement?.status === 'refund';
