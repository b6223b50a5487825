import type { RunView } from '../../src-shared/api';
import { CSV_HEADER } from './export-csv';
import type { StoredResult } from './run-store';

/**
 * An XLSX export is built in memory (exceljs' workbook, ~1 KB a row): capped lower than CSV.
 * A bigger run exports its first rows and says so; CSV carries more.
 */
export const RECON_XLSX_ROWS_MAX = 100_000;

const yuan = (m: number | null) => (m === null ? null : m / 100);
const when = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The run's rows as a workbook: one sheet of rows, amounts as numbers formatted `0.00` (the
 * nearest double to the exact minor amount, which is what a spreadsheet shows), times as dates.
 */
export async function runToXlsx(run: RunView, rows: readonly StoredResult[]): Promise<Uint8Array> {
  // Loaded on first use: a missing or broken exceljs costs the XLSX export, never the app's start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(run.startedAtMs);
  const ws = wb.addWorksheet('reconciliation');
  ws.addRow(CSV_HEADER);
  for (const r of rows) {
    ws.addRow([
      r.idx, r.cls, r.via, r.orderNo,
      r.cTradeNo, yuan(r.cAmountMinor), r.cStatus, when(r.cTimeMs), r.cRefundNo, r.cChannel,
      r.sTradeNo, yuan(r.sAmountMinor), yuan(r.sFeeMinor), r.sStatus, when(r.sTimeMs), r.sRefundNo, r.sChannel,
    ]); // prettier-ignore
  }
  for (const col of [6, 12, 13]) ws.getColumn(col).numFmt = '0.00';
  for (const col of [8, 15]) ws.getColumn(col).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
