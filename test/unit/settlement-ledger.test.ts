import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { formatPlain } from '../../src-shared/money';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { must, postQrSale, postRefund } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const DAY = '2026-11-22';
const sumOf = (sql: string) => (app.db.prepare(sql).get() as { s: number | null }).s ?? 0;

describe('settlement batches from the network', () => {
  it('book fees and payouts as journal entries under the batch date: pending → paid, short, idempotent', async () => {
    postQrSale(app, 'alipay', 100_00);
    postQrSale(app, 'alipay', 50_00);
    postRefund(app, 'alipay', 10_00);
    postQrSale(app, 'wechat', 20_00);
    const report = async () => must(await app.handlers['reports.settlement']({ from: DAY, to: DAY }));
    const alipay = async () => (await report()).channels.find((c) => c.channel === 'alipay')!;
    // fees: 38 + 19 − 4 = 53 fen; expected payout 140.00 − 0.53
    expect(await alipay()).toMatchObject({ feesMinor: 53, expectedPayoutMinor: 139_47, status: 'pending' });

    const batch = {
      batchId: 'B-alipay-1122',
      businessDate: DAY,
      channel: 'alipay',
      currency: 'CNY' as const,
      grossMinor: 150_00,
      refundsMinor: 10_00,
      feeMinor: 53,
      payoutMinor: 0,
      payoutDate: '2026-11-23',
      status: 'pending' as const,
    };
    expect(app.settlement.batches.record(batch)).toBe('recorded');
    expect((await alipay()).status).toBe('pending');
    // the payout arrives the next day; it still belongs to the batch's business date
    clock.advance(86_400_000);
    expect(app.settlement.batches.record({ ...batch, status: 'paid', payoutMinor: 139_47 })).toBe('recorded');
    expect(app.settlement.batches.record({ ...batch, status: 'paid', payoutMinor: 139_47 })).toBe('already_recorded');
    expect(await alipay()).toMatchObject({
      paidMinor: 139_47,
      feesBookedMinor: 53,
      differenceMinor: 0,
      status: 'paid',
    });
    expect(app.journal.balance('clearing:alipay', 'CNY')).toBe(0);
    expect(app.journal.balance('bank', 'CNY')).toBe(139_47);

    // wechat pays one fen short
    app.settlement.batches.record({
      ...batch,
      batchId: 'B-wechat-1122',
      channel: 'wechat',
      grossMinor: 20_00,
      refundsMinor: 0,
      feeMinor: 12,
      payoutMinor: 19_87,
      status: 'paid',
    });
    const r = await report();
    expect(r.channels.find((c) => c.channel === 'wechat')).toMatchObject({
      expectedPayoutMinor: 19_88,
      paidMinor: 19_87,
      differenceMinor: -1,
      status: 'short',
    });
    expect(r.total).toMatchObject({ status: 'short', differenceMinor: -1 });
    expect(verifyJournal(app.db).ok).toBe(true);
  });
});

describe('ledger equality', () => {
  it('for any generated day, report totals equal the sums of the journal', () => {
    const channels = ['alipay', 'wechat', 'sandbox', 'cash'] as const;
    const op = fc.record({
      channel: fc.constantFrom(...channels),
      refund: fc.boolean(),
      amount: fc.integer({ min: 1, max: 500_00 }),
      gapMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
    });
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        run += 1;
        ({ app, clock, cleanup } = offlineConsole(run + 100));
        try {
          app.terminal.save(TEST_PAIRING);
          clock.ms = Date.UTC(2026, 10, 21, 16, 0); // 00:00 Shanghai
          must(app.handlers['shift.open']({ float: '1000' }) as never);
          for (const o of ops) {
            clock.advance(o.gapMs);
            if (o.refund) postRefund(app, o.channel, o.amount);
            else if (o.channel === 'cash') must(app.settlement.cash.sale(formatPlain(o.amount, 'CNY'), ''));
            else postQrSale(app, o.channel, o.amount);
          }
          const r = must(app.settlement.reports.report('2026-11-20', '2026-11-25'));
          expect(r.total.grossMinor).toBe(
            0 - sumOf("SELECT SUM(amount_minor) AS s FROM postings WHERE account = 'sales'"),
          );
          expect(r.total.refundsMinor).toBe(
            sumOf("SELECT SUM(amount_minor) AS s FROM postings WHERE account = 'refunds'"),
          );
          for (const c of r.channels) {
            const acct = c.channel === 'cash' ? 'cash:drawer' : `clearing:${c.channel}`;
            const opening = c.channel === 'cash' ? 1000_00 : 0;
            expect(c.grossMinor - c.refundsMinor).toBe(
              sumOf(`SELECT SUM(amount_minor) AS s FROM postings WHERE account = '${acct}'`) - opening,
            );
          }
          const days = r.days.reduce((a, d) => a + d.grossMinor, 0);
          expect(days).toBe(r.total.grossMinor);
          expect(r.byHour.reduce((a, g) => a + g.netMinor, 0)).toBe(r.total.netMinor); // one net rule for every table
          expect(r.byShift.reduce((a, g) => a + g.saleCount, 0)).toBe(r.total.saleCount);
        } finally {
          cleanup();
        }
      }),
      { numRuns: 25, seed: 5 },
    );
    ({ app, clock, cleanup } = offlineConsole());
  });
});
