import type { Migration } from '../migrate';

/**
 * An order is found by the last 8 characters of its number: what the console's screens and
 * receipts show, and what a cashier types when a customer comes back (`orders.find`). Without
 * an index that was a scan of every order (0.4–0.8 s for a million, on the ledger's thread).
 * Written when an order is created, never when it is paid (the id does not change), so the
 * sale's b-trees (0009) are as they were.
 */
export const m0011OrderTail: Migration = {
  version: 11,
  name: 'order-tail',
  up(db) {
    db.exec('CREATE INDEX orders_tail ON orders(substr(id, -8))');
  },
};
