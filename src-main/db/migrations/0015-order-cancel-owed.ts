import type { Migration } from '../migrate';

/**
 * A cancel the gateway has not been told of yet. An order voided at the counter while the shop's
 * network is down (or before the gateway ever heard of it) could still be paid with its QR there,
 * where the customer's phone reaches; the sync service tells the gateway when it can
 * (`SyncService`, cancel pass), and drops what the order's expiry made moot. The partial index
 * is written only when an order is cancelled here: a sale's b-trees (0009) are as they were.
 * Orders cancelled before this version are not owed: their cancel was tried when it was made.
 */
export const m0015OrderCancelOwed: Migration = {
  version: 15,
  name: 'order-cancel-owed',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN cancel_owed INTEGER NOT NULL DEFAULT 0 CHECK (cancel_owed IN (0, 1));
      CREATE INDEX orders_cancel_owed ON orders(expires_at_ms) WHERE cancel_owed = 1;
    `);
  },
};
