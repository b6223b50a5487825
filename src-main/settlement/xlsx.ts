import { writeXlsx } from '../export/xlsx-writer';
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
 * One sheet per table (the month of transactions is ~100k rows). Amount columns (exact decimal
 * text from the ledger) become numbers with a fixed-decimals column format, so a spreadsheet
 * can sum them; two-decimal text converts to the nearest double exactly enough to display and
 * sum back to the same fen. Ids, dates and codes stay text.
 */
export async function toXlsx(tables: readonly Table[]): Promise<Uint8Array> {
  const sheets = tables.map((t) => {
    const money = decimalColumns(t);
    return {
      name: t.name,
      columns: t.header.map((h, i) => ({
        header: h,
        width: 16,
        ...(money.has(i) ? { numFmt: `0.${'0'.repeat(money.get(i)!)}` } : {}),
      })),
      rows: t.rows.map((row) => row.map((c, i) => (money.has(i) && c !== '' ? Number(c) : c))),
    };
  });
  return Promise.resolve(new Uint8Array(writeXlsx(sheets)));
}
