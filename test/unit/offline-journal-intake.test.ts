import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { JournalIntake, wireEntryHash } from '../../src-gateway/journal/service';
import { TerminalJournalStore } from '../../src-gateway/journal/store';
import { GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import { ManualClock } from '../support/fixtures';
import { wireChain } from '../support/journal-chain';

const T = 'TA0000000A';
let intake: JournalIntake;
let store: TerminalJournalStore;

/** A valid chain of n sales, continuing from `from`. */
const chain = (n: number, from?: { seq: number; hash: string }) => wireChain(n, { from });

beforeEach(() => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, GATEWAY_MIGRATIONS);
  db.prepare("INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES (?, 'c', x'00', 1)").run(T);
  store = new TerminalJournalStore(db);
  intake = new JournalIntake(db, new ManualClock(), store);
});

describe('the gateway receiving a terminal journal', () => {
  it('stores a contiguous chain and acks its last seq; re-sending any batch changes nothing', () => {
    const entries = chain(5);
    expect(intake.push(T, entries.slice(0, 3))).toEqual({
      ok: true,
      value: { acked_seq: 3, head_hash: entries[2]!.hash },
    });
    expect(intake.push(T, entries.slice(0, 3))).toMatchObject({ ok: true, value: { acked_seq: 3 } });
    // an overlapping batch stores only what is new
    expect(intake.push(T, entries.slice(1, 5))).toMatchObject({ ok: true, value: { acked_seq: 5 } });
    expect(intake.push(T, entries)).toMatchObject({ ok: true, value: { acked_seq: 5 } });
    expect(store.all(T)).toEqual(entries);
  });

  it('refuses a gap, naming the seq that is next', () => {
    const entries = chain(4);
    intake.push(T, entries.slice(0, 1));
    const r = intake.push(T, entries.slice(2));
    expect(r).toMatchObject({ ok: false, error: { code: 'journal_gap' } });
    expect(store.head(T).seq).toBe(1);
  });

  it('refuses a broken chain: an edited entry or a wrong link, and stores none of the batch', () => {
    const entries = chain(3);
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, memo: 'edited' } : e));
    expect(intake.push(T, edited)).toMatchObject({ ok: false, error: { code: 'journal_chain_broken' } });
    expect(store.all(T)).toEqual([]);
    const relinked = entries.map((e) => (e.seq === 3 ? { ...e, prev_hash: GENESIS_HASH } : e));
    expect(intake.push(T, relinked)).toMatchObject({ ok: false, error: { code: 'journal_chain_broken' } });
  });

  it('refuses an entry that differs from the one already received at that seq', () => {
    const entries = chain(2);
    intake.push(T, entries);
    const other = chain(2, { seq: 0, hash: GENESIS_HASH }).map((e) => ({ ...e, hash: 'a'.repeat(64) }));
    expect(intake.push(T, other.slice(0, 1))).toMatchObject({ ok: false, error: { code: 'journal_conflict' } });
  });

  it('refuses postings that do not sum to zero even with a valid hash', () => {
    const [e] = chain(1);
    const bad = { ...e!, postings: [e!.postings[0]!, { ...e!.postings[1]!, amount_minor: -1 }] };
    const rehashed = { ...bad, hash: wireEntryHash(bad) };
    expect(intake.push(T, [rehashed])).toMatchObject({ ok: false, error: { code: 'journal_unbalanced' } });
  });

  it('stores each push as one part; a re-send across parts is a no-op and an edit anywhere in one is refused', () => {
    const entries = chain(9);
    for (const [from, to] of [
      [0, 3],
      [3, 4],
      [4, 9],
    ])
      intake.push(T, entries.slice(from, to));
    expect(store.partAt(T, 4)).toMatchObject({ firstSeq: 4, lastSeq: 4 });
    expect(store.partAt(T, 6)).toMatchObject({ firstSeq: 5, lastSeq: 9 });
    expect(store.partAt(T, 10)).toBeNull();
    expect(store.hashAt(T, 7)).toBe(entries[6]!.hash);
    // one batch spanning all three parts, then new entries after them
    const more = [...entries, ...chain(2, { seq: 9, hash: entries[8]!.hash })];
    expect(intake.push(T, more.slice(1))).toMatchObject({ ok: true, value: { acked_seq: 11 } });
    expect(store.all(T)).toEqual(more);
    for (const seq of [1, 4, 8]) {
      const edited = more.map((e) => (e.seq === seq ? { ...e, hash: 'b'.repeat(64) } : e));
      expect(intake.push(T, edited)).toMatchObject({
        ok: false,
        error: { code: 'journal_conflict', message: `entry ${seq} differs from the one already received` },
      });
    }
    expect(store.all(T)).toEqual(more);
  });

  it('keeps terminals apart', () => {
    intake.push(T, chain(2));
    expect(store.head('TB0000000B')).toEqual({ seq: 0, hash: GENESIS_HASH });
  });
});
