import type { Db } from '../db/connection';
import type { ResultClass, ResultRow } from './record';
import { RESULT_SAME_BITS, ResultInserter } from './result-rows';
import type { Totals } from './totals';

export type RunState = 'running' | 'done' | 'cancelled' | 'failed';

export interface RunRow {
  readonly id: string;
  readonly sourceId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly settingsJson: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number | null;
  readonly operatorId: string | null;
  readonly state: RunState;
  readonly totalsJson: string | null;
  readonly previousRunId: string | null;
}

/** A stored result row, flattened: the console side `c*`, the statement side `s*`. */
export interface StoredResult {
  readonly idx: number;
  readonly cls: ResultClass;
  readonly via: ResultRow['via'];
  readonly rowKey: string;
  readonly orderNo: string;
  readonly cTradeNo: string | null;
  readonly cAmountMinor: number | null;
  readonly cStatus: string | null;
  readonly cTimeMs: number | null;
  readonly cRefundNo: string | null;
  readonly cChannel: string | null;
  readonly sTradeNo: string | null;
  readonly sAmountMinor: number | null;
  readonly sFeeMinor: number | null;
  readonly sStatus: string | null;
  readonly sTimeMs: number | null;
  readonly sRefundNo: string | null;
  readonly sChannel: string | null;
}

const RUN_COLUMNS = `id, source_id AS sourceId, from_ms AS fromMs, to_ms AS toMs, settings_json AS settingsJson,
  started_at_ms AS startedAtMs, finished_at_ms AS finishedAtMs, operator_id AS operatorId, state,
  totals_json AS totalsJson, previous_run_id AS previousRunId`;

/**
 * A stored row as readers see it, read from the view `recon_result_rows` (migration 0008), which
 * joins the referenced statement row back in: console columns stored NULL because they equal the
 * statement's (bit set in `c_same`, migration 0007) are read from the statement's.
 */
const same = (bit: number, column: string) => `CASE WHEN c_same & ${bit} THEN s_${column} ELSE c_${column} END`;
export const RESULT_COLUMNS = `idx, cls, via, row_key AS rowKey, order_no AS orderNo,
  ${same(RESULT_SAME_BITS.tradeNo, 'trade_no')} AS cTradeNo, ${same(RESULT_SAME_BITS.amountMinor, 'amount_minor')} AS cAmountMinor,
  ${same(RESULT_SAME_BITS.status, 'status')} AS cStatus, ${same(RESULT_SAME_BITS.timeMs, 'time_ms')} AS cTimeMs,
  ${same(RESULT_SAME_BITS.refundNo, 'refund_no')} AS cRefundNo, ${same(RESULT_SAME_BITS.channel, 'channel')} AS cChannel,
  s_trade_no AS sTradeNo, s_amount_minor AS sAmountMinor, s_fee_minor AS sFeeMinor,
  s_status AS sStatus, s_time_ms AS sTimeMs, s_refund_no AS sRefundNo, s_channel AS sChannel`;

/**
 * The same fact across runs: the statement's identity when it has one, else the console's.
 * Computed by the view `recon_result_rows` (migration 0008); this is the same formula in JS.
 */
export function rowKey(row: ResultRow): string {
  const r = row.statement ?? row.console!;
  return `${r.orderNo}|${r.tradeNo ?? ''}|${r.refundNo ?? ''}|${r.status === 'refund' ? 'R' : 'P'}`;
}

/**
 * Rows of one run, optionally of one class. The class index holds only rows that are not
 * `matched` (migration 0007), so a mismatch class says so literally for SQLite to use it.
 */
function classWhere(cls: ResultClass | null): { where: string; args: (r: string) => unknown[] } {
  if (cls === null) return { where: 'run_id = ?', args: (r) => [r] };
  if (cls === 'matched') return { where: `run_id = ? AND cls = 'matched'`, args: (r) => [r] };
  return { where: `run_id = ? AND cls = ? AND cls <> 'matched'`, args: (r) => [r, cls] };
}

/**
 * What changed between two runs, keyed by `row_key` (the view computes it through the statement
 * row): any two runs.
 */
export const DIFF_SQL = `
  WITH n AS MATERIALIZED (SELECT row_key, cls FROM recon_result_rows WHERE run_id = @run),
       o AS MATERIALIZED (SELECT row_key, cls FROM recon_result_rows WHERE run_id = @prev)
  SELECT n.row_key AS rowKey, o.cls AS before, n.cls AS after FROM n LEFT JOIN o ON o.row_key = n.row_key
   WHERE o.cls IS NULL OR o.cls <> n.cls
  UNION ALL
  SELECT o.row_key, o.cls, NULL FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.row_key = o.row_key)`;

/** row_key of a row without a statement side (its c_* columns are stored as they are). */
const CONSOLE_ROW_KEY = `order_no || '|' || coalesce(c_trade_no, '') || '|' || coalesce(c_refund_no, '') || '|' ||
  iif(c_status = 'refund', 'R', 'P')`;

/**
 * The same for two runs over one source (a re-run; `previous_run_id` is always one): each
 * statement row is in exactly one row of either run, so a row with a statement side is keyed by
 * its `s_idx` (an integer; never equal to a text key), a console-only row by its row_key, and
 * neither needs the statement row read. row_key is looked up only for the rows listed. A 1M-row
 * diff joined through the view took ~2× as long. Rows of a source with two identical statement
 * rows are told apart here, where row_key would pair each with both.
 */
export const DIFF_SAME_SOURCE_SQL = `
  WITH n AS MATERIALIZED (SELECT coalesce(s_idx, ${CONSOLE_ROW_KEY}) AS k, idx, cls FROM recon_results WHERE run_id = @run),
       o AS MATERIALIZED (SELECT coalesce(s_idx, ${CONSOLE_ROW_KEY}) AS k, idx, cls FROM recon_results WHERE run_id = @prev)
  SELECT (SELECT row_key FROM recon_result_rows WHERE run_id = @run AND idx = n.idx) AS rowKey, o.cls AS before,
         n.cls AS after
    FROM n LEFT JOIN o ON o.k = n.k WHERE o.cls IS NULL OR o.cls <> n.cls
  UNION ALL
  SELECT (SELECT row_key FROM recon_result_rows WHERE run_id = @prev AND idx = o.idx), o.cls, NULL
    FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.k = o.k)`;

/** Runs and their result rows. A run's rows are appended while it runs and never changed after. */
export class RunStore {
  private readonly inserter;

  constructor(private readonly db: Db) {
    this.inserter = new ResultInserter(db);
  }

  create(run: Omit<RunRow, 'finishedAtMs' | 'state' | 'totalsJson' | 'previousRunId'>): RunRow {
    const prev = this.db
      .prepare(
        `SELECT id FROM recon_runs WHERE source_id = ? AND from_ms = ? AND to_ms = ? AND state = 'done'
         ORDER BY started_at_ms DESC, id DESC LIMIT 1`,
      )
      .get(run.sourceId, run.fromMs, run.toMs) as { id: string } | undefined;
    this.db
      .prepare(
        `INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, operator_id, state,
           previous_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
      )
      .run(
        run.id,
        run.sourceId,
        run.fromMs,
        run.toMs,
        run.settingsJson,
        run.startedAtMs,
        run.operatorId,
        prev?.id ?? null,
      );
    return this.get(run.id)!;
  }

  get(id: string): RunRow | null {
    return (this.db.prepare(`SELECT ${RUN_COLUMNS} FROM recon_runs WHERE id = ?`).get(id) as RunRow) ?? null;
  }

  list(limit: number): RunRow[] {
    return this.db
      .prepare(`SELECT ${RUN_COLUMNS} FROM recon_runs ORDER BY started_at_ms DESC, id DESC LIMIT ?`)
      .all(limit) as RunRow[];
  }

  /**
   * Appends a batch of rows (`pushResultValues`) in one transaction, on this connection: the
   * fallback when the run's writer thread is not available (`result-writer.ts`).
   * Decision: result rows are derived data (a re-run recreates them), so their chunk commits
   * skip the fsync (`synchronous=NORMAL` for this one transaction, restored before anything else
   * can run on this connection); the run's final state is committed with FULL, which also
   * makes these WAL frames durable. Ledger writes are never affected.
   */
  append(runId: string, values: readonly unknown[]): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.inserter.write(runId, values);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** The one change a run row gets: from running to its final state, once. */
  finish(runId: string, state: Exclude<RunState, 'running'>, totals: Totals | null, atMs: number): void {
    const r = this.db
      .prepare(
        `UPDATE recon_runs SET state = ?, totals_json = ?, finished_at_ms = ? WHERE id = ? AND state = 'running'`,
      )
      .run(state, totals ? JSON.stringify(totals) : null, atMs, runId);
    if (r.changes !== 1) throw new Error(`assertion failed: run ${runId} finished twice`);
  }

  /** Runs left 'running' by a crash are failed on start (their rows are partial). */
  failInterrupted(atMs: number): number {
    return this.db
      .prepare(`UPDATE recon_runs SET state = 'failed', finished_at_ms = ? WHERE state = 'running'`)
      .run(atMs).changes;
  }

  /**
   * One page of a run's rows. The page's idx are found first (through the class index alone,
   * for a mismatch class), so only the page's own rows are read in full, not the skipped ones:
   * page 50 of a class was ~150 ms when every skipped row was looked up.
   */
  results(runId: string, cls: ResultClass | null, offset: number, limit: number): StoredResult[] {
    const { where, args } = classWhere(cls);
    return this.db
      .prepare(
        `SELECT ${RESULT_COLUMNS} FROM recon_result_rows WHERE run_id = ? AND idx IN
           (SELECT idx FROM recon_results WHERE ${where} ORDER BY idx LIMIT ? OFFSET ?)
         ORDER BY idx`,
      )
      .all(runId, ...args(runId), limit, offset) as StoredResult[];
  }

  /**
   * Rows of a run (of a class). A finished run's totals count its rows by class exactly (a
   * cancelled run's too: its totals are of the rows it wrote), so those are read, not counted:
   * counting `matched` or all rows would read every row of the run.
   */
  count(runId: string, cls: ResultClass | null): number {
    const run = this.get(runId);
    if (run?.totalsJson && (run.state === 'done' || run.state === 'cancelled')) {
      const byClass = (JSON.parse(run.totalsJson) as Totals).byClass;
      return cls ? byClass[cls].count : Object.values(byClass).reduce((n, k) => n + k.count, 0);
    }
    const { where, args } = classWhere(cls);
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM recon_results WHERE ${where}`).get(...args(runId)) as { n: number }
    ).n;
  }

  result(runId: string, idx: number): StoredResult | null {
    return (
      (this.db
        .prepare(`SELECT ${RESULT_COLUMNS} FROM recon_result_rows WHERE run_id = ? AND idx = ?`)
        .get(runId, idx) as StoredResult) ?? null
    );
  }

  /**
   * What changed since `previousRunId`: rows whose class differs, rows new in this run, rows
   * gone from it (keyed by row_key). At most `limit` returned, the count is exact.
   * Each run's keys are materialized once, so SQLite joins them through an automatic index:
   * joined in place, its planner walked every row of one run per row of the other (1M × 1M
   * did not finish in minutes; this takes seconds). One pass counts and lists.
   */
  diff(
    runId: string,
    previousRunId: string,
    limit: number,
  ): { count: number; changes: { rowKey: string; before: ResultClass | null; after: ResultClass | null }[] } {
    const changes: { rowKey: string; before: ResultClass | null; after: ResultClass | null }[] = [];
    let count = 0;
    const sameSource = this.get(runId)?.sourceId === this.get(previousRunId)?.sourceId;
    const sql = sameSource ? DIFF_SAME_SOURCE_SQL : DIFF_SQL;
    for (const row of this.db.prepare(sql).iterate({ run: runId, prev: previousRunId })) {
      if (count++ < limit) changes.push(row as (typeof changes)[number]);
    }
    return { count, changes };
  }
}
