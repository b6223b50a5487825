/**
 * Version 8: a settlement batch's fee may be negative. A refund returns its own fee (as Alipay
 * and WeChat Pay do), so a day of refunds only, or of refunds beyond its sales' fees, has a fee
 * returned. SQLite cannot drop a CHECK in place: the table is rebuilt with the same rows.
 */
import type Database from 'better-sqlite3';

export function v8FeeReturned(db: Database.Database): void {
  db.exec(`
    CREATE TABLE settlement_batches_v8 (
      batch_id TEXT PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals (id),
      business_date TEXT NOT NULL,
      channel TEXT NOT NULL,
      currency TEXT NOT NULL,
      sale_count INTEGER NOT NULL CHECK (sale_count >= 0),
      gross_minor INTEGER NOT NULL CHECK (gross_minor >= 0),
      refunds_minor INTEGER NOT NULL CHECK (refunds_minor >= 0),
      fee_minor INTEGER NOT NULL,
      net_minor INTEGER NOT NULL CHECK (net_minor = gross_minor - refunds_minor - fee_minor),
      payout_date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
      created_at_ms INTEGER NOT NULL,
      paid_at_ms INTEGER,
      UNIQUE (terminal_id, business_date, channel)
    ) STRICT;
    INSERT INTO settlement_batches_v8 SELECT batch_id, terminal_id, business_date, channel, currency, sale_count,
      gross_minor, refunds_minor, fee_minor, net_minor, payout_date, status, created_at_ms, paid_at_ms
      FROM settlement_batches;
    DROP TABLE settlement_batches;
    ALTER TABLE settlement_batches_v8 RENAME TO settlement_batches;
    CREATE INDEX settlement_batches_pending ON settlement_batches (payout_date) WHERE status = 'pending';
  `);
}
