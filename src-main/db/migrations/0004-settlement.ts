import type { Migration } from '../migrate';

/**
 * Settlement (issue 5): shifts, cash sales, and the settlement index — one derived row per
 * journal entry with its business date, channel, shift and cashier, so reports are SQL over an
 * index instead of loops over the journal. The journal itself is never rewritten.
 */
export const m0004Settlement: Migration = {
  version: 4,
  name: 'settlement',
  up(db) {
    db.exec(`
      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        opened_at_ms INTEGER NOT NULL,
        opening_float_minor INTEGER NOT NULL CHECK (opening_float_minor >= 0),
        closed_at_ms INTEGER,
        closed_by TEXT,
        expected_minor INTEGER,
        counted_minor INTEGER CHECK (counted_minor IS NULL OR counted_minor >= 0),
        CHECK ((closed_at_ms IS NULL) = (counted_minor IS NULL))
      ) STRICT;
      -- At most one open shift per console.
      CREATE UNIQUE INDEX shifts_one_open ON shifts((1)) WHERE closed_at_ms IS NULL;
      CREATE INDEX shifts_opened ON shifts(opened_at_ms);

      CREATE TABLE cash_sales (
        id TEXT PRIMARY KEY,
        shift_id TEXT NOT NULL REFERENCES shifts(id),
        entry_seq INTEGER NOT NULL REFERENCES journal(seq),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        tendered_minor INTEGER NOT NULL CHECK (tendered_minor >= amount_minor),
        change_minor INTEGER NOT NULL CHECK (change_minor = tendered_minor - amount_minor),
        currency TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      -- Settlement batches the network reported (gateway change feed), once per batch id.
      CREATE TABLE settlement_batches (
        batch_id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        channel TEXT NOT NULL,
        currency TEXT NOT NULL,
        gross_minor INTEGER NOT NULL,
        refunds_minor INTEGER NOT NULL,
        fee_minor INTEGER NOT NULL CHECK (fee_minor >= 0),
        payout_minor INTEGER NOT NULL,
        payout_date TEXT NOT NULL,
        status TEXT NOT NULL,
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;

      -- Derived from the journal. business_date/local_hour are re-derived when the time zone or
      -- cutoff changes (date_fixed = 1: a settlement batch's own date, never re-derived);
      -- shift_id/operator_id are facts captured at commit time.
      CREATE TABLE entry_index (
        entry_seq INTEGER PRIMARY KEY REFERENCES journal(seq),
        created_at_ms INTEGER NOT NULL,
        business_date TEXT NOT NULL,
        local_hour INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
        date_fixed INTEGER NOT NULL DEFAULT 0 CHECK (date_fixed IN (0, 1)),
        kind TEXT NOT NULL,
        channel TEXT,
        shift_id TEXT,
        operator_id TEXT,
        currency TEXT NOT NULL,
        sale_minor INTEGER NOT NULL DEFAULT 0,
        refund_minor INTEGER NOT NULL DEFAULT 0,
        fee_minor INTEGER NOT NULL DEFAULT 0,
        payout_minor INTEGER NOT NULL DEFAULT 0,
        cash_minor INTEGER NOT NULL DEFAULT 0,
        -- The network fee this entry should cost (sale: +, refund: −), per transaction, half up,
        -- at the rate in force when it was committed — as the provider charges it.
        fee_expected_minor INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX entry_index_day ON entry_index(business_date, channel);
      CREATE INDEX entry_index_shift ON entry_index(shift_id) WHERE shift_id IS NOT NULL;

      -- Derived from entry_index (rebuilt whole when the zone or cutoff changes): one row per
      -- business date × channel × local hour × shift × cashier, kept current by every append.
      -- Range reports read this, a few hundred rows a day, instead of every entry.
      CREATE TABLE report_rollup (
        business_date TEXT NOT NULL,
        channel TEXT NOT NULL,
        local_hour INTEGER NOT NULL,
        shift_id TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        sale_count INTEGER NOT NULL,
        gross_minor INTEGER NOT NULL,
        refund_count INTEGER NOT NULL,
        refunds_minor INTEGER NOT NULL,
        fees_minor INTEGER NOT NULL,
        fees_booked_minor INTEGER NOT NULL,
        paid_minor INTEGER NOT NULL,
        PRIMARY KEY (business_date, channel, local_hour, shift_id, operator_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
