import { JOURNAL_PUSH_BATCH_MAX } from '../../src-shared/protocol/gateway';
import { writeTx, type Db } from '../db/connection';
import { bodySha256 } from './signer';

/**
 * A push body is cut at this many bytes (counted exactly, envelope included), whatever the entry
 * count: a quarter below the gateway's 1 MiB journal limit, and the most a pass holds per batch.
 */
export const PUSH_BATCH_BYTES_MAX = 768 * 1024;
/** `{"entries":[` … `]}` around the entries (plus one comma between two, counted per entry). */
const ENVELOPE_BYTES = '{"entries":[]}'.length;

/** One push, ready to send: the `journalPushRequest` JSON of entries firstSeq…lastSeq. */
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
 * Each waiting entry as its wire JSON (`journalEntryWire`, fields in protocol order), built by
 * SQLite in the read itself: a catch-up of 100k entries makes no per-entry objects in JS. The
 * postings subquery's JSON subtype carries into the outer json_object (SQLite ≥ 3.45; the one
 * bundled with better-sqlite3 12 is 3.53), so it embeds as an array, not a string: the outbox
 * test parses the body with the protocol schema and would fail otherwise.
 */
const BATCH_SQL = `
  SELECT j.seq, json_object(
      'seq', j.seq, 'entry_id', j.entry_id, 'kind', j.kind, 'order_id', j.order_id,
      'created_at_ms', j.created_at_ms, 'memo', j.memo,
      'postings', (SELECT json_group_array(
          json_object('account', p.account, 'currency', p.currency, 'amount_minor', p.amount_minor) ORDER BY p.idx)
        FROM postings p WHERE p.entry_seq = j.seq),
      'prev_hash', j.prev_hash, 'hash', j.hash)
  FROM outbox o JOIN journal j ON j.seq = o.seq
  WHERE o.seq > ? ORDER BY o.seq LIMIT ?`;

/**
 * The journal entries waiting for the gateway's acknowledgement. Rows are added by
 * `Journal.append` in the entry's own transaction and removed only when acknowledged.
 */
export class Outbox {
  private readonly countStmt;
  private readonly batchStmt;
  private readonly ackStmt;
  private readonly stateStmt;
  private readonly setStateStmt;

  constructor(private readonly db: Db) {
    // The first row queued has waited longest (seq order is commit order, whatever the clock
    // did); reading it is one index step, where MIN(queued_at_ms) scanned the whole outbox.
    this.countStmt = db.prepare<[], { n: number; oldest: number | null }>(
      `SELECT COUNT(*) AS n, (SELECT queued_at_ms FROM outbox ORDER BY seq LIMIT 1) AS oldest FROM outbox`,
    );
    this.batchStmt = db.prepare<[number, number], [number, string]>(BATCH_SQL).raw();
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
   * The next entries after `afterSeq` to push, in seq order, bounded by count and bytes, as the
   * request body; null when none wait. `afterSeq` lets the next batch be read while the one
   * before it is still in flight (its rows leave only when acknowledged).
   */
  nextBatch(afterSeq = 0, max = JOURNAL_PUSH_BATCH_MAX): PushBatch | null {
    const rows = this.batchStmt.all(afterSeq, max);
    if (rows.length === 0) return null;
    const parts: string[] = [];
    let bytes = ENVELOPE_BYTES;
    for (const [, json] of rows) {
      bytes += Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
      if (parts.length > 0 && bytes > PUSH_BATCH_BYTES_MAX) break;
      parts.push(json);
    }
    const firstSeq = rows[0]![0];
    const lastSeq = rows[parts.length - 1]![0];
    if (!(lastSeq >= firstSeq)) throw new Error(`outbox batch out of order: ${firstSeq}…${lastSeq}`);
    const body = `{"entries":[${parts.join(',')}]}`;
    return { body, sha256Hex: bodySha256(body), firstSeq, lastSeq, count: parts.length };
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
