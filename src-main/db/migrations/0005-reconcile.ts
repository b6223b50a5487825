import type { Migration } from '../migrate';

/**
 * Reconciliation: imported statements (bill files or the gateway's statement), the runs, one
 * result row per class assignment, and the actions taken on them. Runs and results are never
 * edited after they finish; actions are rows of their own (money moves go to the journal).
 */
export const m0005Reconcile: Migration = {
  version: 5,
  name: 'reconcile',
  up(db) {
    db.exec(`
      -- One imported statement: a provider bill file (sha256 of its bytes, unique: the same file
      -- twice is recognised) or the gateway's statement for a date range.
      CREATE TABLE recon_sources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('alipay', 'wechat', 'gateway')),
        sha256 TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        encoding TEXT,
        row_count INTEGER NOT NULL CHECK (row_count >= 0),
        min_time_ms INTEGER,
        max_time_ms INTEGER,
        imported_at_ms INTEGER NOT NULL,
        imported_by TEXT
      ) STRICT;

      CREATE TABLE recon_statement_rows (
        source_id TEXT NOT NULL REFERENCES recon_sources(id),
        idx INTEGER NOT NULL,
        order_no TEXT NOT NULL,
        trade_no TEXT,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        fee_minor INTEGER NOT NULL CHECK (fee_minor >= 0),
        status TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        refund_no TEXT,
        channel TEXT NOT NULL,
        -- Clustered by order number: a run reads a source in this order, sequentially, instead
        -- of through a secondary index with a random table lookup per row.
        PRIMARY KEY (source_id, order_no, idx)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE recon_runs (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES recon_sources(id),
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL CHECK (to_ms > from_ms),
        settings_json TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER,
        operator_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed')),
        totals_json TEXT,
        previous_run_id TEXT REFERENCES recon_runs(id)
      ) STRICT;
      CREATE INDEX recon_runs_started ON recon_runs(started_at_ms);

      -- Every record of either side lands in exactly one row. row_key identifies the same fact
      -- across runs (for "what changed since the previous run"); it is deliberately not indexed:
      -- a 1M-row run writes ~20% faster without it, and the diff lets SQLite build a transient
      -- index once, when asked.
      CREATE TABLE recon_results (
        run_id TEXT NOT NULL REFERENCES recon_runs(id),
        idx INTEGER NOT NULL,
        cls TEXT NOT NULL,
        via TEXT NOT NULL,
        row_key TEXT NOT NULL,
        order_no TEXT NOT NULL,
        c_trade_no TEXT, c_amount_minor INTEGER, c_status TEXT, c_time_ms INTEGER, c_refund_no TEXT, c_channel TEXT,
        s_trade_no TEXT, s_amount_minor INTEGER, s_fee_minor INTEGER, s_status TEXT, s_time_ms INTEGER,
        s_refund_no TEXT, s_channel TEXT,
        PRIMARY KEY (run_id, idx)
      ) STRICT;
      CREATE INDEX recon_results_cls ON recon_results(run_id, cls, idx);

      -- What the owner did about a row: append-only like the journal.
      CREATE TABLE recon_actions (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES recon_runs(id),
        result_idx INTEGER NOT NULL,
        row_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('accept_late_payment', 'mark_duplicate_for_refund', 'annotate')),
        reason TEXT NOT NULL,
        operator_id TEXT,
        at_ms INTEGER NOT NULL,
        entry_seq INTEGER REFERENCES journal(seq)
      ) STRICT;
      CREATE INDEX recon_actions_key ON recon_actions(row_key);
      CREATE TRIGGER recon_actions_no_update BEFORE UPDATE ON recon_actions
        BEGIN SELECT RAISE(ABORT, 'recon_actions is append-only'); END;
      CREATE TRIGGER recon_actions_no_delete BEFORE DELETE ON recon_actions
        BEGIN SELECT RAISE(ABORT, 'recon_actions is append-only'); END;
    `);
  },
};
