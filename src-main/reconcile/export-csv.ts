import type { RunView } from '../../src-shared/api';
import { csvCell } from '../export/csv-cell';
import type { StoredResult } from './run-store';

/** One export carries at most this many rows (~60 MB of text through the API). */
export const RECON_EXPORT_ROWS_MAX = 500_000;

export const CSV_HEADER = [
  'idx', 'class', 'paired_by', 'order_no',
  'console_trade_no', 'console_amount', 'console_status', 'console_time', 'console_refund_no', 'console_channel',
  'statement_trade_no', 'statement_amount', 'statement_fee', 'statement_status', 'statement_time', 'statement_refund_no',
  'statement_channel',
]; // prettier-ignore

/** Minor units to a plain decimal ("12.30"), exact, for CNY-like exponent 2. */
export const minorText = (m: number | null) =>
  m === null
    ? null
    : `${m < 0 ? '-' : ''}${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, '0')}`;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function csvHeader(run: RunView): string {
  // One field: a bill's file name is the customer's text (a comma or a formula in it stays inert).
  const note = csvCell(`# run ${run.id} ${run.fromDate}..${run.toDate} source ${run.sourceLabel}`);
  return `\uFEFF${note}\r\n${CSV_HEADER.join(',')}\r\n`;
}

export function csvRow(r: StoredResult): string {
  return [
    r.idx, r.cls, r.via, r.orderNo,
    r.cTradeNo, minorText(r.cAmountMinor), r.cStatus, iso(r.cTimeMs), r.cRefundNo, r.cChannel,
    r.sTradeNo, minorText(r.sAmountMinor), minorText(r.sFeeMinor), r.sStatus, iso(r.sTimeMs), r.sRefundNo, r.sChannel,
  ].map(csvCell).join(',') + '\r\n'; // prettier-ignore
}
