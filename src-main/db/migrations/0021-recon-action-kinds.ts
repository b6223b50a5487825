import type { Migration } from '../migrate';

/**
 * Two new reconciliation actions, which `recon_actions.kind`'s CHECK (0005) refused:
 * - `record_statement_refund`: a refund only the bill has (done outside the till, e.g. in the
 *   merchant portal) booked as a `refund.qr` entry, so the ledger matches the bank;
 * - `mark_duplicate_refunded`: a duplicate payment refunded in the merchant portal. It replaces
 *   `mark_duplicate_for_refund` ("pending refund", which stayed pending after the money went
 *   back); rows of the old kind are kept as they are.
 * SQLite cannot change a CHECK: the table is rebuilt with its rows, index and triggers.
 */
export const m0021ReconActionKinds: Migration = {
  version: 21,
  name: 'recon-action-kinds',
  up(db) {
    db.exec(`
      CREATE TABLE recon_actions_new (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES recon_runs(id),
        result_idx INTEGER NOT NULL,
        row_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('accept_late_payment', 'mark_duplicate_for_refund', 'annotate',
          'record_statement_refund', 'mark_duplicate_refunded')),
        reason TEXT NOT NULL,
        operator_id TEXT,
        at_ms INTEGER NOT NULL,
        entry_seq INTEGER REFERENCES journal(seq)
      ) STRICT;
      INSERT INTO recon_actions_new (id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms, entry_seq)
        SELECT id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms, entry_seq FROM recon_actions;
      DROP TABLE recon_actions;
      ALTER TABLE recon_actions_new RENAME TO recon_actions;
      CREATE INDEX recon_actions_key ON recon_actions(row_key);
      CREATE TRIGGER recon_actions_no_update BEFORE UPDATE ON recon_actions
        BEGIN SELECT RAISE(ABORT, 'recon_actions is append-only'); END;
      CREATE TRIGGER recon_actions_no_delete BEFORE DELETE ON recon_actions
        BEGIN SELECT RAISE(ABORT, 'recon_actions is append-only'); END;
    `);
  },
};
