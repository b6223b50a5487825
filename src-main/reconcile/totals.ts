import { RESULT_CLASSES, signedMinor, type ResultClass, type ResultRow } from './record';

export interface ClassTotal {
  count: number;
  consoleMinor: number;
  statementMinor: number;
  feeMinor: number;
}

export interface Totals {
  readonly byClass: Record<ResultClass, ClassTotal>;
  consoleRecords: number;
  statementRecords: number;
  consoleMinor: number;
  statementMinor: number;
  feeMinor: number;
}

export function emptyTotals(): Totals {
  const byClass = {} as Record<ResultClass, ClassTotal>;
  for (const c of RESULT_CLASSES) byClass[c] = { count: 0, consoleMinor: 0, statementMinor: 0, feeMinor: 0 };
  return { byClass, consoleRecords: 0, statementRecords: 0, consoleMinor: 0, statementMinor: 0, feeMinor: 0 };
}

/** Adds one row. Side sums are kept independently of the class sums so a test can compare them. */
export function addRow(t: Totals, row: ResultRow): void {
  const k = t.byClass[row.cls];
  k.count++;
  if (row.console) {
    const m = signedMinor(row.console);
    k.consoleMinor += m;
    t.consoleMinor += m;
    t.consoleRecords++;
  }
  if (row.statement) {
    const m = signedMinor(row.statement);
    k.statementMinor += m;
    // A refund gives its share of the fee back.
    const fee = row.statement.status === 'refund' ? -row.statement.feeMinor : row.statement.feeMinor;
    k.feeMinor += fee;
    t.statementMinor += m;
    t.feeMinor += fee;
    t.statementRecords++;
  }
}

/** Console minus statement: what the owner must explain. Equals the sum over classes. */
export const differenceMinor = (t: Totals): number => t.consoleMinor - t.statementMinor;
