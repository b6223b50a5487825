import type { Migration } from '../migrate';

/**
 * A narrower `recon_results` for faster runs (issue 4: a 1M-record run wrote ~50% of its time
 * here). Same facts, same snapshot, less written per row:
 * - WITHOUT ROWID, clustered by (run_id, idx): one b-tree per row instead of table + key index;
 * - `row_key` is a VIRTUAL generated column (the formula `rowKey()` used to compute in JS), so
 *   it costs nothing to write and reads the same;
 * - `c_same` is a bit set of console columns equal to the statement's (`RESULT_SAME_BITS`),
 *   stored NULL: a matched pair usually agrees on all but the time. Readers expand it in SQL
 *   (`RESULT_COLUMNS`), so every reader still sees both sides in full;
 * - the class index holds only the rows that are not `matched` (~7% of a normal run): the
 *   class filter of the mismatches uses it; `matched` pages read the clustered rows in order.
 * Existing rows are copied; their stored row_key must equal the generated one (asserted).
 */
export const m0007ReconResultsCompact: Migration = {
  version: 7,
  name: 'recon-results-compact',
  up(db) {
    db.exec(`
      CREATE TABLE recon_results_compact (
        run_id TEXT NOT NULL REFERENCES recon_runs(id),
        idx INTEGER NOT NULL,
        cls TEXT NOT NULL,
        via TEXT NOT NULL,
        order_no TEXT NOT NULL,
        c_same INTEGER NOT NULL DEFAULT 0 CHECK (c_same BETWEEN 0 AND 63),
        c_trade_no TEXT, c_amount_minor INTEGER, c_status TEXT, c_time_ms INTEGER, c_refund_no TEXT, c_channel TEXT,
        s_trade_no TEXT, s_amount_minor INTEGER, s_fee_minor INTEGER, s_status TEXT, s_time_ms INTEGER,
        s_refund_no TEXT, s_channel TEXT,
        -- The statement's identity when it has one, else the console's (a console-only row has
        -- c_same = 0, so its c_* columns are stored as they are).
        row_key TEXT GENERATED ALWAYS AS (
          order_no || '|' || CASE WHEN s_status IS NOT NULL
            THEN coalesce(s_trade_no, '') || '|' || coalesce(s_refund_no, '') || '|' || iif(s_status = 'refund', 'R', 'P')
            ELSE coalesce(c_trade_no, '') || '|' || coalesce(c_refund_no, '') || '|' || iif(c_status = 'refund', 'R', 'P')
          END) VIRTUAL,
        PRIMARY KEY (run_id, idx)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO recon_results_compact (run_id, idx, cls, via, order_no, c_same, c_trade_no, c_amount_minor, c_status,
          c_time_ms, c_refund_no, c_channel, s_trade_no, s_amount_minor, s_fee_minor, s_status, s_time_ms, s_refund_no,
          s_channel)
        SELECT run_id, idx, cls, via, order_no, 0, c_trade_no, c_amount_minor, c_status, c_time_ms, c_refund_no,
          c_channel, s_trade_no, s_amount_minor, s_fee_minor, s_status, s_time_ms, s_refund_no, s_channel
        FROM recon_results;
    `);
    const mismatched = db
      .prepare(
        `SELECT COUNT(*) AS n FROM recon_results o JOIN recon_results_compact n USING (run_id, idx)
          WHERE o.row_key <> n.row_key`,
      )
      .get() as { n: number };
    if (mismatched.n !== 0) throw new Error(`assertion failed: ${mismatched.n} result rows change row_key`);
    db.exec(`
      DROP TABLE recon_results;
      ALTER TABLE recon_results_compact RENAME TO recon_results;
      CREATE INDEX recon_results_cls ON recon_results(run_id, cls, idx) WHERE cls <> 'matched';
    `);
  },
};
