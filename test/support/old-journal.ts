/**
 * A journal entry written as the console wrote it before migration 0013 (no stored canonical
 * string): columns, postings and, where the schema has one (0002), its outbox row. For tests of
 * migrations and of entries from older versions; today's code writes through `Journal.append`.
 */
import type { Db } from '../../src-main/db/connection';
import { canonicalEntry, canonicalHash, GENESIS_HASH, type HashedFields } from '../../src-main/ledger/hash';

/** Appends `fields` after the journal's last entry; returns its hash. */
export function appendBefore0013(db: Db, fields: Omit<HashedFields, 'seq'>, queue = true): string {
  const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS_HASH;
  const hash = canonicalHash(prev, canonicalEntry({ ...fields, seq }));
  db.transaction(() => {
    db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(seq, fields.entryId, fields.kind, fields.orderId, fields.createdAtMs, fields.memo, prev, hash);
    fields.postings.forEach((p, idx) =>
      db
        .prepare('INSERT INTO postings (entry_seq, idx, account, currency, amount_minor) VALUES (?, ?, ?, ?, ?)')
        .run(seq, idx, p.account, p.currency, p.amountMinor),
    );
    if (queue) db.prepare('INSERT INTO outbox (seq, queued_at_ms) VALUES (?, ?)').run(seq, fields.createdAtMs);
  })();
  return hash;
}
