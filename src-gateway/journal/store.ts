/** A terminal's pushed journal and its verified head (highest contiguous seq and its hash). */
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire } from '../../src-shared/protocol/gateway';

export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

export interface StoredEntry extends JournalEntryWire {
  readonly received_at_ms: number;
}

export class TerminalJournalStore {
  private readonly headStmt;
  private readonly hashAtStmt;
  private readonly insertStmt;
  private readonly setHeadStmt;
  private readonly allStmt;

  constructor(db: Database.Database) {
    this.headStmt = db.prepare<[string], JournalHead>(
      'SELECT seq, hash FROM terminal_journal_head WHERE terminal_id = ?',
    );
    this.hashAtStmt = db.prepare<[string, number], { hash: string }>(
      'SELECT hash FROM terminal_journal WHERE terminal_id = ? AND seq = ?',
    );
    this.insertStmt = db.prepare(
      `INSERT INTO terminal_journal (terminal_id, seq, entry_id, kind, order_id, created_at_ms, memo, postings,
         prev_hash, hash, received_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.setHeadStmt = db.prepare(
      `INSERT INTO terminal_journal_head (terminal_id, seq, hash) VALUES (?, ?, ?)
       ON CONFLICT(terminal_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    );
    this.allStmt = db.prepare<[string], Record<string, unknown>>(
      'SELECT * FROM terminal_journal WHERE terminal_id = ? ORDER BY seq',
    );
  }

  head(terminalId: string): JournalHead {
    return this.headStmt.get(terminalId) ?? { seq: 0, hash: GENESIS_HASH };
  }

  hashAt(terminalId: string, seq: number): string | null {
    return this.hashAtStmt.get(terminalId, seq)?.hash ?? null;
  }

  /** Inside the caller's transaction, after verification. */
  insert(terminalId: string, e: JournalEntryWire, nowMs: number): void {
    this.insertStmt.run(
      terminalId,
      e.seq,
      e.entry_id,
      e.kind,
      e.order_id,
      e.created_at_ms,
      e.memo,
      JSON.stringify(e.postings),
      e.prev_hash,
      e.hash,
      nowMs,
    );
  }

  setHead(terminalId: string, head: JournalHead): void {
    this.setHeadStmt.run(terminalId, head.seq, head.hash);
  }

  /** Every stored entry of a terminal, in seq order (tests, audits). */
  all(terminalId: string): JournalEntryWire[] {
    return this.allStmt.all(terminalId).map((r) => ({
      seq: r.seq as number,
      entry_id: r.entry_id as string,
      kind: r.kind as string,
      order_id: (r.order_id as string | null) ?? null,
      created_at_ms: r.created_at_ms as number,
      memo: r.memo as string,
      postings: JSON.parse(r.postings as string) as JournalEntryWire['postings'],
      prev_hash: r.prev_hash as string,
      hash: r.hash as string,
    }));
  }
}
