import type { Migration } from '../migrate';

/**
 * The owner's recovery code (operators/recovery.ts): one per shop, stored as a scrypt hash like
 * a PIN, with its own count of wrong tries and lockout. It lets an owner who forgot their PIN
 * set a new one at the lock screen, once; then a new code is made. No row: no code yet.
 */
export const m0012OwnerRecovery: Migration = {
  version: 12,
  name: 'owner-recovery',
  up(db) {
    db.exec(`
      CREATE TABLE owner_recovery (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        code_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until_ms INTEGER
      ) STRICT;
    `);
  },
};
