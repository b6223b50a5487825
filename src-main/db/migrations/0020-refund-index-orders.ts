import type { Migration } from '../migrate';

/**
 * `entry_index.order_id` on refunds too (it was set on `sale.qr.offline` rows only, 0014): a
 * refund's expected fee is its share of the fee its order's sales were charged, less what the
 * order's refunds before it gave back (EntryIndex.refundFee). This partial index finds an
 * order's refunds and its offline sale (moved to the channel that paid, or not); an ordinary QR
 * sale is found by its payment and has no order here, so it writes no page of the index.
 * Refunds indexed before keep the fee they were given; their order is filled from the journal.
 *
 * `refunds_succeeded_at`: the refunds that succeeded in a business day, whatever day their order
 * was paid (Today's 多退 flag: an order refunded past what it was paid, by a refund today).
 */
export const m0020RefundIndexOrders: Migration = {
  version: 20,
  name: 'refund-index-orders',
  up(db) {
    db.exec(`
      UPDATE entry_index SET order_id = (SELECT j.order_id FROM journal j WHERE j.seq = entry_index.entry_seq)
        WHERE refund_minor > 0;
      CREATE INDEX entry_index_order ON entry_index(order_id, channel) WHERE order_id IS NOT NULL;
      CREATE INDEX refunds_succeeded_at ON refunds(updated_at_ms) WHERE status = 'succeeded';
    `);
  },
};
