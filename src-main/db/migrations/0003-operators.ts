import type { Migration } from '../migrate';

/**
 * Operators with PIN hashes, the operator on each order, refunds (one row per refund request id
 * made on the device), and the append-only hash-chained audit log.
 */
export const m0003Operators: Migration = {
  version: 3,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'cashier')),
        -- scrypt$N$r$p$salt$hash (see operators/pin-hash.ts); never the PIN itself
        pin_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until_ms INTEGER,
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      ALTER TABLE orders ADD COLUMN operator_id TEXT;

      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'succeeded', 'failed')),
        operator_id TEXT,
        approver_id TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        provider_refund_no TEXT,
        entry_seq INTEGER REFERENCES journal (seq),
        CHECK ((status = 'succeeded') = (entry_seq IS NOT NULL))
      ) STRICT;
      CREATE INDEX refunds_order ON refunds (order_id);
      CREATE INDEX refunds_unsent ON refunds (created_at_ms) WHERE status = 'requested';

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        kind TEXT NOT NULL,
        operator_id TEXT,
        at_ms INTEGER NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);
  },
};
