import type { Migration } from '../migrate';

/**
 * Offline-first: the outbox of journal entries the gateway has not acknowledged (written in the
 * same transaction as each entry), which terminal the journal is pushed to, offline-verified
 * sales on orders, and the disagreements surfaced to the owner.
 */
export const m0002Offline: Migration = {
  version: 2,
  name: 'offline',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY REFERENCES journal(seq),
        queued_at_ms INTEGER NOT NULL
      ) STRICT;
      -- Entries written before this version were never pushed: queue them all.
      INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal;

      -- The terminal the journal is being pushed to and the seq it acknowledged last.
      -- A new pairing (another terminal id) queues the whole journal again.
      CREATE TABLE push_state (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        terminal_id TEXT NOT NULL,
        acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0)
      ) STRICT;

      -- NULL: no offline acceptance; 'verified': paid by confirmation code, awaiting the
      -- gateway; 'confirmed': the gateway's payment arrived. Wrong code tries are counted.
      ALTER TABLE orders ADD COLUMN offline_state TEXT CHECK (offline_state IN ('verified', 'confirmed'));
      ALTER TABLE orders ADD COLUMN offline_verified_at_ms INTEGER;
      ALTER TABLE orders ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0 CHECK (code_attempts >= 0);
      CREATE INDEX orders_offline_verified ON orders(offline_verified_at_ms) WHERE offline_state = 'verified';

      -- What the console and the gateway disagree about, for the owner. Resolved, never deleted.
      CREATE TABLE sync_issues (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('offline_unconfirmed', 'payment_unknown_order')),
        order_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        detail TEXT NOT NULL,
        detected_at_ms INTEGER NOT NULL,
        resolved_at_ms INTEGER,
        UNIQUE (kind, order_id)
      ) STRICT;
    `);
  },
};
