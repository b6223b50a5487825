import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireEntryHash } from '../../src-gateway/journal/service';
import { journalEntryWire } from '../../src-shared/protocol/gateway';
import { GENESIS_HASH } from '../../src-shared/protocol/journal-entry';
import { canonicalLineSeq } from '../../src-shared/protocol/journal-lines';
import { openDatabase, writeTx, type Db } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { ACCOUNTS } from '../../src-main/ledger/accounts';
import { Journal } from '../../src-main/ledger/journal';
import { verifyJournal } from '../../src-main/ledger/verify';
import { Outbox, PUSH_BATCH_BYTES_MAX } from '../../src-main/sync/outbox';
import { ManualClock, seededIds, tempDir } from '../support/fixtures';
import { readChainLines } from '../support/journal-chain';
import { appendBefore0013 } from '../support/old-journal';

/** Text JSON escapes differently in SQLite and in JS: quotes, backslashes, controls, non-ASCII. */
const MEMOS = [
  'plain',
  'quote " and \\ backslash',
  'line\nbreak\ttab\u0001\u001f',
  '收款 ¥12.00',
  'emoji 🧾',
  '</script>',
];

describe('outbox batches', () => {
  let db: Db;
  let journal: Journal;
  let outbox: Outbox;
  let clock: ManualClock;
  let tmp: ReturnType<typeof tempDir>;

  const append = (memo: string, orderId: string | null = null, amount = 100) =>
    writeTx(db, () =>
      journal.append({
        kind: 'sale.qr',
        orderId,
        memo,
        postings: [
          { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amountMinor: amount },
          { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -amount + 1 },
          { account: ACCOUNTS.fees('sandbox'), currency: 'CNY', amountMinor: -1 },
        ],
      }),
    );

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(`${tmp.dir}/ledger.db`);
    migrate(db);
    clock = new ManualClock();
    journal = new Journal(db, clock, seededIds(clock));
    outbox = new Outbox(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('reads entries as chain lines the protocol accepts and whose hashes verify', () => {
    for (const [i, memo] of MEMOS.entries()) append(memo, i % 2 === 0 ? null : '01ARZ3NDEKTSV4RRFFQ69G5FAV', 1_000 + i);
    const batch = outbox.nextBatch()!;
    expect(batch).toMatchObject({ firstSeq: 1, lastSeq: MEMOS.length, count: MEMOS.length });
    const lines = batch.body.split('\n');
    expect(lines).toHaveLength(1 + 2 * MEMOS.length);
    const parsed = readChainLines(batch.body);
    expect(parsed.prevHash).toBe(GENESIS_HASH);
    for (const e of parsed.entries) journalEntryWire.parse(e);
    // each line is one the gateway's check accepts, naming its seq
    for (let i = 1; i < lines.length; i += 2)
      expect(canonicalLineSeq(lines[i]!, 0, lines[i]!.length)).toBe((i + 1) / 2);
    expect(parsed.entries.map((e) => e.memo)).toEqual(MEMOS);
    expect(parsed.entries[1]!.order_id).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(parsed.entries[0]!.order_id).toBeNull();
    // postings in their stored order, amounts as numbers
    expect(parsed.entries[0]!.postings).toEqual([
      { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amount_minor: 1_000 },
      { account: ACCOUNTS.sales, currency: 'CNY', amount_minor: -999 },
      { account: ACCOUNTS.fees('sandbox'), currency: 'CNY', amount_minor: -1 },
    ]);
    // what the gateway recomputes from the wire equals what the console chained
    for (const e of parsed.entries) expect(wireEntryHash(e)).toBe(e.hash);
  });

  it('reads after a seq (the next batch while one is in flight) and cuts by count and exact bytes', () => {
    for (let i = 0; i < 10; i++) append(`memo ${i}`);
    expect(outbox.nextBatch(0, 4)).toMatchObject({ firstSeq: 1, lastSeq: 4, count: 4 });
    expect(outbox.nextBatch(4, 4)).toMatchObject({ firstSeq: 5, lastSeq: 8, count: 4 });
    expect(outbox.nextBatch(8, 4)).toMatchObject({ firstSeq: 9, lastSeq: 10, count: 2 });
    expect(outbox.nextBatch(10, 4)).toBeNull();

    const big = '账'.repeat(200); // 600 bytes of UTF-8 per memo
    const n = Math.ceil(PUSH_BATCH_BYTES_MAX / 600) + 10;
    writeTx(db, () => {
      for (let i = 0; i < n; i++) {
        journal.append({
          kind: 'sale.qr',
          orderId: null,
          memo: big,
          postings: [
            { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amountMinor: 1 },
            { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -1 },
          ],
        });
      }
    });
    const cut = outbox.nextBatch(10, 100_000)!;
    expect(cut.count).toBeLessThan(n);
    expect(Buffer.byteLength(cut.body)).toBeLessThanOrEqual(PUSH_BATCH_BYTES_MAX);
    expect(readChainLines(cut.body).entries).toHaveLength(cut.count);
    const rest = outbox.nextBatch(cut.lastSeq, 100_000)!;
    expect(rest.firstSeq).toBe(cut.lastSeq + 1);
  });

  it('acknowledging removes what the gateway holds; pending counts the rest and the first queued', () => {
    clock.advance(1_000);
    append('a');
    const firstQueuedAt = outbox.pending().oldestAtMs;
    clock.advance(1_000);
    append('b');
    append('c');
    expect(outbox.pending()).toEqual({ count: 3, oldestAtMs: firstQueuedAt });
    outbox.acknowledge('TA0000000A', 2);
    expect(outbox.pending().count).toBe(1);
    expect(outbox.nextBatch()).toMatchObject({ firstSeq: 3, lastSeq: 3 });
    // the relaxed commit is for the acknowledgement only: the connection is back to FULL
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    outbox.acknowledge('TA0000000A', 3);
    expect(outbox.pending()).toEqual({ count: 0, oldestAtMs: null });
    expect(outbox.nextBatch()).toBeNull();
  });

  it('queues every entry again for another terminal (re-paired), and what follows a seq for a gateway that lost it', () => {
    for (let i = 0; i < 5; i++) append(`memo ${i}`);
    expect(outbox.ensureTerminal('TA0000000A')).toBe(false); // first pairing: all already queued
    outbox.acknowledge('TA0000000A', 5);
    expect(outbox.pending().count).toBe(0);
    expect(outbox.ensureTerminal('TA0000000A')).toBe(false);
    expect(outbox.ensureTerminal('TB0000000B')).toBe(true);
    expect(outbox.nextBatch()).toMatchObject({ firstSeq: 1, lastSeq: 5, count: 5 });
    outbox.acknowledge('TB0000000B', 5);
    expect(outbox.requeueAfter('TB0000000B', 3)).toBe(2);
    expect(outbox.nextBatch()).toMatchObject({ firstSeq: 4, lastSeq: 5 });
    expect(outbox.hashAt(3)).toBe(readChainLines(outbox.nextBatch()!.body).prevHash);
    expect(outbox.hashAt(0)).toBe(GENESIS_HASH);
    expect(outbox.hashAt(99)).toBeNull();
  });

  it('ends a batch at a hole in the outbox: only contiguous entries travel together', () => {
    for (let i = 0; i < 6; i++) append(`memo ${i}`);
    db.prepare('DELETE FROM outbox WHERE seq = 4').run();
    expect(outbox.nextBatch()).toMatchObject({ firstSeq: 1, lastSeq: 3, count: 3 });
    const after = outbox.nextBatch(3)!;
    expect(after).toMatchObject({ firstSeq: 5, lastSeq: 6, count: 2 });
    // it starts with the hash before entry 5: the gateway (holding 3) answers that 4 is missing
    expect(readChainLines(after.body).prevHash).toBe(
      (db.prepare('SELECT hash FROM journal WHERE seq = 4').get() as { hash: string }).hash,
    );
  });
});

describe('entries written before migration 0013 (no stored canonical string)', () => {
  it('are sent with the string rebuilt from their columns, beside new entries sent as stored', () => {
    const tmp = tempDir();
    const db = openDatabase(`${tmp.dir}/ledger.db`);
    try {
      migrate(db, MIGRATIONS, 12);
      for (let seq = 1; seq <= 3; seq++) {
        appendBefore0013(db, {
          entryId: `01ARZ3NDEKTSV4RRFFQ69G5FA${seq}`,
          kind: 'sale.qr',
          orderId: null,
          createdAtMs: 1_000 * seq,
          memo: `old "${seq}" 收款`,
          postings: [
            { account: 'clearing:sandbox', currency: 'CNY', amountMinor: seq },
            { account: 'sales', currency: 'CNY', amountMinor: -seq },
          ],
        });
      }
      expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
      const clock = new ManualClock();
      writeTx(db, () =>
        new Journal(db, clock, seededIds(clock)).append({
          kind: 'sale.qr',
          orderId: null,
          memo: 'new',
          postings: [
            { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amountMinor: 4 },
            { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -4 },
          ],
        }),
      );
      expect(db.prepare('SELECT seq FROM journal WHERE canonical IS NULL').all()).toEqual([
        { seq: 1 },
        { seq: 2 },
        { seq: 3 },
      ]);
      const batch = new Outbox(db).nextBatch()!;
      expect(batch).toMatchObject({ firstSeq: 1, lastSeq: 4, count: 4 });
      const { entries } = readChainLines(batch.body);
      for (const e of entries) expect(wireEntryHash(e)).toBe(e.hash);
      expect(entries.map((e) => e.memo)).toEqual(['old "1" 收款', 'old "2" 收款', 'old "3" 收款', 'new']);
      expect(verifyJournal(db)).toMatchObject({ ok: true, entries: 4 });
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
