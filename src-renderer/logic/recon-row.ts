import type { ResultRowView } from '../../src-shared/api/index';
import type { RecordSideView } from '../../src-shared/api/reconcile-views';

/** A refund row reads as money going back (a tag and a minus sign), not like a sale. */
export const isRefund = (row: ResultRowView): boolean =>
  row.console?.status === 'refund' || row.statement?.status === 'refund';

/** One side's amount as it moves the shop's money: a refund negative; no side, nothing. */
export const signedMinor = (side: RecordSideView | null): number | undefined =>
  side ? (side.status === 'refund' ? -side.amountMinor : side.amountMinor) : undefined;

/** The fee as the run's totals count it: a refund returns its share, shown negative. */
export const signedFeeMinor = (side: RecordSideView | null): number | null =>
  side && side.feeMinor !== null ? (side.status === 'refund' ? -side.feeMinor : side.feeMinor) : null;
