import type { LedgerVerifyView } from '../../src-shared/api';
import type { Db } from '../db/connection';
import { canonicalEntry, canonicalHash, GENESIS_HASH } from './hash';

interface Row {
  seq: number;
  entry_id: string;
  kind: string;
  order_id: string | null;
  created_at_ms: number;
  memo: string;
  prev_hash: string;
  hash: string;
  /** The string hashed, as stored since migration 0013; NULL before. */
  canonical: string | null;
}

/** Entries read per page while verifying, so memory stays flat on a large ledger. */
const VERIFY_PAGE_SIZE = 1_000;

/**
 * Walks the whole chain: seq continuity, prev_hash links, recomputed hashes, and that every
 * entry's postings sum to zero per currency. Names the first broken entry.
 */
export function verifyJournal(db: Db): LedgerVerifyView {
  const page = db.prepare<[number, number], Row>('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
  const postingsOf = db.prepare<[number], { account: string; currency: string; amount_minor: number }>(
    'SELECT account, currency, amount_minor FROM postings WHERE entry_seq = ? ORDER BY idx',
  );
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const broken = (seq: number, reason: string): LedgerVerifyView => ({
    entries: count,
    ok: false,
    firstBrokenSeq: seq,
    reason,
  });
  for (;;) {
    const rows = page.all(expectedSeq - 1, VERIFY_PAGE_SIZE);
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing`);
      if (r.prev_hash !== prevHash) return broken(r.seq, 'link to the previous entry is broken');
      const postings = postingsOf.all(r.seq).map((p) => ({
        account: p.account,
        currency: p.currency,
        amountMinor: p.amount_minor,
      }));
      const sums = new Map<string, number>();
      for (const p of postings) sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.amountMinor);
      if (postings.length < 2 || [...sums.values()].some((s) => s !== 0)) {
        return broken(r.seq, 'postings do not balance');
      }
      const canonical = canonicalEntry({
        seq: r.seq,
        entryId: r.entry_id,
        kind: r.kind,
        orderId: r.order_id,
        createdAtMs: r.created_at_ms,
        memo: r.memo,
        postings,
      });
      if (canonicalHash(r.prev_hash, canonical) !== r.hash) {
        return broken(r.seq, 'entry content does not match its hash');
      }
      // What the push sends must be the entry itself (the gateway checks only the stored string).
      if (r.canonical !== null && r.canonical !== canonical) {
        return broken(r.seq, 'the entry as sent to the gateway differs from the entry');
      }
      prevHash = r.hash;
      expectedSeq++;
    }
  }
  return { entries: count, ok: true, firstBrokenSeq: null, reason: null };
}
