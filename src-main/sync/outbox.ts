import { JOURNAL_PUSH_BATCH_MAX } from '../../src-shared/protocol/gateway';
import { canonicalEntry, GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import { HASH_LINE_CHARS } from '../../src-shared/protocol/journal-lines';
import { writeTx, type Db } from '../db/connection';
import { bodySha256 } from './signer';

/**
 * A push body is cut at this many bytes (counted exactly), whatever the entry count: a quarter
 * below the gateway's 1 MiB journal limit, and the most a pass holds per batch.
 */
export const PUSH_BATCH_BYTES_MAX = 768 * 1024;

/** One push, ready to send: entries firstSeq…lastSeq in chain lines (journal-lines.ts). */
export interface PushBatch {
  readonly body: string;
  /** The body's SHA-256 (hex), which the request signature covers: hashed as the batch is read,
   * while the batch before it is still in flight, not when it is sent. */
  readonly sha256Hex: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
}

/**
 * Each waiting entry's canonical string as hashed (stored since migration 0013) and its hash:
 * the body is these strings joined, after the hash before the first (read once, not per row).
 */
const BATCH_SQL = `
  SELECT o.seq, j.canonical, j.hash
  FROM outbox o JOIN journal j ON j.seq = o.seq
  WHERE o.seq > ? ORDER BY o.seq LIMIT ?`;

type BatchRow = [seq: number, canonical: string | null, hash: string];

/**
 * The journal entries waiting for the gateway's acknowledgement. Rows are added by
 * `Journal.append` in the entry's own transaction and removed only when acknowledged.
 */
export class Outbox {
  private readonly countStmt;
  private readonly batchStmt;
  private readonly prevHashStmt;
  private readonly hashStmt;
  private readonly requeueStmt;
  private readonly entryStmt;
  private readonly postingsStmt;
  private readonly ackStmt;
  private readonly stateStmt;
  private readonly setStateStmt;

  constructor(private readonly db: Db) {
    // The first row queued has waited longest (seq order is commit order, whatever the clock
    // did); reading it is one index step, where MIN(queued_at_ms) scanned the whole outbox.
    this.countStmt = db.prepare<[], { n: number; oldest: number | null }>(
      `SELECT COUNT(*) AS n, (SELECT queued_at_ms FROM outbox ORDER BY seq LIMIT 1) AS oldest FROM outbox`,
    );
    this.batchStmt = db.prepare<[number, number], BatchRow>(BATCH_SQL).raw();
    this.prevHashStmt = db.prepare<[number], [string]>('SELECT prev_hash FROM journal WHERE seq = ?').raw();
    this.hashStmt = db.prepare<[number], [string]>('SELECT hash FROM journal WHERE seq = ?').raw();
    // Every entry after a seq queued again: re-pairing (all of them), a gateway that lost some.
    this.requeueStmt = db.prepare(
      'INSERT OR IGNORE INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal WHERE seq > ?',
    );
    this.entryStmt = db.prepare<
      [number],
      { entry_id: string; kind: string; order_id: string | null; created_at_ms: number; memo: string }
    >('SELECT entry_id, kind, order_id, created_at_ms, memo FROM journal WHERE seq = ?');
    this.postingsStmt = db.prepare<[number], { account: string; currency: string; amountMinor: number }>(
      'SELECT account, currency, amount_minor AS amountMinor FROM postings WHERE entry_seq = ? ORDER BY idx',
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

  /**
   * The next entries after `afterSeq` to push, in seq order and contiguous, bounded by count and
   * bytes, as the request body; null when none wait. `afterSeq` lets the next batch be read while
   * the one before it is still in flight (its rows leave only when acknowledged). A hole in the
   * outbox ends the batch before it: the gateway then names the gap (journal_ahead with nothing
   * in flight before it, which the push stops on as journal_gap).
   */
  nextBatch(afterSeq = 0, max = JOURNAL_PUSH_BATCH_MAX): PushBatch | null {
    const rows = this.batchStmt.all(afterSeq, max);
    const first = rows[0];
    if (!first) return null;
    const parts: string[] = [this.prevHashStmt.get(first[0])![0]];
    let bytes = HASH_LINE_CHARS;
    let lastSeq = first[0] - 1;
    for (const [seq, stored, hash] of rows) {
      if (seq !== lastSeq + 1) break;
      const canonical = stored ?? this.canonicalOf(seq);
      bytes += Buffer.byteLength(canonical) + HASH_LINE_CHARS + 2;
      if (seq > first[0] && bytes > PUSH_BATCH_BYTES_MAX) break;
      parts.push(canonical, hash);
      lastSeq = seq;
    }
    const body = parts.join('\n');
    const count = lastSeq - first[0] + 1;
    return { body, sha256Hex: bodySha256(body), firstSeq: first[0], lastSeq, count };
  }

  /** An entry written before migration 0013 (no stored string): its canonical form, rebuilt. */
  private canonicalOf(seq: number): string {
    const e = this.entryStmt.get(seq);
    if (!e) throw new Error(`outbox names entry ${seq}, which the journal does not hold`);
    return canonicalEntry({
      seq,
      entryId: e.entry_id,
      kind: e.kind,
      orderId: e.order_id,
      createdAtMs: e.created_at_ms,
      memo: e.memo,
      postings: this.postingsStmt.all(seq),
    });
  }

  /**
   * The gateway holds everything up to `seq`: those entries leave the outbox. Not made durable
   * on its own (synchronous=NORMAL for this commit): a lost acknowledgement only re-sends
   * entries the gateway already holds, which it treats as a no-op. The next durable commit
   * (any sale) syncs the WAL, and this commit with it; the entries themselves stay FULL.
   */
  acknowledge(terminalId: string, seq: number): void {
    const relax = !this.db.inTransaction; // the pragma cannot change inside a transaction
    if (relax) this.db.pragma('synchronous = NORMAL');
    try {
      writeTx(this.db, () => {
        this.ackStmt.run(seq);
        const prev = this.stateStmt.get();
        this.setStateStmt.run(terminalId, Math.max(seq, prev?.terminal_id === terminalId ? prev.acked_seq : 0));
      });
    } finally {
      if (relax) this.db.pragma('synchronous = FULL');
    }
  }

  /** The hash of entry `seq` (the genesis hash for 0); null when the journal has no such entry. */
  hashAt(seq: number): string | null {
    if (seq === 0) return GENESIS_HASH;
    return this.hashStmt.get(seq)?.[0] ?? null;
  }

  /**
   * The gateway holds this terminal's journal only up to `seq` (it lost what it had acknowledged
   * after: restored from an older copy). Every entry after it is queued again, and the
   * acknowledged seq goes back to it. Returns how many entries are queued now.
   */
  requeueAfter(terminalId: string, seq: number): number {
    return writeTx(this.db, () => {
      this.requeueStmt.run(seq);
      this.setStateStmt.run(terminalId, seq);
      return this.countStmt.get()!.n;
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
      this.requeueStmt.run(0);
      return true;
    });
  }
}
