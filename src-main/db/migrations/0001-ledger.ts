import type { Migration } from '../migrate';

/** The first schema: settings, the append-only journal, orders, payments, sync bookkeeping. */
export const m0001Ledger: Migration = {
  version: 1,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row: this device's pairing with a gateway. The secret is sealed (see secrets/).
      CREATE TABLE terminal (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        terminal_id TEXT NOT NULL,
        gateway_id TEXT NOT NULL,
        gateway_url TEXT NOT NULL,
        public_url TEXT NOT NULL,
        merchant_name TEXT NOT NULL,
        currency TEXT NOT NULL,
        secret_sealed TEXT NOT NULL,
        demo INTEGER NOT NULL CHECK (demo IN (0, 1)),
        paired_at_ms INTEGER NOT NULL
      ) STRICT;

      -- The truth about money. Append-only (triggers below), hash-chained by seq.
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        entry_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        order_id TEXT,
        created_at_ms INTEGER NOT NULL,
        memo TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX journal_order ON journal(order_id);

      CREATE TABLE postings (
        entry_seq INTEGER NOT NULL REFERENCES journal(seq),
        idx INTEGER NOT NULL,
        account TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
        PRIMARY KEY (entry_seq, idx)
      ) STRICT;
      CREATE INDEX postings_account ON postings(account);

      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
      CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
      CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;

      -- The mutable view of a sale's life. Money facts live in the journal.
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL,
        late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        paid_at_ms INTEGER,
        channel TEXT,
        provider_trade_no TEXT,
        registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_created ON orders(created_at_ms);
      CREATE INDEX orders_awaiting ON orders(expires_at_ms) WHERE status = 'awaiting_payment';
      CREATE INDEX orders_unregistered ON orders(created_at_ms) WHERE registered = 0;

      -- Every payment the network reported, once per provider trade (a second one for the
      -- same order is a duplicate payment: recorded, never dropped).
      CREATE TABLE payments (
        provider_trade_no TEXT NOT NULL,
        channel TEXT NOT NULL,
        order_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        paid_at_ms INTEGER NOT NULL,
        entry_seq INTEGER NOT NULL REFERENCES journal(seq),
        PRIMARY KEY (channel, provider_trade_no)
      ) STRICT;
      CREATE INDEX payments_order ON payments(order_id);

      -- Change-feed bookkeeping: applied change ids (idempotency) and the cursor, per gateway.
      CREATE TABLE applied_changes (
        gateway_id TEXT NOT NULL,
        change_id INTEGER NOT NULL,
        applied_at_ms INTEGER NOT NULL,
        PRIMARY KEY (gateway_id, change_id)
      ) STRICT;
      CREATE TABLE change_cursor (
        gateway_id TEXT PRIMARY KEY,
        cursor INTEGER NOT NULL CHECK (cursor >= 0)
      ) STRICT;
    `);
  },
};
