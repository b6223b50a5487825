import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { DayDeriver } from '../../src-main/settlement/business-day';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { seededRandom } from '../support/fixtures';
import { must, postQrSale } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

// 2026-11-22 01:59 and 02:01 in Shanghai (UTC+8) are 2026-11-21 17:59 / 18:01 UTC.
const AT_0159 = Date.UTC(2026, 10, 21, 17, 59);
const AT_0201 = Date.UTC(2026, 10, 21, 18, 1);

describe('DayDeriver', () => {
  it('puts 01:59 in the previous day and 02:01 in the day with a 02:00 cutoff', () => {
    const d = new DayDeriver('Asia/Shanghai', 2);
    expect(d.at(AT_0159)).toEqual({ businessDate: '2026-11-21', localHour: 1 });
    expect(d.at(AT_0201)).toEqual({ businessDate: '2026-11-22', localHour: 2 });
    const midnight = new DayDeriver('Asia/Shanghai', 0);
    expect(midnight.at(AT_0159).businessDate).toBe('2026-11-22');
  });

  it('follows the zone, including half-hour and DST zones', () => {
    expect(new DayDeriver('Asia/Kolkata', 0).at(Date.UTC(2026, 10, 21, 18, 29))).toEqual({
      businessDate: '2026-11-21',
      localHour: 23,
    });
    expect(new DayDeriver('Asia/Kolkata', 0).at(Date.UTC(2026, 10, 21, 18, 31)).businessDate).toBe('2026-11-22');
    // New York on the night DST ends (2026-11-01 02:00 EDT → 01:00 EST), cutoff 02:00
    const ny = new DayDeriver('America/New_York', 2);
    expect(ny.at(Date.UTC(2026, 10, 1, 5, 30)).businessDate).toBe('2026-10-31'); // 01:30 EDT
    expect(ny.at(Date.UTC(2026, 10, 1, 6, 30)).businessDate).toBe('2026-10-31'); // 01:30 EST
    expect(ny.at(Date.UTC(2026, 10, 1, 7, 30)).businessDate).toBe('2026-11-01'); // 02:30 EST
  });
});

describe('reports follow the zone and cutoff, the ledger does not change', () => {
  it('re-derives business dates when the cutoff changes', async () => {
    clock.ms = AT_0159;
    postQrSale(app, 'alipay', 1_00);
    clock.ms = AT_0201;
    postQrSale(app, 'alipay', 2_00);
    const h = app.handlers;
    const day = async (d: string) => must(await h['reports.settlement']({ from: d, to: d })).total.grossMinor;
    expect([await day('2026-11-21'), await day('2026-11-22')]).toEqual([0, 3_00]);

    const hashes = app.db.prepare('SELECT hash FROM journal ORDER BY seq').all();
    must(await h['reports.setBusinessDay']({ timeZone: 'Asia/Shanghai', cutoffHour: 2 }));
    expect([await day('2026-11-21'), await day('2026-11-22')]).toEqual([1_00, 2_00]);
    // new entries use the settings in force
    clock.ms = AT_0159 - 60_000;
    postQrSale(app, 'alipay', 4_00);
    expect(await day('2026-11-21')).toBe(5_00);

    must(await h['reports.setBusinessDay']({ timeZone: 'UTC', cutoffHour: 0 }));
    expect([await day('2026-11-21'), await day('2026-11-22')]).toEqual([7_00, 0]);
    expect(app.db.prepare('SELECT hash FROM journal ORDER BY seq LIMIT 2').all()).toEqual(hashes);
    expect(verifyJournal(app.db).ok).toBe(true);
    const hours = must(await h['reports.settlement']({ from: '2026-11-21', to: '2026-11-21' })).byHour;
    expect(hours.map((g) => [g.key, g.grossMinor])).toEqual([
      ['17', 5_00],
      ['18', 2_00],
    ]);
  });
});

describe('payouts with a cutoff hour: each provider day’s batch shared between the business days it touches', () => {
  // Shanghai times; the business day ends at 04:00 (a bar). Provider days end at midnight.
  const at = (day: number, hour: number) => Date.UTC(2026, 10, day, hour - 8, 30);
  const batch = (date: string, payoutMinor: number, status: 'paid' | 'pending' = 'paid') =>
    app.settlement.batches.record({
      batchId: `B-${date}`,
      businessDate: date,
      channel: 'alipay',
      currency: 'CNY',
      grossMinor: 0,
      refundsMinor: 0,
      feeMinor: 0,
      payoutMinor: status === 'paid' ? payoutMinor : 0,
      payoutDate: date,
      status,
    });
  const line = async (date: string) =>
    must(await app.handlers['reports.settlement']({ from: date, to: date })).channels.find(
      (c) => c.channel === 'alipay',
    )!;

  it('reads each business day paid when every batch paid what was expected, and names a short day once', async () => {
    must(await app.handlers['reports.setBusinessDay']({ timeZone: 'Asia/Shanghai', cutoffHour: 4 }));
    app.settings.set('feeRatesBps', { alipay: 0 }); // round amounts: the split is tested, not the fee rule
    // business day 11-21: 21st 20:30 (provider 21) and 22nd 02:30 (provider 22)
    // business day 11-22: 22nd 12:30 and 22nd 23:30 (provider 22), 23rd 01:30 (provider 23)
    for (const [d, h, minor] of [
      [21, 20, 100_00],
      [22, 2, 30_00],
      [22, 12, 50_00],
      [22, 23, 7_00],
      [23, 1, 9_00],
    ] as const) {
      clock.ms = at(d, h);
      postQrSale(app, 'alipay', minor);
    }
    // provider day 22 holds 30.00 of business day 21 and 57.00 of business day 22
    batch('2026-11-21', 100_00);
    batch('2026-11-22', 87_00);
    expect(await line('2026-11-21')).toMatchObject({ expectedPayoutMinor: 130_00, paidMinor: 130_00, status: 'paid' });
    // business day 22 holds part of provider day 23, whose batch has not come
    expect(await line('2026-11-22')).toMatchObject({ expectedPayoutMinor: 66_00, paidMinor: 57_00, status: 'pending' });
    batch('2026-11-23', 8_99); // one fen short: on the part of the 23rd (its only part)
    expect(await line('2026-11-22')).toMatchObject({ paidMinor: 65_99, differenceMinor: -1, status: 'short' });
    const range = must(await app.handlers['reports.settlement']({ from: '2026-11-21', to: '2026-11-22' }));
    expect(range.total).toMatchObject({ paidMinor: 195_99, differenceMinor: -1, status: 'short' });
    // a short provider day shows on its largest part only: the 22nd pays 86.99 for 30.00 + 57.00
    app.db.exec("DELETE FROM settlement_batches WHERE batch_id = 'B-2026-11-22'");
    batch('2026-11-22', 86_99);
    expect(await line('2026-11-21')).toMatchObject({ paidMinor: 130_00, status: 'paid' });
    expect(await line('2026-11-22')).toMatchObject({ differenceMinor: -2, status: 'short' });
    // a batch that paid so little that the share of its largest part is nothing: short, not pending
    app.db.exec("DELETE FROM settlement_batches WHERE batch_id = 'B-2026-11-22'");
    batch('2026-11-22', 30_00);
    expect(await line('2026-11-22')).toMatchObject({ paidMinor: 8_99, status: 'short' });
    app.db.exec("DELETE FROM settlement_batches WHERE batch_id = 'B-2026-11-23'");
    batch('2026-11-23', 0);
    expect(await line('2026-11-22')).toMatchObject({ paidMinor: 0, status: 'short' });
    // back to a midnight cutoff: each batch on its own date again, as the days are the providers'
    must(await app.handlers['reports.setBusinessDay']({ timeZone: 'Asia/Shanghai', cutoffHour: 0 }));
    expect(await line('2026-11-21')).toMatchObject({ expectedPayoutMinor: 100_00, paidMinor: 100_00, status: 'paid' });
  });
});

describe('the provider day of each hour of a business day (payout-split partsOf)', () => {
  it('equals what the entries’ own times say, in whole-hour, half-hour, 45-minute and DST zones', async () => {
    const { partsOf } = await import('../../src-main/settlement/payout-split');
    const rnd = seededRandom(5);
    // 10 days around the end of DST in New York (2026-11-01) and 10 around its start (2026-03-08),
    // a sale every ~37 minutes
    for (const start of [Date.UTC(2026, 9, 28), Date.UTC(2026, 2, 4)]) {
      for (let t = start; t < start + 10 * 86_400_000; t += Math.floor(20 * 60_000 + rnd() * 34 * 60_000)) {
        clock.ms = t;
        postQrSale(app, rnd() < 0.5 ? 'alipay' : 'wechat', 1 + Math.floor(rnd() * 10_000));
      }
    }
    const cases = [
      ['Asia/Shanghai', 4],
      ['Asia/Kolkata', 0],
      ['Asia/Kolkata', 3],
      ['America/New_York', 2],
      ['Europe/London', 0],
      ['Pacific/Chatham', 5],
      // a 23-hour day at the start of DST holding no provider midnight at all
      ['America/New_York', 12],
      ['America/Chicago', 11],
      ['America/Los_Angeles', 9],
    ] as const;
    for (const [timeZone, cutoffHour] of cases) {
      must(await app.handlers['reports.setBusinessDay']({ timeZone, cutoffHour }));
      for (const [lo, hi] of [
        ['2026-10-30', '2026-11-04'],
        ['2026-03-05', '2026-03-11'],
      ] as const) {
        const truth = new Map<string, number>();
        for (const e of app.db
          .prepare(
            `SELECT created_at_ms AS at, business_date AS bd, channel, sale_minor - refund_minor - fee_expected_minor AS x
             FROM entry_index WHERE channel IN ('alipay', 'wechat') AND business_date BETWEEN ? AND ?`,
          )
          .all(lo, hi) as { at: number; bd: string; channel: string; x: number }[]) {
          const k = `${new Date(e.at + 8 * 3_600_000).toISOString().slice(0, 10)}|${e.bd}|${e.channel}`;
          truth.set(k, (truth.get(k) ?? 0) + e.x);
        }
        const got = partsOf(app.db, lo, hi, timeZone, cutoffHour);
        expect(new Map([...got].filter(([, v]) => v !== 0)), `${timeZone} ${cutoffHour} ${lo}`).toEqual(
          new Map([...truth].filter(([, v]) => v !== 0)),
        );
      }
    }
  });
});
