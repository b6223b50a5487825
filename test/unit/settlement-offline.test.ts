import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { OrderView } from '../../src-shared/api';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { codeOf, paymentChange } from '../support/offline-codes';
import { must } from '../support/settlement';

/**
 * A sale verified by confirmation code is reported under `offline` until the gateway confirms
 * it; then under the channel that paid, on its own day, with that channel's fee, so the
 * channel's expected payout is what the provider pays.
 */
let app: App;
let clock: ManualClock;
let cleanup: () => void;
let changeId = 0;

const open = (seed = 1): void => {
  ({ app, clock, cleanup } = offlineConsole(seed));
  app.terminal.save(TEST_PAIRING);
  clock.ms = Date.UTC(2026, 10, 22, 2, 0); // 10:00 in Shanghai, business day 2026-11-22
  changeId = 0;
};
beforeEach(() => open());
afterEach(() => cleanup());

const DAY = '2026-11-22';
const NEXT = '2026-11-23';
const report = (from = DAY, to = from) => must(app.settlement.reports.report(from, to));
const line = (channel: string, from = DAY, to = from) => report(from, to).channels.find((c) => c.channel === channel);
const sumOf = (sql: string) => (app.db.prepare(sql).get() as { s: number | null }).s ?? 0;

async function sellOffline(amount: string): Promise<OrderView> {
  const o = app.orders.create({ amount });
  if (!o.ok) throw new Error(o.error.message);
  return must(await app.handlers['offline.acceptCode']({ orderId: o.value.id, code: codeOf(o.value) }));
}

/** The gateway's payment for the order arrives through the change feed. */
function gatewayPays(o: OrderView, channel: string): unknown {
  return app.applier.apply('gw-test', TEST_PAIRING.terminalId, paymentChange(o, channel, ++changeId, clock.now()));
}

/** The rollup as kept entry by entry equals the rollup rebuilt from the index. */
function expectRollupAsRebuilt(): void {
  const rows = () => app.db.prepare('SELECT * FROM report_rollup ORDER BY 1, 2, 3, 4, 5').all();
  const kept = rows();
  app.settlement.index.rederive();
  expect(kept).toEqual(rows());
}

describe('offline-verified sales in the settlement reports', () => {
  it('are under offline until confirmed, then under the paying channel with its fee and payout', async () => {
    await sellOffline('100.00');
    expect(line('offline')).toMatchObject({ saleCount: 1, grossMinor: 100_00, feesMinor: 0, status: 'pending' });
    expect(line('alipay')).toBeUndefined();

    expect(gatewayPays(await sellOffline('50.00'), 'alipay')).toMatchObject({ note: 'offline sale confirmed' });
    // alipay's rate is 0.38 %: 19 fen on 50.00
    expect(line('alipay')).toMatchObject({
      saleCount: 1,
      grossMinor: 50_00,
      feesMinor: 19,
      expectedPayoutMinor: 49_81,
    });
    expect(line('offline')).toMatchObject({ saleCount: 1, grossMinor: 100_00 });
    expect(report().total).toMatchObject({ saleCount: 2, grossMinor: 150_00 });
    expectRollupAsRebuilt();
  });

  it('a confirmation the next day moves the sale on its own day; the offline line goes', async () => {
    const o = await sellOffline('25.00');
    clock.advance(86_400_000);
    gatewayPays(o, 'wechat');
    expect(line('offline')).toBeUndefined();
    // wechat's rate is 0.60 %: 15 fen on 25.00
    expect(line('wechat')).toMatchObject({ saleCount: 1, grossMinor: 25_00, feesMinor: 15 });
    expect(report(NEXT).channels).toEqual([]);
    const r = report();
    expect(r.byCashier.reduce((a, g) => a + g.saleCount, 0)).toBe(1);
    expect(r.days).toMatchObject([{ businessDate: DAY, grossMinor: 25_00 }]);
    expectRollupAsRebuilt();
  });

  it('the same payment applied again, or a second payment for the order, moves nothing twice', async () => {
    const o = await sellOffline('10.00');
    gatewayPays(o, 'alipay');
    expect(app.settlement.index.confirmOfflineSale(o.id, 'wechat')).toBe(false);
    expect(line('alipay')).toMatchObject({ saleCount: 1, grossMinor: 10_00 });
    expect(line('wechat')).toBeUndefined();
    expectRollupAsRebuilt();
  });

  it('the shift report lists the sale under the channel that paid', async () => {
    const shift = must(await app.handlers['shift.open']({ float: '0' }));
    const o = await sellOffline('30.00');
    gatewayPays(o, 'alipay');
    const x = must(await app.handlers['shift.report']({ id: shift.id }));
    expect(x.channels.map((c) => [c.channel, c.grossMinor])).toEqual([['alipay', 30_00]]);
  });

  it('for any day of sales, confirmations and refunds, each channel is what its clearing account holds', async () => {
    const op = fc.oneof(
      fc.record({ do: fc.constant('sell' as const), amount: fc.integer({ min: 1, max: 200_00 }) }),
      fc.record({ do: fc.constant('confirm' as const), pick: fc.nat(), channel: fc.constantFrom('alipay', 'wechat') }),
      fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2 * 3_600_000 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        cleanup();
        open(++run + 200);
        await app.handlers['offline.setLimits']({
          orderMaxMinor: 200_00,
          totalMaxMinor: 100_000_00,
          maxAgeMs: 48 * 3_600_000,
        });
        const waiting: OrderView[] = [];
        for (const o of ops) {
          if (o.do === 'sell') waiting.push(await sellOffline((o.amount / 100).toFixed(2)));
          else if (o.do === 'wait') clock.advance(o.ms);
          else if (waiting.length > 0) gatewayPays(waiting.splice(o.pick % waiting.length, 1)[0]!, o.channel);
        }
        const r = report('2026-11-20', '2026-12-31');
        expect(r.total.grossMinor + sumOf("SELECT SUM(amount_minor) AS s FROM postings WHERE account = 'sales'")).toBe(
          0,
        );
        for (const c of r.channels) {
          expect(c.grossMinor).toBe(
            sumOf(`SELECT SUM(amount_minor) AS s FROM postings WHERE account = 'clearing:${c.channel}'`),
          );
        }
        expect(r.channels.find((c) => c.channel === 'offline')?.saleCount ?? 0).toBe(waiting.length);
        expectRollupAsRebuilt();
        expect(verifyJournal(app.db).ok).toBe(true);
      }),
      { numRuns: 20, seed: 11 },
    );
  });
});

describe('offline sales confirmed before the index moved them (before migration 0014)', () => {
  it('move to their channel when the console starts (the index catches up)', async () => {
    const confirmed = await sellOffline('40.00');
    const waiting = await sellOffline('5.00');
    gatewayPays(confirmed, 'alipay');
    // as version 13 left them: the confirmed sale still under offline, without a fee
    app.db
      .prepare("UPDATE entry_index SET channel = 'offline', fee_expected_minor = 0 WHERE order_id = ?")
      .run(confirmed.id);
    app.settlement.index.rederive();
    expect(line('offline')).toMatchObject({ saleCount: 2, grossMinor: 45_00 });

    app.settlement.index.catchUp();
    expect(line('offline')).toMatchObject({ saleCount: 1, grossMinor: 5_00 });
    expect(line('alipay')).toMatchObject({ saleCount: 1, grossMinor: 40_00, feesMinor: 15 });
    expect(app.orders.get(waiting.id)).toMatchObject({ ok: true, value: { offlineVerified: true } });
    expectRollupAsRebuilt();
  });
});
