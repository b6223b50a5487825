import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { CONSOLE_SQL } from '../../src-main/reconcile/console-records';
import { pagedRecords, READ_PAGE_ROWS, type RawRecord } from '../../src-main/reconcile/paged-records';
import { GROUP_SIZE_MAX } from '../../src-main/reconcile/record';

const raw = (orderNo: string, i: number): RawRecord => [orderNo, `t${i}`, 100 + i, 0, 'paid', i, null, 'alipay'];

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
