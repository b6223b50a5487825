import { writeXlsx, type XlsxCell } from '../export/xlsx-writer';
import type { Table, TableCell } from './tables';

const DECIMAL_RE = /^-?\d+\.(\d+)$/;

/** Columns whose every non-empty cell is exact decimal text, with their decimals. */
function decimalColumns(t: Table): Map<number, number> {
  const out = new Map<number, number>();
  t.header.forEach((_, i) => {
    let decimals = -1;
    for (const row of t.rows) {
      const c = row[i];
      if (c === '' || c === undefined) continue;
      const m = typeof c === 'string' ? DECIMAL_RE.exec(c) : typeof c === 'object' ? DECIMAL_RE.exec(c.amount) : null;
      if (!m || (decimals !== -1 && m[1]!.length !== decimals)) return;
      decimals = m[1]!.length;
    }
    if (decimals > 0) out.set(i, decimals);
  });
  return out;
}

/** Decimal text as a number shown with `decimals` places (none for a currency without minor units). */
const numberFormat = (decimals: number): string => (decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');

/** A tagged amount in a mixed column (the Z report's values): a number with its own format. */
function amountCell(amount: string): XlsxCell {
  const m = DECIMAL_RE.exec(amount) ?? /^-?\d+$/.exec(amount);
  if (!m) return amount;
  return { value: Number(amount), numFmt: numberFormat(m[1]?.length ?? 0) };
}

function cellOf(c: TableCell, moneyColumn: boolean): XlsxCell {
  if (typeof c === 'object') return moneyColumn ? Number(c.amount) : amountCell(c.amount);
  return moneyColumn && c !== '' ? Number(c) : c;
}

/**
 * One sheet per table (the month of transactions is ~100k rows). Amount columns (exact decimal
 * text from the ledger) become numbers with a fixed-decimals column format, and so do the tagged
 * amounts of a mixed column (AmountCell: the Z report's values) with a format each, so a
 * spreadsheet can sum them; two-decimal text converts to the nearest double exactly enough to display and
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
        ...(money.has(i) ? { numFmt: numberFormat(money.get(i)!) } : {}),
      })),
      rows: t.rows.map((row) => row.map((c, i): XlsxCell => cellOf(c, money.has(i)))),
    };
  });
  return Promise.resolve(new Uint8Array(writeXlsx(sheets)));
}
