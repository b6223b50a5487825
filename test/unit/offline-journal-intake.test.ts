import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { JournalLinesIntake } from '../../src-gateway/journal/lines-intake';
import { JournalIntake, wireEntryHash } from '../../src-gateway/journal/service';
import { TerminalJournalStore } from '../../src-gateway/journal/store';
import { GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import { ManualClock } from '../support/fixtures';
import { chainLines, wireChain } from '../support/journal-chain';

const T = 'TA0000000A';
let intake: JournalIntake;
let store: TerminalJournalStore;
let lines: JournalLinesIntake;

/** A valid chain of n sales, continuing from `from`. */
const chain = (n: number, from?: { seq: number; hash: string }) => wireChain(n, { from });

beforeEach(() => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, GATEWAY_MIGRATIONS);
  db.prepare("INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES (?, 'c', x'00', 1)").run(T);
  store = new TerminalJournalStore(db);
  intake = new JournalIntake(db, new ManualClock(), store);
  lines = new JournalLinesIntake(db, new ManualClock(), store);
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

describe('the gateway receiving a terminal journal as chain lines (protocol 2)', () => {
  const push = (entries: ReturnType<typeof chain>) => lines.push(T, chainLines(entries));

  it('stores a contiguous chain and acks its last seq; re-sending or overlapping changes nothing', () => {
    const entries = wireChain(6, { varied: 'lines' }); // memos JSON escapes: the exact rule's path too
    expect(push(entries.slice(0, 3))).toEqual({ ok: true, value: { acked_seq: 3, head_hash: entries[2]!.hash } });
    expect(push(entries.slice(0, 3))).toMatchObject({ ok: true, value: { acked_seq: 3 } });
    expect(push(entries.slice(1, 6))).toMatchObject({ ok: true, value: { acked_seq: 6 } });
    expect(push(entries)).toMatchObject({ ok: true, value: { acked_seq: 6 } });
    expect(store.all(T)).toEqual(entries);
    expect(store.partAt(T, 4)).toMatchObject({ firstSeq: 4, lastSeq: 6 });
  });

  it('continues a journal received as JSON, and the JSON intake continues it: one store', () => {
    const entries = chain(6);
    intake.push(T, entries.slice(0, 2));
    expect(push(entries.slice(1, 4))).toMatchObject({ ok: true, value: { acked_seq: 4 } });
    expect(intake.push(T, entries.slice(3))).toMatchObject({ ok: true, value: { acked_seq: 6 } });
    expect(store.all(T)).toEqual(entries);
  });

  it('answers a batch that starts beyond the head with journal_ahead, naming what is next, storing nothing', () => {
    const entries = chain(5);
    push(entries.slice(0, 1));
    expect(push(entries.slice(2))).toEqual({
      ok: false,
      error: { code: 'journal_ahead', message: 'entry 3 arrived but 2 is next' },
    });
    expect(store.head(T).seq).toBe(1);
    // once the batch before it is in, the same bytes are taken
    expect(push(entries.slice(1, 2))).toMatchObject({ ok: true, value: { acked_seq: 2 } });
    expect(push(entries.slice(2))).toMatchObject({ ok: true, value: { acked_seq: 5 } });
  });

  it('refuses a broken chain — an edited entry, a wrong hash before the batch — and stores none of it', () => {
    const entries = chain(3);
    const body = chainLines(entries);
    const edited = body.replace('"sale 2"', '"sale 9"');
    expect(lines.push(T, edited)).toMatchObject({ ok: false, error: { code: 'journal_chain_broken' } });
    const relinked = `${'b'.repeat(64)}${body.slice(64)}`;
    expect(lines.push(T, relinked)).toMatchObject({
      ok: false,
      error: { code: 'journal_chain_broken', message: 'entry 1 does not continue the hash chain' },
    });
    const rehashed = body.replace(entries[1]!.hash, 'c'.repeat(64));
    expect(lines.push(T, rehashed)).toMatchObject({ ok: false, error: { code: 'journal_chain_broken' } });
    expect(store.all(T)).toEqual([]);
  });

  it('refuses an entry that differs from the one already received at that seq', () => {
    const entries = chain(2);
    push(entries);
    const other = chain(2).map((e) => ({ ...e, memo: 'other' }));
    expect(lines.push(T, chainLines(other).replace(entries[0]!.hash, 'a'.repeat(64)))).toMatchObject({
      ok: false,
      error: { code: 'journal_conflict', message: 'entry 1 differs from the one already received' },
    });
  });

  it('refuses postings that do not balance, even with a valid hash', () => {
    const [e] = chain(1);
    const bad = { ...e!, postings: [e!.postings[0]!, { ...e!.postings[1]!, amount_minor: -1 }] };
    expect(push([{ ...bad, hash: wireEntryHash(bad) }])).toMatchObject({
      ok: false,
      error: { code: 'journal_unbalanced' },
    });
  });

  it('refuses a body not in chain lines, naming what is wrong, and stores nothing', () => {
    const entries = chain(3);
    const body = chainLines(entries);
    const refused = (text: string, message: RegExp) =>
      expect(lines.push(T, text)).toMatchObject({ ok: false, error: { code: 'invalid_argument', message } });
    refused('', /first line/);
    refused(entries[0]!.prev_hash, /at least one entry/);
    refused(`${GENESIS_HASH}\n`, /not followed by its hash/);
    refused(`${body}\n`, /ends with a newline/);
    refused(body.slice(0, -1), /not followed by its hash/);
    refused(body.slice(65), /first line/);
    refused(`${GENESIS_HASH}\n{"entries":[]}\n${GENESIS_HASH}`, /not a canonical journal entry/);
    // seq out of order inside one push (each line itself canonical and hashed)
    const skipped = [entries[0]!, ...chain(1, { seq: 2, hash: entries[0]!.hash })];
    refused(chainLines(skipped), /entry 3 follows 1/);
    const many = chain(1_001);
    refused(chainLines(many), /more than 1000 entries/);
    expect(store.all(T)).toEqual([]);
  });
});
