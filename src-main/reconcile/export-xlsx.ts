import { shopWallSerial } from '../export/shop-time';
import { writeXlsx, type XlsxColumn } from '../export/xlsx-writer';
import { EXPORT_COLUMNS, type ExportRow } from './export-columns';

/**
 * An XLSX export is built in memory (its XML is ~1 KB a row before it is deflated): capped
 * lower than CSV. A bigger run exports its first rows and says so; CSV carries more.
 */
export const RECON_XLSX_ROWS_MAX = 100_000;

/**
 * The run's rows as a workbook: one sheet of rows, the columns of the CSV (`export-columns.ts`),
 * amounts signed as numbers formatted `0.00` (the nearest double to the exact minor amount,
 * which is what a spreadsheet shows), times as date-times of the shop's wall clock in
 * `timeZone`, the header kept in view.
 */
export function runToXlsx(rows: readonly ExportRow[], timeZone: string): Promise<Uint8Array> {
  const columns: XlsxColumn[] = EXPORT_COLUMNS.map((c) => ({
    header: c.header,
    width: c.kind === 'time' ? 20 : 16,
    ...(c.kind === 'money' ? { numFmt: '0.00' } : c.kind === 'time' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}),
  }));
  const cells = rows.map((r) =>
    EXPORT_COLUMNS.map((c) => {
      const v = c.get(r);
      if (v === null || c.kind === 'text') return v;
      return c.kind === 'money' ? (v as number) / 100 : shopWallSerial(v as number, timeZone);
    }),
  );
  const bytes = writeXlsx([{ name: 'reconciliation', columns, rows: cells, freezeHeader: true }]);
  return Promise.resolve(new Uint8Array(bytes));
}
