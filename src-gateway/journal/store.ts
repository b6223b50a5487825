/**
 * A terminal's pushed journal and its verified head (highest contiguous seq and its hash).
 * Stored as the parts it arrived in (migration 7): each part holds one push's new entries as
 * canonical strings, one per line, and their hashes as 32 bytes each.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH, parseCanonical } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire } from '../../src-shared/protocol/gateway';

export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/** The stored hashes of the part holding one seq. */
export interface StoredHashes {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly hashes: Buffer;
}

/** A verified run of new entries, ready to store as one part. */
export interface JournalPart {
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The entries' canonical strings joined by '\n'. */
  readonly entries: string;
  /** 32 bytes per entry. */
  readonly hashes: Buffer;
}

export const HASH_BYTES = 32;

/** The hash of `seq` from the part holding it, as hex. */
export function storedHashAt(part: StoredHashes, seq: number): string | null {
  if (seq < part.firstSeq || seq > part.lastSeq) return null;
  const at = (seq - part.firstSeq) * HASH_BYTES;
  return part.hashes.toString('hex', at, at + HASH_BYTES);
}

export class TerminalJournalStore {
  private readonly headStmt;
  private readonly partAtStmt;
  private readonly insertStmt;
  private readonly setHeadStmt;
  private readonly partsStmt;

  constructor(db: Database.Database) {
    this.headStmt = db.prepare<[string], JournalHead>(
      'SELECT seq, hash FROM terminal_journal_head WHERE terminal_id = ?',
    );
    this.partAtStmt = db.prepare<[string, number], { first_seq: number; last_seq: number; hashes: Buffer }>(
      `SELECT first_seq, last_seq, hashes FROM terminal_journal_parts
       WHERE terminal_id = ? AND last_seq >= ? ORDER BY last_seq LIMIT 1`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO terminal_journal_parts (terminal_id, first_seq, last_seq, entries, hashes, received_at_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.setHeadStmt = db.prepare(
      `INSERT INTO terminal_journal_head (terminal_id, seq, hash) VALUES (?, ?, ?)
       ON CONFLICT(terminal_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    );
    this.partsStmt = db.prepare<[string], { first_seq: number; last_seq: number; entries: string; hashes: Buffer }>(
      'SELECT first_seq, last_seq, entries, hashes FROM terminal_journal_parts WHERE terminal_id = ? ORDER BY last_seq',
    );
  }

  head(terminalId: string): JournalHead {
    return this.headStmt.get(terminalId) ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** The hashes of the stored part holding `seq`, or null if no part holds it. */
  partAt(terminalId: string, seq: number): StoredHashes | null {
    const r = this.partAtStmt.get(terminalId, seq);
    if (!r || r.first_seq > seq) return null;
    return { firstSeq: r.first_seq, lastSeq: r.last_seq, hashes: r.hashes };
  }

  hashAt(terminalId: string, seq: number): string | null {
    const part = this.partAt(terminalId, seq);
    return part ? storedHashAt(part, seq) : null;
  }

  /** Inside the caller's transaction, after verification. */
  insert(terminalId: string, part: JournalPart, nowMs: number): void {
    this.insertStmt.run(terminalId, part.firstSeq, part.lastSeq, part.entries, part.hashes, nowMs);
  }

  /**
   * A verified run of new entries, from `firstSeq` to `head`: their canonical strings and their
   * hashes (32 bytes each, as many as `lines`), stored as one part; the head moves to its end.
   * Inside the caller's transaction. Nothing to store (a re-sent batch): nothing happens.
   */
  appendRun(
    terminalId: string,
    firstSeq: number,
    head: JournalHead,
    lines: readonly string[],
    hashes: Buffer,
    nowMs: number,
  ): void {
    if (lines.length === 0) return;
    const part = {
      firstSeq,
      lastSeq: head.seq,
      entries: lines.join('\n'),
      hashes: hashes.subarray(0, lines.length * HASH_BYTES),
    };
    this.insert(terminalId, part, nowMs);
    this.setHead(terminalId, head);
  }

  setHead(terminalId: string, head: JournalHead): void {
    this.setHeadStmt.run(terminalId, head.seq, head.hash);
  }

  /**
   * Every stored entry of a terminal, in seq order (tests, audits), in its wire form: prev_hash
   * is the hash before it. A stored string that is not canonical is a damaged database: thrown.
   */
  all(terminalId: string): JournalEntryWire[] {
    const out: JournalEntryWire[] = [];
    let prev = GENESIS_HASH;
    for (const part of this.partsStmt.all(terminalId)) {
      const lines = part.entries.split('\n');
      if (lines.length !== part.last_seq - part.first_seq + 1 || part.hashes.length !== lines.length * HASH_BYTES) {
        throw new Error(`terminal ${terminalId}: stored part ${part.first_seq}…${part.last_seq} is damaged`);
      }
      lines.forEach((line, i) => {
        const fields = parseCanonical(line);
        if (!fields || fields.seq !== part.first_seq + i) {
          throw new Error(`terminal ${terminalId}: stored entry ${part.first_seq + i} is damaged`);
        }
        const hash = part.hashes.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES);
        out.push({ ...fields, prev_hash: prev, hash } as JournalEntryWire);
        prev = hash;
      });
    }
    return out;
  }
}
