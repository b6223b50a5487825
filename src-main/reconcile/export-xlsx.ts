import { excelSerial, writeXlsx, type XlsxColumn } from '../export/xlsx-writer';
import { CSV_HEADER } from './export-csv';
import type { StoredResult } from './run-store';

/**
 * An XLSX export is built in memory (its XML is ~1 KB a row before it is deflated): capped
 * lower than CSV. A bigger run exports its first rows and says so; CSV carries more.
 */
export const RECON_XLSX_ROWS_MAX = 100_000;

const yuan = (m: number | null) => (m === null ? null : m / 100);
const when = (ms: number | null) => (ms === null ? null : excelSerial(ms));
const MONEY = new Set(['console_amount', 'statement_amount', 'statement_fee']);
const TIME = new Set(['console_time', 'statement_time']);

/**
 * The run's rows as a workbook: one sheet of rows, amounts as numbers formatted `0.00` (the
 * nearest double to the exact minor amount, which is what a spreadsheet shows), times as dates
 * (UTC), the header kept in view.
 */
export function runToXlsx(rows: readonly StoredResult[]): Promise<Uint8Array> {
  const columns: XlsxColumn[] = CSV_HEADER.map((header) => ({
    header,
    width: TIME.has(header) ? 20 : 16,
    ...(MONEY.has(header) ? { numFmt: '0.00' } : TIME.has(header) ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}),
  }));
  const cells = rows.map((r) => [
    r.idx, r.cls, r.via, r.orderNo,
    r.cTradeNo, yuan(r.cAmountMinor), r.cStatus, when(r.cTimeMs), r.cRefundNo, r.cChannel,
    r.sTradeNo, yuan(r.sAmountMinor), yuan(r.sFeeMinor), r.sStatus, when(r.sTimeMs), r.sRefundNo, r.sChannel,
  ]); // prettier-ignore
  const bytes = writeXlsx([{ name: 'reconciliation', columns, rows: cells, freezeHeader: true }]);
  return Promise.resolve(new Uint8Array(bytes));
}
