import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { CONSOLE_SQL, consoleRecords, countConsoleRecords } from '../../src-main/reconcile/console-records';
import {
  channelCodeSql,
  KNOWN_CHANNELS,
  pagedRecords,
  READ_PAGE_ROWS,
  statusCode,
  type RawRecord,
} from '../../src-main/reconcile/paged-records';
import { GROUP_SIZE_MAX } from '../../src-main/reconcile/record';
import { countStatementRecords, SourceStore } from '../../src-main/reconcile/sources';

const raw = (orderNo: string, i: number): RawRecord => [
  orderNo,
  `t${i}`,
  100 + i,
  0,
  statusCode('paid'),
  i,
  null,
  'alipay',
  i,
];

/** What a page query does: rows with orderNo >= start, sorted, at most limit. */
const pagesOf = (rows: RawRecord[]) => (start: string, limit: number) =>
  rows.filter((r) => r[0] >= start).slice(0, limit);

describe('reading records a page at a time', () => {
  it('yields every row once, in order, whatever the group sizes at page ends', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: GROUP_SIZE_MAX }), { maxLength: 40 }), (sizes) => {
        const rows: RawRecord[] = [];
        sizes.forEach((n, g) => {
          for (let k = 0; k < n; k++) rows.push(raw(`O${String(g).padStart(4, '0')}`, rows.length));
        });
        const got = [...pagedRecords(pagesOf(rows))].map((r) => r.timeMs);
        expect(got).toEqual(rows.map((r) => r[5]));
      }),
      { numRuns: 50 },
    );
  });

  it('maps status and channel codes back, keeps a channel read as text, refuses an unknown code', () => {
    const rows = [raw('O1', 0), raw('O2', 1), raw('O3', 2)];
    rows[1]![4] = statusCode('refund');
    rows[1]![7] = KNOWN_CHANNELS.indexOf('wechat');
    rows[2]![7] = KNOWN_CHANNELS.indexOf('');
    const got = [...pagedRecords(pagesOf(rows))];
    expect(got.map((r) => [r.status, r.channel, r.idx])).toEqual([
      ['paid', 'alipay', 0],
      ['refund', 'wechat', 1],
      ['paid', '', 2],
    ]);
    rows[2]![7] = 99;
    expect(() => [...pagedRecords(pagesOf(rows))]).toThrow(/O3 has an unknown channel code/);
    rows[2]![4] = 99;
    expect(() => [...pagedRecords(pagesOf(rows))]).toThrow(/O3 has an unknown status/);
  });

  it('the channel SQL gives codes for known channels and the text of any other', () => {
    const db = openDatabase(':memory:');
    const code = (ch: string) =>
      db
        .prepare(`SELECT ${channelCodeSql('@ch')} AS c`)
        .pluck()
        .get({ ch });
    expect(code('alipay')).toBe(KNOWN_CHANNELS.indexOf('alipay'));
    expect(code('')).toBe(0);
    expect(code('unionpay')).toBe('unionpay');
    expect(code('1')).toBe('1');
  });

  it('an order with a whole page of records stops loudly instead of looping', () => {
    const rows = Array.from({ length: READ_PAGE_ROWS + 1 }, (_, i) => raw('O1', i));
    expect(() => [...pagedRecords(pagesOf(rows))]).toThrow(/at least/);
  });

  it('the console page query walks the order-number indexes, never sorting a page', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    for (const channel of [null, 'alipay']) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${CONSOLE_SQL} ORDER BY orderNo LIMIT @limit`)
        .all({ from: 0, to: 1e15, start: '', limit: READ_PAGE_ROWS, channel })
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
      expect(plan).toContain('payments_order');
      expect(plan).not.toContain('TEMP B-TREE');
      expect(plan).not.toContain('orders_created');
    }
  });
});

describe('counting a source’s records in a range', () => {
  it('a covering range is the saved row count; any other range is counted', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const sources = new SourceStore(db);
    const times = [100, 200, 300, 400];
    sources.save(
      { id: 'S', kind: 'alipay', sha256: 'h', label: 'f', encoding: null, importedAtMs: 1, importedBy: null },
      times.map((t, i) => ({
        orderNo: `O${i}`,
        tradeNo: null,
        amountMinor: 1,
        feeMinor: 0,
        status: 'paid' as const,
        timeMs: t,
        refundNo: null,
        channel: 'alipay',
      })),
    );
    expect(countStatementRecords(db, 'S', 0, 1000)).toBe(4);
    expect(countStatementRecords(db, 'S', 100, 401)).toBe(4);
    expect(countStatementRecords(db, 'S', 100, 400)).toBe(3); // to is exclusive
    expect(countStatementRecords(db, 'S', 150, 1000)).toBe(3);
    expect(countStatementRecords(db, 'S', 500, 1000)).toBe(0);
    // A covering range reads the saved count, not the rows (changed here to tell them apart).
    db.prepare(`UPDATE recon_sources SET row_count = 99`).run();
    expect(countStatementRecords(db, 'S', 0, 1000)).toBe(99);
    expect(countStatementRecords(db, 'S', 150, 1000)).toBe(3);
  });
});

describe('counting the console side for the progress bar', () => {
  it('counts exactly the records the page query yields, whatever the range', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            createdMs: fc.integer({ min: 0, max: 99 }),
            paidMs: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
            verified: fc.boolean(),
            refunds: fc.array(
              fc.record({
                atMs: fc.integer({ min: 0, max: 99 }),
                status: fc.constantFrom('requested', 'succeeded', 'failed'),
              }),
              { maxLength: 2 },
            ),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 100 }),
        (orders, from, span) => {
          const db = openDatabase(':memory:');
          migrate(db);
          db.pragma('foreign_keys = OFF'); // payments and refunds point at journal entries not made here
          orders.forEach((o, i) => {
            const id = `O${String(i).padStart(3, '0')}`;
            db.prepare(
              `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
                 updated_at_ms, offline_state) VALUES (?, 'T000000001', 100, 'CNY', '', 'expired', ?, ?, ?, ?)`,
            ).run(id, o.createdMs, o.createdMs + 1, o.createdMs, o.verified ? 'verified' : null);
            if (o.paidMs !== null)
              db.prepare(
                `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
                 VALUES (?, 'alipay', ?, 100, 'CNY', ?, 1)`,
              ).run(`t${i}`, id, o.paidMs);
            o.refunds.forEach((r, k) =>
              db
                .prepare(
                  `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, approver_id, created_at_ms,
                     updated_at_ms, entry_seq) VALUES (?, ?, 10, 'CNY', 'r', ?, 'U1', ?, ?, ?)`,
                )
                .run(`${id}-R${k}`, id, r.status, r.atMs, r.atMs, r.status === 'succeeded' ? 1 : null),
            );
          });
          const to = from + span;
          for (const channel of [null, 'alipay', 'wechat']) {
            expect(countConsoleRecords(db, from, to, channel)).toBe([...consoleRecords(db, from, to, channel)].length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
