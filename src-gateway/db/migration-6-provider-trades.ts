/**
 * Version 6: the provider's side of each order. A trade is one attempt at the provider
 * (a precreate QR or a charged payment code) under its own out_trade_no; notifies are kept by
 * notify_id so a duplicate changes nothing; refunds are kept by out_request_no so a retry
 * reuses it; downloaded bills are kept as the provider's bytes.
 */
import type Database from 'better-sqlite3';

export function v6ProviderTrades(db: Database.Database): void {
  db.exec(`
    CREATE TABLE provider_trades (
      out_trade_no TEXT PRIMARY KEY CHECK (length(out_trade_no) BETWEEN 1 AND 64),
      order_id TEXT NOT NULL REFERENCES orders (order_id),
      channel TEXT NOT NULL CHECK (channel IN ('sandbox', 'alipay', 'wechat')),
      kind TEXT NOT NULL CHECK (kind IN ('qr', 'code')),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      state TEXT NOT NULL CHECK (state IN ('open', 'paying', 'paid', 'failed', 'cancelled', 'closed')),
      provider_trade_no TEXT,
      qr_code TEXT,
      failure TEXT,
      created_at_ms INTEGER NOT NULL,
      deadline_ms INTEGER NOT NULL,
      next_query_at_ms INTEGER,
      queries INTEGER NOT NULL DEFAULT 0 CHECK (queries >= 0),
      cancel_attempts INTEGER NOT NULL DEFAULT 0 CHECK (cancel_attempts >= 0),
      updated_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX provider_trades_order ON provider_trades (order_id, created_at_ms);
    CREATE INDEX provider_trades_due ON provider_trades (next_query_at_ms) WHERE next_query_at_ms IS NOT NULL;

    CREATE TABLE provider_notifies (
      notify_id TEXT PRIMARY KEY,
      out_trade_no TEXT NOT NULL,
      trade_status TEXT NOT NULL,
      received_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX provider_notifies_received ON provider_notifies (received_at_ms);

    CREATE TABLE provider_refunds (
      out_request_no TEXT PRIMARY KEY CHECK (length(out_request_no) BETWEEN 1 AND 64),
      out_trade_no TEXT NOT NULL REFERENCES provider_trades (out_trade_no),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
      attempts INTEGER NOT NULL CHECK (attempts >= 0),
      failure TEXT,
      created_at_ms INTEGER NOT NULL,
      updated_at_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE provider_bills (
      channel TEXT NOT NULL,
      bill_type TEXT NOT NULL,
      bill_date TEXT NOT NULL,
      bytes BLOB NOT NULL,
      sha256 TEXT NOT NULL,
      fetched_at_ms INTEGER NOT NULL,
      PRIMARY KEY (channel, bill_type, bill_date)
    ) STRICT;
  `);
}
