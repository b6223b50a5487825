/**
 * Version 7: a terminal's journal is stored as the verified parts it arrived in, not one row per
 * entry. A part is one push's new entries: their canonical strings (exactly what was hashed,
 * one per line) and their hashes (32 bytes each). A 100k-entry catch-up wrote 100k rows into
 * two b-trees; it now writes 100 rows, a third of the bytes (no JSON keys, no prev_hash, binary
 * hashes). The journal is read whole (audits) or by a re-sent entry's hash, never by field.
 *
 * The old rows move in parts of `JOURNAL_PART_ENTRIES_MAX`. Each is verified on the way: seqs
 * from 1 without a gap, every prev_hash the hash before it, every hash recomputed from the
 * canonical string, the head at the last entry. Any disagreement refuses the migration, and the
 * step's transaction leaves version 6 as it was.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH, wireCanonical } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire } from '../../src-shared/protocol/gateway';
import { JOURNAL_PUSH_BATCH_MAX } from '../../src-shared/protocol/limits';
import { sha256Hex } from '../crypto';

/** Entries per part: what one push stores at most. */
export const JOURNAL_PART_ENTRIES_MAX = JOURNAL_PUSH_BATCH_MAX;
const READ_PAGE_ROWS = 5_000;

export const JOURNAL_PARTS_SQL = `
  CREATE TABLE terminal_journal_parts (
    terminal_id TEXT NOT NULL REFERENCES terminals (id),
    first_seq INTEGER NOT NULL CHECK (first_seq >= 1),
    last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),
    -- One canonical entry per line (canonicalEntry, JSON: never a raw newline inside).
    entries TEXT NOT NULL,
    -- The entries' hashes, 32 bytes each, in seq order.
    hashes BLOB NOT NULL CHECK (length(hashes) = 32 * (last_seq - first_seq + 1)),
    received_at_ms INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX terminal_journal_parts_seq ON terminal_journal_parts (terminal_id, last_seq);
  CREATE TRIGGER terminal_journal_parts_no_update BEFORE UPDATE ON terminal_journal_parts
    BEGIN SELECT RAISE(ABORT, 'terminal journal is append-only'); END;
  CREATE TRIGGER terminal_journal_parts_no_delete BEFORE DELETE ON terminal_journal_parts
    BEGIN SELECT RAISE(ABORT, 'terminal journal is append-only'); END;
`;

interface OldRow {
  terminal_id: string;
  seq: number;
  entry_id: string;
  kind: string;
  order_id: string | null;
  created_at_ms: number;
  memo: string;
  postings: string;
  prev_hash: string;
  hash: string;
  received_at_ms: number;
}

function refuse(terminalId: string, seq: number, why: string): never {
  throw new Error(`gateway migration 7: terminal ${terminalId} entry ${seq}: ${why}; nothing was changed`);
}

export function v7JournalParts(db: Database.Database): void {
  db.exec(JOURNAL_PARTS_SQL);
  const insert = db.prepare(
    `INSERT INTO terminal_journal_parts (terminal_id, first_seq, last_seq, entries, hashes, received_at_ms)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const heads = new Map(
    db
      .prepare<[], { terminal_id: string; seq: number; hash: string }>(
        'SELECT terminal_id, seq, hash FROM terminal_journal_head',
      )
      .all()
      .map((h) => [h.terminal_id, h]),
  );
  let terminal: string | null = null;
  let prev = { seq: 0, hash: GENESIS_HASH };
  let lines: string[] = [];
  let hashes: Buffer[] = [];
  let receivedAtMs = 0;
  const flush = (): void => {
    if (terminal === null || lines.length === 0) return;
    insert.run(terminal, prev.seq - lines.length + 1, prev.seq, lines.join('\n'), Buffer.concat(hashes), receivedAtMs);
    lines = [];
    hashes = [];
  };
  const endTerminal = (): void => {
    flush();
    if (terminal === null) return;
    const head = heads.get(terminal);
    if (!head || head.seq !== prev.seq || head.hash !== prev.hash)
      refuse(terminal, prev.seq, 'the stored head is not the last entry');
    heads.delete(terminal);
  };
  // Read in pages (keyset on the primary key): a statement cannot write while another iterates.
  const page = db.prepare<[string, number], OldRow>(
    `SELECT * FROM terminal_journal WHERE (terminal_id, seq) > (?, ?) ORDER BY terminal_id, seq LIMIT ${READ_PAGE_ROWS}`,
  );
  for (let rows = page.all('', 0); rows.length > 0; rows = page.all(rows.at(-1)!.terminal_id, rows.at(-1)!.seq)) {
    for (const r of rows) visit(r);
  }
  endTerminal();
  for (const [id, head] of heads)
    if (head.seq !== 0) refuse(id, head.seq, 'the head names entries that are not stored');
  db.exec('DROP TABLE terminal_journal');

  function visit(r: OldRow): void {
    if (r.terminal_id !== terminal) {
      endTerminal();
      terminal = r.terminal_id;
      prev = { seq: 0, hash: GENESIS_HASH };
    }
    if (r.seq !== prev.seq + 1) refuse(r.terminal_id, r.seq, `entry ${prev.seq + 1} is missing`);
    if (r.prev_hash !== prev.hash) refuse(r.terminal_id, r.seq, 'prev_hash is not the hash before it');
    const e: Omit<JournalEntryWire, 'prev_hash' | 'hash'> = {
      seq: r.seq,
      entry_id: r.entry_id,
      kind: r.kind,
      order_id: r.order_id,
      created_at_ms: r.created_at_ms,
      memo: r.memo,
      postings: JSON.parse(r.postings) as JournalEntryWire['postings'],
    };
    const canonical = wireCanonical(e);
    if (sha256Hex(`${r.prev_hash}\n${canonical}`) !== r.hash) refuse(r.terminal_id, r.seq, 'its hash does not verify');
    lines.push(canonical);
    hashes.push(Buffer.from(r.hash, 'hex'));
    receivedAtMs = r.received_at_ms;
    prev = { seq: r.seq, hash: r.hash };
    if (lines.length === JOURNAL_PART_ENTRIES_MAX) flush();
  }
}
