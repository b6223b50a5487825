import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, writeTx, type Db } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { ACCOUNTS } from '../../src-main/ledger/accounts';
import { Journal } from '../../src-main/ledger/journal';
import { verifyJournal } from '../../src-main/ledger/verify';
import { ManualClock, seededIds, tempDir } from '../support/fixtures';

const sale = (amount: number, orderId: string | null = null) => ({
  kind: 'sale.qr' as const,
  orderId,
  memo: 'test',
  postings: [
    { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amountMinor: amount },
    { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -amount },
  ],
});

describe('journal', () => {
  let db: Db;
  let journal: Journal;
  let clock: ManualClock;
  let tmp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(`${tmp.dir}/ledger.db`);
    migrate(db);
    clock = new ManualClock();
    journal = new Journal(db, clock, seededIds(clock));
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('appends balanced entries with consecutive seq and a verifiable chain', () => {
    for (let i = 1; i <= 5; i++) {
      const e = writeTx(db, () => journal.append(sale(i * 100)));
      expect(e.seq).toBe(i);
      clock.advance(1);
    }
    expect(journal.balance('clearing:sandbox', 'CNY')).toBe(1500);
    expect(journal.balance('sales', 'CNY')).toBe(-1500);
    expect(verifyJournal(db)).toEqual({ entries: 5, ok: true, firstBrokenSeq: null, reason: null });
  });

  it('refuses an unbalanced entry and writes nothing', () => {
    const bad = {
      ...sale(100),
      postings: [sale(100).postings[0]!, { account: 'sales', currency: 'CNY', amountMinor: -99 }],
    };
    expect(() => writeTx(db, () => journal.append(bad))).toThrow(/sum to 1/);
    expect(journal.lastSeq()).toBe(0);
  });

  it('refuses single-posting entries, zero postings, unknown accounts and currencies', () => {
    const one = { ...sale(1), postings: [sale(1).postings[0]!] };
    expect(() => writeTx(db, () => journal.append(one))).toThrow(/postings/);
    const zero = {
      ...sale(1),
      postings: [
        { account: 'sales', currency: 'CNY', amountMinor: 0 },
        { account: 'bank', currency: 'CNY', amountMinor: 0 },
      ],
    };
    expect(() => writeTx(db, () => journal.append(zero))).toThrow(/amount/);
    const acct = { ...sale(1), postings: [{ ...sale(1).postings[0]!, account: 'nowhere' }, sale(1).postings[1]!] };
    expect(() => writeTx(db, () => journal.append(acct))).toThrow(/unknown account/);
    const cur = { ...sale(1), postings: sale(1).postings.map((p) => ({ ...p, currency: 'XXX' })) };
    expect(() => writeTx(db, () => journal.append(cur))).toThrow(/unknown currency/);
    expect(journal.lastSeq()).toBe(0);
  });

  it('refuses an append outside a transaction', () => {
    expect(() => journal.append(sale(1))).toThrow(/outside a transaction/);
  });

  it('is append-only: UPDATE and DELETE on journal and postings abort', () => {
    writeTx(db, () => journal.append(sale(100)));
    expect(() => db.prepare("UPDATE journal SET memo = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE postings SET amount_minor = 1 WHERE entry_seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM postings WHERE entry_seq = 1').run()).toThrow(/append-only/);
    expect(verifyJournal(db).ok).toBe(true);
  });

  it('verify names the first tampered entry (triggers dropped by an attacker)', () => {
    for (let i = 1; i <= 4; i++) writeTx(db, () => journal.append(sale(i * 10)));
    db.exec(
      'DROP TRIGGER postings_no_update; DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; DROP TRIGGER postings_no_delete',
    );
    // an edit that keeps the entry balanced still breaks its hash
    db.prepare('UPDATE postings SET amount_minor = amount_minor * 2 WHERE entry_seq = 3').run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: expect.stringMatching(/hash/) });
  });

  it('verify names an entry whose stored canonical string (what the push sends) is not the entry', () => {
    for (let i = 1; i <= 3; i++) writeTx(db, () => journal.append(sale(i * 10)));
    db.exec('DROP TRIGGER journal_no_update');
    // columns and hashes intact: only the string the gateway would receive differs
    db.prepare("UPDATE journal SET canonical = replace(canonical, '20', '99') WHERE seq = 2").run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringMatching(/gateway/) });
  });

  it('stores a memo with a lone surrogate as SQLite keeps it, so the hash, the string and the columns agree', () => {
    writeTx(db, () => journal.append({ ...sale(10), memo: 'broken \uD800 pair \uDC00 end' }));
    const row = db.prepare('SELECT memo, canonical FROM journal WHERE seq = 1').get() as {
      memo: string;
      canonical: string;
    };
    expect(row.memo).toBe('broken \uFFFD pair \uFFFD end');
    expect(JSON.parse(row.canonical)[6]).toBe(row.memo);
    expect(verifyJournal(db).ok).toBe(true);
  });

  it('verify detects an unbalanced edit, a broken link and a missing entry', () => {
    for (let i = 1; i <= 4; i++) writeTx(db, () => journal.append(sale(i * 10)));
    db.exec(
      'DROP TRIGGER postings_no_update; DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; DROP TRIGGER postings_no_delete',
    );
    db.prepare('UPDATE postings SET amount_minor = 11 WHERE entry_seq = 2 AND idx = 0').run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringMatching(/balance/) });
    db.prepare('UPDATE postings SET amount_minor = 20 WHERE entry_seq = 2 AND idx = 0').run();
    expect(verifyJournal(db).ok).toBe(true);
    db.prepare("UPDATE journal SET prev_hash = 'x' WHERE seq = 4").run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: expect.stringMatching(/link/) });
    db.prepare('DELETE FROM postings WHERE entry_seq = 2').run();
    db.prepare('DELETE FROM outbox WHERE seq = 2').run();
    db.prepare('DELETE FROM journal WHERE seq = 2').run();
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: expect.stringMatching(/missing/) });
  });
});
