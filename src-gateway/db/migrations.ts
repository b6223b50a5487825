/** The gateway's schema, one numbered step at a time. Never edit a shipped step: add one. */
import type Database from 'better-sqlite3';
import type { Migration } from './migrate';
import { v6ProviderTrades } from './migration-6-provider-trades';
import { v7JournalParts } from './migration-7-journal-parts';
import { v8FeeReturned } from './migration-8-fee-returned';

function v1(db: Database.Database): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE terminals (
      id TEXT PRIMARY KEY CHECK (length(id) = 10),
      name TEXT NOT NULL,
      secret_sealed BLOB NOT NULL,
      created_at_ms INTEGER NOT NULL,
      revoked_at_ms INTEGER
    ) STRICT;

    CREATE TABLE pairing_codes (
      code_hash TEXT PRIMARY KEY,
      created_at_ms INTEGER NOT NULL,
      expires_at_ms INTEGER NOT NULL,
      used_at_ms INTEGER
    ) STRICT;
    CREATE INDEX pairing_codes_expiry ON pairing_codes (expires_at_ms);

    CREATE TABLE nonces (
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      nonce TEXT NOT NULL,
      expires_at_ms INTEGER NOT NULL,
      PRIMARY KEY (terminal_id, nonce)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX nonces_expiry ON nonces (expires_at_ms);

    CREATE TABLE orders (
      order_id TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      currency TEXT NOT NULL,
      note TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'expired', 'cancelled')),
      created_at_ms INTEGER NOT NULL,
      expires_at_ms INTEGER NOT NULL,
      paid_at_ms INTEGER,
      channel TEXT,
      provider_trade_no TEXT UNIQUE,
      created_by_scan INTEGER NOT NULL CHECK (created_by_scan IN (0, 1)),
      CHECK ((status = 'paid') = (paid_at_ms IS NOT NULL AND channel IS NOT NULL AND provider_trade_no IS NOT NULL))
    ) STRICT;
    CREATE INDEX orders_awaiting_expiry ON orders (expires_at_ms) WHERE status = 'awaiting_payment';

    CREATE TABLE provider_sessions (
      id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL REFERENCES orders (order_id),
      opened_at_ms INTEGER NOT NULL,
      expires_at_ms INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'used', 'declined', 'closed')),
      ended_at_ms INTEGER
    ) STRICT;
    CREATE INDEX provider_sessions_order ON provider_sessions (order_id);

    CREATE TABLE changes (
      change_id INTEGER PRIMARY KEY AUTOINCREMENT,
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      type TEXT NOT NULL,
      order_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX changes_terminal ON changes (terminal_id, change_id);
    CREATE UNIQUE INDEX changes_one_payment ON changes (order_id) WHERE type = 'payment.succeeded';
  `);
}

/** Each terminal's journal as pushed (hash chain verified on arrival), and its verified head. */
function v2(db: Database.Database): void {
  db.exec(`
    CREATE TABLE terminal_journal (
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      entry_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      order_id TEXT,
      created_at_ms INTEGER NOT NULL,
      memo TEXT NOT NULL,
      postings TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      received_at_ms INTEGER NOT NULL,
      PRIMARY KEY (terminal_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX terminal_journal_order ON terminal_journal (order_id);
    CREATE TRIGGER terminal_journal_no_update BEFORE UPDATE ON terminal_journal
      BEGIN SELECT RAISE(ABORT, 'terminal journal is append-only'); END;
    CREATE TRIGGER terminal_journal_no_delete BEFORE DELETE ON terminal_journal
      BEGIN SELECT RAISE(ABORT, 'terminal journal is append-only'); END;

    CREATE TABLE terminal_journal_head (
      terminal_id TEXT PRIMARY KEY REFERENCES terminals (id),
      seq INTEGER NOT NULL CHECK (seq >= 0),
      hash TEXT NOT NULL
    ) STRICT;
  `);
}

/**
 * Settlement (issue 5): one batch per terminal × provider date × channel — gross, refunds,
 * fee, net, payout date and status — announced in the terminal's change feed.
 */
function v4(db: Database.Database): void {
  db.exec(`
    CREATE TABLE settlement_batches (
      batch_id TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      business_date TEXT NOT NULL,
      channel TEXT NOT NULL,
      currency TEXT NOT NULL,
      sale_count INTEGER NOT NULL CHECK (sale_count >= 0),
      gross_minor INTEGER NOT NULL CHECK (gross_minor >= 0),
      refunds_minor INTEGER NOT NULL CHECK (refunds_minor >= 0),
      fee_minor INTEGER NOT NULL CHECK (fee_minor >= 0),
      net_minor INTEGER NOT NULL,
      payout_date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
      created_at_ms INTEGER NOT NULL,
      paid_at_ms INTEGER,
      UNIQUE (terminal_id, business_date, channel)
    ) STRICT;
    CREATE INDEX settlement_batches_pending ON settlement_batches (payout_date) WHERE status = 'pending';
  `);
}

/** Refunds of paid orders: one row per refund id the console made; the provider's outcome. */
function v3(db: Database.Database): void {
  db.exec(`
    CREATE TABLE refunds (
      refund_id TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      order_id TEXT NOT NULL REFERENCES orders (order_id),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      currency TEXT NOT NULL,
      reason TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('accepted', 'succeeded', 'failed')),
      provider_refund_no TEXT UNIQUE,
      created_at_ms INTEGER NOT NULL,
      updated_at_ms INTEGER NOT NULL,
      CHECK ((status = 'succeeded') = (provider_refund_no IS NOT NULL))
    ) STRICT;
    CREATE INDEX refunds_order ON refunds (order_id);
    CREATE INDEX refunds_accepted ON refunds (created_at_ms) WHERE status = 'accepted';
  `);
}

/** Reconciliation: the statement reads paid orders by payment time. */
function v5(db: Database.Database): void {
  db.exec(`CREATE INDEX orders_paid_at ON orders (paid_at_ms) WHERE status = 'paid';`);
}

export const GATEWAY_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: v1 },
  { version: 2, up: v2 },
  { version: 3, up: v3 },
  { version: 4, up: v4 },
  { version: 5, up: v5 },
  { version: 6, up: v6ProviderTrades },
  { version: 7, up: v7JournalParts },
  { version: 8, up: v8FeeReturned },
];
