import type { Migration } from '../migrate';

/**
 * Fewer b-trees written per sale. A paid QR sale changed 19 pages in one durable commit, one or
 * more per table and per index it touches, and a commit costs about 8 µs per page (the WAL
 * write and its share of the fsync) on top of the fsync itself. This version removes six of
 * them, none of which a read needs:
 *
 * - `postings` and `applied_changes` become WITHOUT ROWID tables: the primary key is the table,
 *   where it was a second b-tree beside the rowid one. They are read only by their key.
 * - `postings_account` goes: only `Journal.balance` (tests, audits) reads by account, and a
 *   scan serves it. Its two leaves (one per account of a sale) were two pages per sale.
 * - `journal_order` goes: nothing reads the journal by order.
 * - `change_cursor` goes: the cursor is the highest applied change id per gateway, one step
 *   down `applied_changes`' key. A cursor above that (none is written so) is kept as an
 *   applied-change row, so it never moves back.
 *
 * Every row is copied; the append-only triggers of `postings` are made again.
 */
export const m0009SaleBtrees: Migration = {
  version: 9,
  name: 'sale-btrees',
  up(db) {
    db.exec(`
      CREATE TABLE postings_new (
        entry_seq INTEGER NOT NULL REFERENCES journal(seq),
        idx INTEGER NOT NULL,
        account TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
        PRIMARY KEY (entry_seq, idx)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO postings_new (entry_seq, idx, account, currency, amount_minor)
        SELECT entry_seq, idx, account, currency, amount_minor FROM postings ORDER BY entry_seq, idx;
      DROP TABLE postings;
      ALTER TABLE postings_new RENAME TO postings;
      CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
      CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
        BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;

      DROP INDEX journal_order;

      CREATE TABLE applied_changes_new (
        gateway_id TEXT NOT NULL,
        change_id INTEGER NOT NULL,
        applied_at_ms INTEGER NOT NULL,
        PRIMARY KEY (gateway_id, change_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO applied_changes_new (gateway_id, change_id, applied_at_ms)
        SELECT gateway_id, change_id, applied_at_ms FROM applied_changes;
      INSERT INTO applied_changes_new (gateway_id, change_id, applied_at_ms)
        SELECT c.gateway_id, c.cursor, 0 FROM change_cursor c
        WHERE c.cursor > 0
          AND c.cursor > (SELECT COALESCE(MAX(a.change_id), 0) FROM applied_changes a WHERE a.gateway_id = c.gateway_id);
      DROP TABLE applied_changes;
      ALTER TABLE applied_changes_new RENAME TO applied_changes;
      DROP TABLE change_cursor;
    `);
  },
};
