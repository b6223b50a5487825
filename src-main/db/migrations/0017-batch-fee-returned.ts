import type { Migration } from '../migrate';

/**
 * A settlement batch's fee may be negative: a refund returns its own fee (as Alipay and WeChat
 * Pay do, and as the reports expect it, `entry-index.ts`), so a day of refunds only has a fee
 * returned. SQLite cannot drop a CHECK in place: the table is rebuilt with the same rows.
 */
export const m0017BatchFeeReturned: Migration = {
  version: 17,
  name: 'batch-fee-returned',
  up(db) {
    db.exec(`
      CREATE TABLE settlement_batches_0017 (
        batch_id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        channel TEXT NOT NULL,
        currency TEXT NOT NULL,
        gross_minor INTEGER NOT NULL,
        refunds_minor INTEGER NOT NULL,
        fee_minor INTEGER NOT NULL,
        payout_minor INTEGER NOT NULL,
        payout_date TEXT NOT NULL,
        status TEXT NOT NULL,
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO settlement_batches_0017 SELECT batch_id, business_date, channel, currency, gross_minor,
        refunds_minor, fee_minor, payout_minor, payout_date, status, recorded_at_ms FROM settlement_batches;
      DROP TABLE settlement_batches;
      ALTER TABLE settlement_batches_0017 RENAME TO settlement_batches;
    `);
  },
};
