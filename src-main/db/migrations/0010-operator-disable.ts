import type { Migration } from '../migrate';

/**
 * Operators can be deactivated (a cashier who left): `disabled_at_ms` set. The row stays, so
 * orders, shifts, refunds, reports and the audit log keep naming them; they no longer appear on
 * the lock screen and cannot log in or approve. NULL: active.
 */
export const m0010OperatorDisable: Migration = {
  version: 10,
  name: 'operator-disable',
  up(db) {
    db.exec('ALTER TABLE operators ADD COLUMN disabled_at_ms INTEGER');
  },
};
