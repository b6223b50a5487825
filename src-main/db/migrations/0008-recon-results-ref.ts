import type { Migration } from '../migrate';

/**
 * Result rows reference their statement row instead of copying it (issue 4: the saved 1M run
 * spent most of its writing time binding the statement's strings again). A source's rows are
 * written once and never changed or deleted (`SourceStore`), so a reference reads back exactly
 * what was classified:
 * - `s_idx` is the statement row's `idx` in the run's source; with the row's `order_no` (the
 *   statement's whenever the row has a statement side) and the run's `source_id` it is the
 *   primary key of `recon_statement_rows`: one lookup per row read;
 * - the seven `s_*` copies are gone; the view `recon_result_rows` joins them back under their
 *   old names and computes `row_key` as 0007's generated column did, so readers are unchanged
 *   but for reading the view instead of the table;
 * - console columns are still stored NULL where equal to the statement's (`c_same`).
 * Existing rows find their statement row by every copied column; that each one is found is
 * asserted (the migration fails, changing nothing, rather than lose a row's statement side).
 */
export const m0008ReconResultsRef: Migration = {
  version: 8,
  name: 'recon-results-ref',
  up(db) {
    db.exec(`
      CREATE TABLE recon_results_ref (
        run_id TEXT NOT NULL REFERENCES recon_runs(id),
        idx INTEGER NOT NULL,
        cls TEXT NOT NULL,
        via TEXT NOT NULL,
        order_no TEXT NOT NULL,
        c_same INTEGER NOT NULL DEFAULT 0 CHECK (c_same BETWEEN 0 AND 63),
        c_trade_no TEXT, c_amount_minor INTEGER, c_status TEXT, c_time_ms INTEGER, c_refund_no TEXT, c_channel TEXT,
        s_idx INTEGER CHECK (s_idx >= 0),
        PRIMARY KEY (run_id, idx)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO recon_results_ref (run_id, idx, cls, via, order_no, c_same, c_trade_no, c_amount_minor, c_status,
          c_time_ms, c_refund_no, c_channel, s_idx)
        SELECT r.run_id, r.idx, r.cls, r.via, r.order_no, r.c_same, r.c_trade_no, r.c_amount_minor, r.c_status,
          r.c_time_ms, r.c_refund_no, r.c_channel,
          CASE WHEN r.s_status IS NOT NULL THEN (
            SELECT min(s.idx) FROM recon_statement_rows s
             WHERE s.source_id = u.source_id AND s.order_no = r.order_no AND s.trade_no IS r.s_trade_no
               AND s.amount_minor = r.s_amount_minor AND s.fee_minor = r.s_fee_minor AND s.status = r.s_status
               AND s.time_ms = r.s_time_ms AND s.refund_no IS r.s_refund_no AND s.channel = r.s_channel) END
        FROM recon_results r JOIN recon_runs u ON u.id = r.run_id;
    `);
    const lost = db
      .prepare(
        `SELECT COUNT(*) AS n FROM recon_results o JOIN recon_results_ref n USING (run_id, idx)
          WHERE o.s_status IS NOT NULL AND n.s_idx IS NULL`,
      )
      .get() as { n: number };
    if (lost.n !== 0) throw new Error(`assertion failed: ${lost.n} result rows have no statement row to reference`);
    db.exec(`
      DROP TABLE recon_results;
      ALTER TABLE recon_results_ref RENAME TO recon_results;
      CREATE INDEX recon_results_cls ON recon_results(run_id, cls, idx) WHERE cls <> 'matched';

      CREATE VIEW recon_result_rows AS
        SELECT r.run_id, r.idx, r.cls, r.via, r.order_no, r.c_same, r.c_trade_no, r.c_amount_minor, r.c_status,
               r.c_time_ms, r.c_refund_no, r.c_channel, r.s_idx,
               s.trade_no AS s_trade_no, s.amount_minor AS s_amount_minor, s.fee_minor AS s_fee_minor,
               s.status AS s_status, s.time_ms AS s_time_ms, s.refund_no AS s_refund_no, s.channel AS s_channel,
               -- The same fact across runs: the statement's identity when it has one, else the console's.
               r.order_no || '|' || CASE WHEN r.s_idx IS NOT NULL
                 THEN coalesce(s.trade_no, '') || '|' || coalesce(s.refund_no, '') || '|' || iif(s.status = 'refund', 'R', 'P')
                 ELSE coalesce(r.c_trade_no, '') || '|' || coalesce(r.c_refund_no, '') || '|' || iif(r.c_status = 'refund', 'R', 'P')
               END AS row_key
          FROM recon_results r
          JOIN recon_runs u ON u.id = r.run_id
          LEFT JOIN recon_statement_rows s ON s.source_id = u.source_id AND s.order_no = r.order_no AND s.idx = r.s_idx;
    `);
  },
};
