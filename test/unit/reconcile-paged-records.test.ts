import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { CONSOLE_SQL } from '../../src-main/reconcile/console-records';
import { pagedRecords, READ_PAGE_ROWS, statusCode, type RawRecord } from '../../src-main/reconcile/paged-records';
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

  it('maps status codes back to the statuses, and refuses an unknown one', () => {
    const rows = [raw('O1', 0), raw('O2', 1), raw('O3', 2)];
    rows[1]![4] = statusCode('refund');
    const got = [...pagedRecords(pagesOf(rows))];
    expect(got.map((r) => [r.status, r.idx])).toEqual([
      ['paid', 0],
      ['refund', 1],
      ['paid', 2],
    ]);
    rows[2]![4] = 99;
    expect(() => [...pagedRecords(pagesOf(rows))]).toThrow(/O3 has an unknown status/);
  });

  it('an order with a whole page of records stops loudly instead of looping', () => {
    const rows = Array.from({ length: READ_PAGE_ROWS + 1 }, (_, i) => raw('O1', i));
    expect(() => [...pagedRecords(pagesOf(rows))]).toThrow(/at least/);
  });

  it('the console page query walks the order-number indexes, never sorting a page', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${CONSOLE_SQL} ORDER BY orderNo LIMIT @limit`)
      .all({ from: 0, to: 1e15, start: '', limit: READ_PAGE_ROWS })
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('payments_order');
    expect(plan).not.toContain('TEMP B-TREE');
    expect(plan).not.toContain('orders_created');
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
