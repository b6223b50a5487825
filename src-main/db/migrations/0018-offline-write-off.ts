import type { Migration } from '../migrate';

/**
 * A sale verified by code that the gateway never confirmed can be written off by the owner
 * (`OfflineService.writeOff`): it stops awaiting (offline_state NULL, so it leaves the offline
 * total, the age alarm and the status bar) and the time is kept here. A payment that arrives
 * after all books it back and sets offline_state 'confirmed'. A column of its own, not a third
 * offline_state: SQLite cannot widen that column's CHECK without copying the orders table.
 * The written-off sale moves in the settlement index to the `writeoff` channel, where it is
 * found by its order as the offline ones are (0014).
 */
export const m0018OfflineWriteOff: Migration = {
  version: 18,
  name: 'offline-write-off',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN offline_written_off_at_ms INTEGER;
      CREATE INDEX entry_index_written_off_sale ON entry_index(order_id) WHERE channel = 'writeoff';
    `);
  },
};
