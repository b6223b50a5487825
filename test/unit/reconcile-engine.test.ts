import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src-main/reconcile/engine';
import { classifyAny, classifyGroup, classifyOneEach } from '../../src-main/reconcile/pair-group';
import {
  compareKey,
  DEFAULT_MATCH_SETTINGS,
  signedMinor,
  type ReconRecord,
  type ResultClass,
  type ResultRow,
} from '../../src-main/reconcile/record';
import { addRow, differenceMinor, emptyTotals } from '../../src-main/reconcile/totals';

const rec = (orderNo: string, p: Partial<ReconRecord> = {}): ReconRecord => ({
  orderNo,
  tradeNo: `T-${orderNo}`,
  amountMinor: 1000,
  feeMinor: 0,
  status: 'paid',
  timeMs: 1_000_000,
  refundNo: null,
  channel: 'alipay',
  ...p,
});
const sorted = (rs: ReconRecord[]) => [...rs].sort((a, b) => compareKey(a.orderNo, b.orderNo));
const run = (c: ReconRecord[], s: ReconRecord[], settings = DEFAULT_MATCH_SETTINGS) => [
  ...reconcile(sorted(c), sorted(s), settings),
];
const classes = (rows: ResultRow[]) => rows.map((r) => r.cls).sort();

describe('reconcile engine: one case per class', () => {
  it('matches by order number, flags amount and status mismatches both ways', () => {
    const rows = run(
      [rec('A'), rec('B', { amountMinor: 999 }), rec('C', { status: 'unpaid', tradeNo: null }), rec('D')],
      [rec('A'), rec('B'), rec('C'), rec('D', { status: 'unpaid' })],
    );
    expect(rows.find((r) => r.console?.orderNo === 'A')?.cls).toBe('matched');
    expect(rows.find((r) => r.console?.orderNo === 'B')?.cls).toBe('amount_mismatch');
    expect(rows.find((r) => r.console?.orderNo === 'C')?.cls).toBe('status_paid_unrecorded');
    expect(rows.find((r) => r.console?.orderNo === 'D')?.cls).toBe('status_recorded_unpaid');
  });

  it('amount tolerance is a setting', () => {
    const rows = run([rec('B', { amountMinor: 999 })], [rec('B')], {
      ...DEFAULT_MATCH_SETTINGS,
      amountToleranceMinor: 1,
    });
    expect(rows[0]?.cls).toBe('matched');
  });

  it('one-sided money is 短款/长款 unless an equal amount is within the time window', () => {
    const rows = run(
      [rec('X', { amountMinor: 500, timeMs: 0 }), rec('Y', { amountMinor: 700, timeMs: 0 })],
      [rec('x-mangled', { amountMinor: 500, timeMs: 60_000 }), rec('Z', { amountMinor: 700, timeMs: 3_600_000 })],
    );
    expect(rows.find((r) => r.console?.orderNo === 'X')).toMatchObject({ cls: 'matched', via: 'amount_time' });
    expect(rows.find((r) => r.console?.orderNo === 'Y')?.cls).toBe('only_console');
    expect(rows.find((r) => r.statement?.orderNo === 'Z')?.cls).toBe('only_statement');
  });

  it('pairs by amount and time only within one channel: a WeChat payment is not an Alipay row', () => {
    const rows = run(
      [rec('W', { amountMinor: 1230, timeMs: 0, channel: 'wechat' })],
      [rec('a-mangled', { amountMinor: 1230, timeMs: 1_000, channel: 'alipay' })],
    );
    expect(classes(rows)).toEqual(['only_console', 'only_statement']);
  });

  it('a second payment of one order is a duplicate, whether or not the console recorded it', () => {
    const s = [rec('D1', { tradeNo: 't1', timeMs: 1 }), rec('D1', { tradeNo: 't2', timeMs: 2 })];
    expect(classes(run([rec('D1', { tradeNo: 't1' })], s))).toEqual(['duplicate_payment', 'matched']);
    expect(classes(run([rec('D1', { tradeNo: 't1' }), rec('D1', { tradeNo: 't2' })], s))).toEqual([
      'duplicate_payment',
      'matched',
    ]);
  });

  it('refunds pair by refund request number; a missing or different refund is a refund mismatch', () => {
    const r = (no: string, amountMinor: number) => rec('R', { status: 'refund', refundNo: no, amountMinor });
    const rows = run([rec('R'), r('r1', 300), r('r2', 200)], [rec('R'), r('r1', 300), r('r2', 250), r('r3', 100)]);
    expect(classes(rows)).toEqual(['matched', 'matched', 'refund_mismatch', 'refund_mismatch']);
  });

  it('an offline-verified sale the statement does not show is unconfirmed; one it shows is matched', () => {
    const rows = run(
      [
        rec('O1', { status: 'offline_verified', tradeNo: null }),
        rec('O2', { status: 'offline_verified', tradeNo: null }),
      ],
      [rec('O2')],
    );
    expect(rows.find((r) => r.console?.orderNo === 'O1')?.cls).toBe('offline_unconfirmed');
    expect(rows.find((r) => r.console?.orderNo === 'O2')?.cls).toBe('matched');
  });

  it('refuses unsorted input loudly', () => {
    expect(() => [...reconcile([rec('B'), rec('A')], [], DEFAULT_MATCH_SETTINGS)]).toThrow(/not sorted/);
  });
});

const STATUSES = ['paid', 'unpaid', 'refund', 'offline_verified'] as const;
const arbRecord = (statuses: readonly ReconRecord['status'][]) =>
  fc.record({
    orderNo: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    tradeNo: fc.option(fc.constantFrom('t1', 't2', 't3'), { nil: null }),
    amountMinor: fc.constantFrom(100, 200, 300),
    feeMinor: fc.constantFrom(0, 1),
    status: fc.constantFrom(...statuses),
    timeMs: fc.integer({ min: 0, max: 1_000_000 }),
    refundNo: fc.option(fc.constantFrom('r1', 'r2'), { nil: null }),
    channel: fc.constant('alipay'),
  });
const SWAP: Partial<Record<ResultClass, ResultClass>> = {
  only_console: 'only_statement',
  only_statement: 'only_console',
  status_paid_unrecorded: 'status_recorded_unpaid',
  status_recorded_unpaid: 'status_paid_unrecorded',
};

describe('reconcile engine: properties', () => {
  it('every record of either side lands in exactly one class, and the sums add up', () => {
    fc.assert(
      fc.property(fc.array(arbRecord(STATUSES)), fc.array(arbRecord(['paid', 'unpaid', 'refund'])), (c, s) => {
        const rows = run(c, s);
        const seenC = rows.flatMap((r) => (r.console ? [r.console] : []));
        const seenS = rows.flatMap((r) => (r.statement ? [r.statement] : []));
        expect(new Set(seenC).size).toBe(c.length);
        expect(new Set(seenS).size).toBe(s.length);
        expect(seenC.length).toBe(c.length);
        expect(seenS.length).toBe(s.length);
        const t = emptyTotals();
        rows.forEach((r) => addRow(t, r));
        const sum = (xs: ReconRecord[]) => xs.reduce((a, r) => a + signedMinor(r), 0);
        expect(t.consoleMinor).toBe(sum(c));
        expect(t.statementMinor).toBe(sum(s));
        const byClass = Object.values(t.byClass);
        expect(byClass.reduce((a, k) => a + k.consoleMinor - k.statementMinor, 0)).toBe(differenceMinor(t));
        expect(byClass.reduce((a, k) => a + k.count, 0)).toBe(rows.length);
      }),
    );
  });

  it('swapping the sides swaps the one-sided classes and keeps the rest', () => {
    // One payment per order per side (duplicates and offline are side-specific by definition).
    const side = fc.uniqueArray(arbRecord(['paid', 'unpaid']), { selector: (r) => r.orderNo });
    fc.assert(
      fc.property(side, side, (c, s) => {
        const count = (rows: ResultRow[]) => {
          const m = new Map<string, number>();
          for (const r of rows) m.set(r.cls, (m.get(r.cls) ?? 0) + 1);
          return m;
        };
        const a = count(run(c, s));
        const b = count(run(s, c));
        for (const [cls, n] of a) expect(b.get(SWAP[cls as ResultClass] ?? cls)).toBe(n);
      }),
    );
  });
});

describe('reconcile engine: the one-record-per-side fast path', () => {
  it('gives exactly the rows and leftovers of the general path, in the same order', () => {
    const payment = arbRecord(['paid', 'unpaid', 'offline_verified']);
    fc.assert(
      fc.property(payment, payment, fc.integer({ min: 0, max: 3 }), (cr, sr, tolerance) => {
        const settings = { ...DEFAULT_MATCH_SETTINGS, amountToleranceMinor: tolerance };
        const trace = (classify: typeof classifyAny) => {
          const out: unknown[] = [];
          classify(
            [cr],
            [sr],
            settings,
            (row) => out.push(['emit', row]),
            (side, r) => out.push(['leftover', side, r]),
          );
          return out;
        };
        const fast: unknown[] = [];
        classifyOneEach(
          cr,
          sr,
          settings,
          (row) => fast.push(['emit', row]),
          (side, r) => fast.push(['leftover', side, r]),
        );
        expect(fast).toEqual(trace(classifyAny));
        expect(trace(classifyGroup)).toEqual(fast);
      }),
      { numRuns: 2000 },
    );
  });
});
