import type { Migration } from '../migrate';

/**
 * Owner unlock of an order locked by wrong confirmation codes: how many times the owner has
 * granted another round of tries. The tries themselves stay in `code_attempts` (reset by an
 * unlock); each unlock is also an audit record with who approved it and why.
 */
export const m0006CodeUnlocks: Migration = {
  version: 6,
  name: 'code-unlocks',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN code_unlocks INTEGER NOT NULL DEFAULT 0 CHECK (code_unlocks >= 0);
    `);
  },
};
