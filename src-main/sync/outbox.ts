import type { JournalEntryWire } from '../../src-shared/protocol/gateway';
import { JOURNAL_PUSH_BATCH_MAX } from '../../src-shared/protocol/gateway';
import { writeTx, type Db } from '../db/connection';

/**
 * A push body is cut at this many bytes of entries (below the gateway's 1 MiB limit, with room
 * for the envelope), whatever the entry count.
 */
export const PUSH_BATCH_BYTES_MAX = 768 * 1024;
/** Keys, ids, hashes and numbers of one entry in JSON: well above the real ~330 bytes. */
const ENTRY_FIXED_BYTES = 400;
/** One posting: account (≤ 40) + currency + amount + keys. */
const POSTING_BYTES_MAX = 120;

interface EntryRow {
  seq: number;
  entry_id: string;
  kind: string;
  order_id: string | null;
  created_at_ms: number;
  memo: string;
  prev_hash: string;
  hash: string;
}

/**
 * The journal entries waiting for the gateway's acknowledgement. Rows are added by
 * `Journal.append` in the entry's own transaction and removed only when acknowledged.
 */
export class Outbox {
  private readonly countStmt;
  private readonly batchStmt;
  private readonly postingsStmt;
  private readonly ackStmt;
  private readonly stateStmt;
  private readonly setStateStmt;

  constructor(private readonly db: Db) {
    this.countStmt = db.prepare<[], { n: number; oldest: number | null }>(
      'SELECT COUNT(*) AS n, MIN(queued_at_ms) AS oldest FROM outbox',
    );
    this.batchStmt = db.prepare<[number], EntryRow>(
      `SELECT j.seq, j.entry_id, j.kind, j.order_id, j.created_at_ms, j.memo, j.prev_hash, j.hash
       FROM outbox o JOIN journal j ON j.seq = o.seq ORDER BY o.seq LIMIT ?`,
    );
    this.postingsStmt = db.prepare<
      [number, number],
      { entry_seq: number; account: string; currency: string; amount_minor: number }
    >(
      `SELECT entry_seq, account, currency, amount_minor FROM postings
       WHERE entry_seq BETWEEN ? AND ? ORDER BY entry_seq, idx`,
    );
    this.ackStmt = db.prepare('DELETE FROM outbox WHERE seq <= ?');
    this.stateStmt = db.prepare<[], { terminal_id: string; acked_seq: number }>(
      'SELECT terminal_id, acked_seq FROM push_state WHERE one = 1',
    );
    this.setStateStmt = db.prepare(
      `INSERT INTO push_state (one, terminal_id, acked_seq) VALUES (1, ?, ?)
       ON CONFLICT(one) DO UPDATE SET terminal_id = excluded.terminal_id, acked_seq = excluded.acked_seq`,
    );
  }

  pending(): { count: number; oldestAtMs: number | null } {
    const r = this.countStmt.get()!;
    return { count: r.n, oldestAtMs: r.oldest };
  }

  /** The next entries to push, in seq order, bounded by count and bytes. */
  nextBatch(max = JOURNAL_PUSH_BATCH_MAX): JournalEntryWire[] {
    const rows = this.batchStmt.all(max);
    if (rows.length === 0) return [];
    // One query for all postings of the batch (entries are contiguous in the outbox, mostly).
    const bySeq = new Map<number, JournalEntryWire['postings'][number][]>();
    for (const p of this.postingsStmt.all(rows[0]!.seq, rows[rows.length - 1]!.seq)) {
      let list = bySeq.get(p.entry_seq);
      if (!list) bySeq.set(p.entry_seq, (list = []));
      list.push({ account: p.account, currency: p.currency as never, amount_minor: p.amount_minor });
    }
    const out: JournalEntryWire[] = [];
    let bytes = 0;
    for (const r of rows) {
      const postings = bySeq.get(r.seq) ?? [];
      // An upper bound of the entry's JSON size (fixed fields + escaped text), without serializing.
      bytes += ENTRY_FIXED_BYTES + 6 * (r.memo.length + r.kind.length) + postings.length * POSTING_BYTES_MAX;
      if (out.length > 0 && bytes > PUSH_BATCH_BYTES_MAX) break;
      out.push({
        seq: r.seq,
        entry_id: r.entry_id,
        kind: r.kind,
        order_id: r.order_id,
        created_at_ms: r.created_at_ms,
        memo: r.memo,
        postings,
        prev_hash: r.prev_hash,
        hash: r.hash,
      });
    }
    return out;
  }

  /** The gateway holds everything up to `seq`: those entries leave the outbox. */
  acknowledge(terminalId: string, seq: number): void {
    writeTx(this.db, () => {
      this.ackStmt.run(seq);
      const prev = this.stateStmt.get();
      this.setStateStmt.run(terminalId, Math.max(seq, prev?.terminal_id === terminalId ? prev.acked_seq : 0));
    });
  }

  /**
   * The journal is pushed to one terminal id. When the pairing names another terminal (re-paired,
   * a new gateway), every entry is queued again for it. Returns true when it re-queued.
   */
  ensureTerminal(terminalId: string): boolean {
    return writeTx(this.db, () => {
      const state = this.stateStmt.get();
      if (state?.terminal_id === terminalId) return false;
      const hadState = state !== undefined;
      this.setStateStmt.run(terminalId, 0);
      if (!hadState) return false; // first pairing: the outbox already holds every entry
      this.db.exec('INSERT OR IGNORE INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal');
      return true;
    });
  }
}
