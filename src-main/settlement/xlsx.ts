import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Table } from './tables';

const DECIMAL_RE = /^-?\d+\.(\d+)$/;

/** Columns whose every non-empty cell is exact decimal text, with their decimals. */
function decimalColumns(t: Table): Map<number, number> {
  const out = new Map<number, number>();
  t.header.forEach((_, i) => {
    let decimals = -1;
    for (const row of t.rows) {
      const c = row[i];
      if (c === '' || c === undefined) continue;
      const m = typeof c === 'string' ? DECIMAL_RE.exec(c) : null;
      if (!m || (decimals !== -1 && m[1]!.length !== decimals)) return;
      decimals = m[1]!.length;
    }
    if (decimals > 0) out.set(i, decimals);
  });
  return out;
}

/**
 * One sheet per table, streamed with shared strings (the month of transactions is ~100k rows;
 * dates, kinds and channels repeat). Amount columns
 * (exact decimal text from the ledger) become numbers with a fixed-decimals column format, so
 * a spreadsheet can sum them; two-decimal text converts to the nearest double exactly enough
 * to display and sum back to the same fen. Ids, dates and codes stay text.
 */
export async function toXlsx(tables: readonly Table[]): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  for (const t of tables) {
    const money = decimalColumns(t);
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.columns = t.header.map((h, i) => ({
      header: h,
      key: String(i),
      width: 16,
      ...(money.has(i) ? { style: { numFmt: `0.${'0'.repeat(money.get(i)!)}` } } : {}),
    }));
    for (const row of t.rows) {
      ws.addRow(row.map((c, i) => (money.has(i) && c !== '' ? Number(c) : c))).commit();
    }
    ws.commit();
  }
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
