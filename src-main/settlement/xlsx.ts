import ExcelJS from 'exceljs';
import type { Table } from './tables';

const DECIMAL_RE = /^-?\d+\.(\d+)$/;

/**
 * One sheet per table. Amount cells ("12.34" exact text from the ledger) become numbers with
 * a fixed-decimals format, so a spreadsheet can sum them; the decimal text converts exactly at
 * two decimals. Ids, dates and codes stay text.
 */
export async function toXlsx(tables: readonly Table[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Counter POS';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.addRow([...t.header]).font = { bold: true };
    for (const row of t.rows) {
      const r = ws.addRow(row.map((c) => (typeof c === 'string' && DECIMAL_RE.test(c) ? Number(c) : c)));
      row.forEach((c, i) => {
        const m = typeof c === 'string' ? DECIMAL_RE.exec(c) : null;
        if (m) r.getCell(i + 1).numFmt = `0.${'0'.repeat(m[1]!.length)}`;
      });
    }
    ws.columns.forEach((col) => (col.width = 16));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
