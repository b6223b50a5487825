import type { RunView } from '../../src-shared/api';
import { csvCell } from '../export/csv-cell';
import { shopDateTime } from '../export/shop-time';
import { CSV_HEADER, EXPORT_COLUMNS, type ExportRow } from './export-columns';

export { CSV_HEADER };

/** One export carries at most this many rows (~60 MB of text through the API). */
export const RECON_EXPORT_ROWS_MAX = 500_000;

/** Minor units to a plain decimal ("12.30"), exact, for CNY-like exponent 2. */
export const minorText = (m: number | null) =>
  m === null
    ? null
    : `${m < 0 ? '-' : ''}${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, '0')}`;

export function csvHeader(run: RunView, timeZone: string): string {
  // One field: a bill's file name is the customer's text (a comma or a formula in it stays inert).
  const note = csvCell(`# run ${run.id} ${run.fromDate}..${run.toDate} source ${run.sourceLabel} times in ${timeZone}`);
  return `\uFEFF${note}\r\n${CSV_HEADER.join(',')}\r\n`;
}

/** One row: amounts signed (a refund negative), times as the shop's clock with the offset. */
export function csvRow(r: ExportRow, timeZone: string): string {
  const cells = EXPORT_COLUMNS.map((c) => {
    const v = c.get(r);
    if (v === null || c.kind === 'text') return v;
    return c.kind === 'money' ? minorText(v as number) : shopDateTime(v as number, timeZone);
  });
  return cells.map(csvCell).join(',') + '\r\n';
}
