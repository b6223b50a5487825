import type { Migration } from '../migrate';

/**
 * Each journal entry keeps the canonical string its hash was computed over (journal-entry.ts),
 * written by `Journal.append` from now on. The push sends it as it is (chain lines,
 * journal-lines.ts): a catch-up reads one column per entry instead of building JSON from the
 * entry and its postings. Entries written before this migration keep NULL (the journal is
 * append-only: no row is ever updated); the push builds theirs from the columns.
 */
export const m0013JournalCanonical: Migration = {
  version: 13,
  name: 'journal-canonical',
  up(db) {
    db.exec('ALTER TABLE journal ADD COLUMN canonical TEXT');
  },
};
