import type { Migration } from '../migrate';

/**
 * `entry_index.order_id` on refunds too (it was set on `sale.qr.offline` rows only, 0014): a
 * refund's expected fee is its share of its order's fee, taken on the order's refunds so far
 * (EntryIndex.refundFee), found by this partial index. Partial, so a sale writes no page of it.
 * Refunds indexed before keep the fee they were given; their order is filled from the journal.
 */
export const m0020RefundIndexOrders: Migration = {
  version: 20,
  name: 'refund-index-orders',
  up(db) {
    db.exec(`
      UPDATE entry_index SET order_id = (SELECT j.order_id FROM journal j WHERE j.seq = entry_index.entry_seq)
        WHERE refund_minor > 0;
      CREATE INDEX entry_index_refund_order ON entry_index(order_id, channel) WHERE refund_minor > 0;
    `);
  },
};
