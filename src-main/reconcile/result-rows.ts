import type { Db } from '../db/connection';
import { RESULT_CLASSES, type ReconRecord, type ResultClass, type ResultRow } from './record';

/**
 * How a result row is written (migrations 0007, 0008): a flat batch of values,
 * RESULT_VALUES_PER_ROW per row, the run id bound once per statement as `@run`. The statement
 * side is referenced by its row's `idx` in the run's source, never copied. Shared by the run's writer thread
 * (`result-writer-worker.ts`) and the in-thread fallback, so both write the same bytes.
 */

/** Console columns stored NULL because they equal the statement's (`c_same`), bit per column. */
export const RESULT_SAME_BITS = {
  tradeNo: 1,
  amountMinor: 2,
  status: 4,
  timeMs: 8,
  refundNo: 16,
  channel: 32,
} as const;

/** idx, cls, via, order_no, c_same, six console columns, the statement row's idx. */
export const RESULT_VALUES_PER_ROW = 12;

/** Rows per multi-row INSERT: 32 × 12 + 1 parameters, far below SQLite's 32,766. */
export const INSERT_ROWS_PER_STATEMENT = 32;

const INSERT_COLUMNS = `run_id, idx, cls, via, order_no, c_same, c_trade_no, c_amount_minor, c_status, c_time_ms,
  c_refund_no, c_channel, s_idx`;

/**
 * Class and pairing go over as small integers and become text in the INSERT itself: a batch
 * copied to the writer thread and bound there has one string per row (the order number), not
 * three. An unknown code is NULL, which the NOT NULL columns refuse.
 */
const CLASS_CODES = Object.fromEntries(RESULT_CLASSES.map((c, i) => [c, i])) as Record<ResultClass, number>;
const VIA_CODES: Record<ResultRow['via'], number> = { order: 0, trade: 1, amount_time: 2, none: 3 };
const textOfCode = (codes: Record<string, number>) =>
  `CASE ? ${Object.entries(codes)
    .map(([text, code]) => `WHEN ${code} THEN '${text}'`)
    .join(' ')} END`;

function insertSql(rows: number): string {
  const rest = Array.from({ length: RESULT_VALUES_PER_ROW - 3 }, () => '?').join(', ');
  const one = `(@run, ?, ${textOfCode(CLASS_CODES)}, ${textOfCode(VIA_CODES)}, ${rest})`;
  return `INSERT INTO recon_results (${INSERT_COLUMNS}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
}

/** Appends one row's values to a batch. A statement record must carry its row's `idx`. */
export function pushResultValues(out: unknown[], idx: number, row: ResultRow): void {
  const c = row.console;
  const s = row.statement;
  out.push(idx, CLASS_CODES[row.cls], VIA_CODES[row.via], (s ?? c)!.orderNo);
  if (c && s) pushConsoleAgainst(out, c, s);
  else
    out.push(
      0,
      c?.tradeNo ?? null,
      c?.amountMinor ?? null,
      c?.status ?? null,
      c?.timeMs ?? null,
      c?.refundNo ?? null,
      c?.channel ?? null,
    );
  if (!s) out.push(null);
  else if (s.idx === undefined)
    throw new Error(`assertion failed: statement record of order ${s.orderNo} has no row idx`);
  else out.push(s.idx);
}

function pushConsoleAgainst(out: unknown[], c: ReconRecord, s: ReconRecord): void {
  const b = RESULT_SAME_BITS;
  const tradeNo = c.tradeNo === s.tradeNo;
  const amount = c.amountMinor === s.amountMinor;
  const status = c.status === s.status;
  const time = c.timeMs === s.timeMs;
  const refundNo = c.refundNo === s.refundNo;
  const channel = c.channel === s.channel;
  out.push(
    (tradeNo ? b.tradeNo : 0) |
      (amount ? b.amountMinor : 0) |
      (status ? b.status : 0) |
      (time ? b.timeMs : 0) |
      (refundNo ? b.refundNo : 0) |
      (channel ? b.channel : 0),
    tradeNo ? null : c.tradeNo,
    amount ? null : c.amountMinor,
    status ? null : c.status,
    time ? null : c.timeMs,
    refundNo ? null : c.refundNo,
    channel ? null : c.channel,
  );
}

/** Writes batches of result rows of one run, each batch in one transaction. */
export class ResultInserter {
  private readonly many;
  private readonly one;

  constructor(private readonly db: Db) {
    this.many = db.prepare(insertSql(INSERT_ROWS_PER_STATEMENT));
    this.one = db.prepare(insertSql(1));
  }

  write(runId: string, values: readonly unknown[]): void {
    if (values.length % RESULT_VALUES_PER_ROW !== 0) {
      throw new Error(`assertion failed: a result batch of ${values.length} values is not whole rows`);
    }
    const run = { run: runId };
    const perStatement = INSERT_ROWS_PER_STATEMENT * RESULT_VALUES_PER_ROW;
    this.db
      .transaction(() => {
        let i = 0;
        for (; i + perStatement <= values.length; i += perStatement)
          this.many.run(values.slice(i, i + perStatement), run);
        for (; i < values.length; i += RESULT_VALUES_PER_ROW)
          this.one.run(values.slice(i, i + RESULT_VALUES_PER_ROW), run);
      })
      .immediate();
  }
}
