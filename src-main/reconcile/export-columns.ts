import type { StoredResult } from './run-store';

/** A stored row with what the owner did about it (`export-actions.ts`), as one text cell. */
export type ExportRow = StoredResult & { readonly ownerActions?: string | null };

/**
 * The columns of a run's export, shared by CSV and XLSX so the two cannot drift apart. Amounts
 * are signed as the screen shows them and as the run's totals add them: a refund is money going
 * back (negative), and the fee a refund returns is negative too. Each money column therefore
 * sums to the screen's figure (收银台合计, 对账单合计, 手续费): an unpaid order counts 0 there, its
 * amount is in `unpaid_order_amount`, not collected.
 * Times are the shop's wall clock: CSV writes it with its UTC offset, XLSX as a date-time.
 */
export type ColumnKind = 'text' | 'money' | 'time';

export interface ExportColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** text: the value; money: signed minor units; time: epoch ms. */
  readonly get: (r: ExportRow) => string | number | null;
}

/**
 * A side's amount as it moves the shop's money: a refund negative, an unpaid order nothing (0:
 * no money was collected; its amount is in `unpaid_order_amount`).
 */
export function signedAmount(amountMinor: number | null, status: string | null): number | null {
  if (amountMinor === null || status === null) return null;
  return status === 'refund' ? -amountMinor : status === 'unpaid' ? 0 : amountMinor;
}

/** The order's amount where a side records it unpaid (the console's, else the statement's). */
export const unpaidOrderAmount = (r: StoredResult): number | null =>
  r.cStatus === 'unpaid' ? r.cAmountMinor : r.sStatus === 'unpaid' ? r.sAmountMinor : null;

/** The statement's fee as the totals count it: a refund returns its share (negative). */
export const signedFee = (r: StoredResult): number | null =>
  r.sFeeMinor === null ? null : r.sStatus === 'refund' ? -r.sFeeMinor : r.sFeeMinor;

const text = (header: string, get: ExportColumn['get']): ExportColumn => ({ header, kind: 'text', get });
const money = (header: string, get: ExportColumn['get']): ExportColumn => ({ header, kind: 'money', get });
const time = (header: string, get: ExportColumn['get']): ExportColumn => ({ header, kind: 'time', get });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  text('idx', (r) => r.idx),
  text('class', (r) => r.cls),
  text('paired_by', (r) => r.via),
  text('order_no', (r) => r.orderNo),
  text('console_trade_no', (r) => r.cTradeNo),
  money('console_amount', (r) => signedAmount(r.cAmountMinor, r.cStatus)),
  text('console_status', (r) => r.cStatus),
  time('console_time', (r) => r.cTimeMs),
  text('console_refund_no', (r) => r.cRefundNo),
  text('console_channel', (r) => r.cChannel),
  text('statement_trade_no', (r) => r.sTradeNo),
  money('statement_amount', (r) => signedAmount(r.sAmountMinor, r.sStatus)),
  money('statement_fee', signedFee),
  text('statement_status', (r) => r.sStatus),
  time('statement_time', (r) => r.sTimeMs),
  text('statement_refund_no', (r) => r.sRefundNo),
  text('statement_channel', (r) => r.sChannel),
  money('unpaid_order_amount', unpaidOrderAmount),
  text('owner_actions', (r) => r.ownerActions ?? null),
];

export const CSV_HEADER = EXPORT_COLUMNS.map((c) => c.header);
