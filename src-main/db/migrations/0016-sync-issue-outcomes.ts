import type { Migration } from '../migrate';

/**
 * Sync issues (0002) get a third kind and what the owner does with them:
 * - `offline_amount_mismatch`: the gateway confirmed a code-verified sale with another amount
 *   (or currency) than the one verified; the amount it reported is kept beside ours
 *   (`gateway_amount_minor`, `gateway_currency`).
 * - `resolved_by`: the owner who marked the issue handled (NULL when the gateway's own
 *   confirmation resolved it, or while it is open). One the owner handled is not reopened.
 * SQLite cannot change a CHECK in place: the table is copied, ids and all.
 */
export const m0016SyncIssueOutcomes: Migration = {
  version: 16,
  name: 'sync-issue-outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE sync_issues_v16 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL
          CHECK (kind IN ('offline_unconfirmed', 'payment_unknown_order', 'offline_amount_mismatch')),
        order_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        detail TEXT NOT NULL,
        detected_at_ms INTEGER NOT NULL,
        resolved_at_ms INTEGER,
        gateway_amount_minor INTEGER,
        gateway_currency TEXT,
        resolved_by TEXT,
        CHECK (resolved_by IS NULL OR resolved_at_ms IS NOT NULL),
        UNIQUE (kind, order_id)
      ) STRICT;
      INSERT INTO sync_issues_v16 (id, kind, order_id, amount_minor, currency, detail, detected_at_ms, resolved_at_ms)
        SELECT id, kind, order_id, amount_minor, currency, detail, detected_at_ms, resolved_at_ms FROM sync_issues;
      DROP TABLE sync_issues;
      ALTER TABLE sync_issues_v16 RENAME TO sync_issues;
    `);
  },
};
