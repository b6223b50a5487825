/**
 * Gateway migration 7 (journal parts): 6 → insert → 7 moves every stored entry into parts,
 * verified on the way, and refuses a journal that does not verify, changing nothing.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { JOURNAL_PART_ENTRIES_MAX } from '../../src-gateway/db/migration-7-journal-parts';
import { TerminalJournalStore } from '../../src-gateway/journal/store';
import { GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire } from '../../src-shared/protocol/gateway';
import { wireChain } from '../support/journal-chain';

const TERMINALS = ['TA0000000A', 'TB0000000B', 'TC0000000C'];

const chain = (n: number, tag: string) => wireChain(n, { varied: tag });

/** A version-6 gateway holding these journals, as version 6 stored them (one row per entry). */
function version6(journals: ReadonlyMap<string, readonly JournalEntryWire[]>): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(
    db,
    GATEWAY_MIGRATIONS.filter((m) => m.version <= 6),
  );
  expect(schemaVersion(db)).toBe(6);
  const row = db.prepare(
    `INSERT INTO terminal_journal (terminal_id, seq, entry_id, kind, order_id, created_at_ms, memo, postings,
       prev_hash, hash, received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const head = db.prepare('INSERT INTO terminal_journal_head (terminal_id, seq, hash) VALUES (?, ?, ?)');
  for (const id of TERMINALS) {
    db.prepare("INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES (?, 'c', x'00', 1)").run(id);
  }
  for (const [id, entries] of journals) {
    for (const e of entries) {
      row.run(
        id,
        e.seq,
        e.entry_id,
        e.kind,
        e.order_id,
        e.created_at_ms,
        e.memo,
        JSON.stringify(e.postings),
        e.prev_hash,
        e.hash,
        5_000 + e.seq,
      );
    }
    const last = entries.at(-1);
    if (last) head.run(id, last.seq, last.hash);
  }
  return db;
}

describe('gateway migration 7', () => {
  it('moves each terminal journal into parts of at most a push, every entry as it was', () => {
    const n = JOURNAL_PART_ENTRIES_MAX * 2 + 7; // two full parts and a short one
    const journals = new Map([
      [TERMINALS[0]!, chain(n, 'a')],
      [TERMINALS[1]!, chain(3, 'b')],
    ]);
    const db = version6(journals);
    expect(
      runMigrations(
        db,
        GATEWAY_MIGRATIONS.filter((m) => m.version <= 7),
      ),
    ).toEqual([7]);
    const store = new TerminalJournalStore(db);
    for (const [id, entries] of journals) {
      expect(store.all(id)).toEqual(entries);
      expect(store.head(id)).toEqual({ seq: entries.length, hash: entries.at(-1)!.hash });
    }
    expect(store.all(TERMINALS[2]!)).toEqual([]); // a terminal that never pushed
    expect(
      db
        .prepare('SELECT terminal_id, first_seq, last_seq FROM terminal_journal_parts ORDER BY terminal_id, last_seq')
        .all(),
    ).toEqual([
      { terminal_id: TERMINALS[0], first_seq: 1, last_seq: JOURNAL_PART_ENTRIES_MAX },
      { terminal_id: TERMINALS[0], first_seq: JOURNAL_PART_ENTRIES_MAX + 1, last_seq: 2 * JOURNAL_PART_ENTRIES_MAX },
      { terminal_id: TERMINALS[0], first_seq: 2 * JOURNAL_PART_ENTRIES_MAX + 1, last_seq: n },
      { terminal_id: TERMINALS[1], first_seq: 1, last_seq: 3 },
    ]);
    // the old table is gone; the new one is append-only and checks its hash count
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'terminal_journal'").all()).toEqual([]);
    expect(() => db.prepare("UPDATE terminal_journal_parts SET entries = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM terminal_journal_parts').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO terminal_journal_parts (terminal_id, first_seq, last_seq, entries, hashes, received_at_ms)
           VALUES (?, 4, 5, 'x', zeroblob(32), 1)`,
        )
        .run(TERMINALS[1]),
    ).toThrow(/CHECK/);
    db.close();
  });

  const damages: [string, (entries: JournalEntryWire[]) => JournalEntryWire[], RegExp][] = [
    ['an edited entry', (es) => es.map((e) => (e.seq === 2 ? { ...e, memo: 'edited' } : e)), /entry 2: its hash/],
    ['a missing entry', (es) => es.filter((e) => e.seq !== 2), /entry 3: entry 2 is missing/],
    [
      'a broken link',
      (es) => es.map((e) => (e.seq === 3 ? { ...e, prev_hash: GENESIS_HASH } : e)),
      /entry 3: prev_hash/,
    ],
  ];
  for (const [what, damage, message] of damages) {
    it(`refuses ${what} and leaves version 6 as it was`, () => {
      const damaged = version6(new Map([[TERMINALS[0]!, damage(chain(4, 'a'))]]));
      const before = damaged.prepare('SELECT * FROM terminal_journal ORDER BY seq').all();
      expect(() => runMigrations(damaged, GATEWAY_MIGRATIONS)).toThrow(message);
      expect(schemaVersion(damaged)).toBe(6);
      expect(damaged.prepare('SELECT * FROM terminal_journal ORDER BY seq').all()).toEqual(before);
      damaged.close();
    });
  }

  it('refuses a head that does not name the last stored entry', () => {
    const db = version6(new Map([[TERMINALS[0]!, chain(3, 'a')]]));
    db.prepare('UPDATE terminal_journal_head SET seq = 2').run();
    expect(() => runMigrations(db, GATEWAY_MIGRATIONS)).toThrow(/head is not the last entry/);
    expect(schemaVersion(db)).toBe(6);
    db.close();
  });
});
