import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { DayDeriver } from '../../src-main/settlement/business-day';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
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
