import type { Migration } from '../migrate';

/**
 * A sale verified by confirmation code belongs, in the settlement reports, to the channel that
 * paid it once the gateway confirms it. Before, it stayed under `offline` for good: the paying
 * channel's gross, fees and expected payout left it out (its payout came in "over"), and an
 * `offline` line waited for a payout no network makes.
 *
 * - `entry_index.order_id`: the order of a `sale.qr.offline` entry (NULL on every other row),
 *   found through a partial index while the sale is still `offline`.
 * - A `sale.qr.confirm` entry moves money between two clearing accounts: no channel's sale or
 *   refund, so no channel in the index (its rollup rows were all zero).
 * - The rollup is rebuilt from the index. Sales confirmed before this version are moved to their
 *   channel when the console starts (`EntryIndex.catchUp`, at the fee rate then in force).
 */
export const m0014OfflineSaleChannel: Migration = {
  version: 14,
  name: 'offline-sale-channel',
  up(db) {
    db.exec(`
      ALTER TABLE entry_index ADD COLUMN order_id TEXT;
      UPDATE entry_index SET order_id = (SELECT j.order_id FROM journal j WHERE j.seq = entry_index.entry_seq)
        WHERE kind = 'sale.qr.offline';
      CREATE INDEX entry_index_offline_sale ON entry_index(order_id) WHERE channel = 'offline';
      UPDATE entry_index SET channel = NULL WHERE kind = 'sale.qr.confirm';

      DELETE FROM report_rollup;
      INSERT INTO report_rollup (business_date, channel, local_hour, shift_id, operator_id, sale_count, gross_minor,
        refund_count, refunds_minor, fees_minor, fees_booked_minor, paid_minor)
      SELECT business_date, channel, local_hour, COALESCE(shift_id, ''), COALESCE(operator_id, ''),
        SUM(sale_minor > 0), SUM(sale_minor), SUM(refund_minor > 0), SUM(refund_minor), SUM(fee_expected_minor),
        SUM(fee_minor), SUM(payout_minor)
      FROM entry_index WHERE channel IS NOT NULL
      GROUP BY business_date, channel, local_hour, COALESCE(shift_id, ''), COALESCE(operator_id, '');
    `);
  },
};
