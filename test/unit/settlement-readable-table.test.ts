import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { readableTable } from '../../src-main/settlement/readable-table';
import { settlementTables, toCsv, type Table } from '../../src-main/settlement/tables';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';
import { must, postQrSale } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const DAY = '2026-11-22';
const tables = () => settlementTables(must(app.settlement.reports.report(DAY, DAY)));
const rowsOf = (t: Table) => t.rows.map((r) => r.map((c) => (typeof c === 'object' ? c.amount : c)));

describe('readable exports (XLSX, PDF) say what the Reports screen says', () => {
  it('a sale rung up with no shift open: "无班次 / No shift", not blank cells; the CSV keeps them empty', async () => {
    await setupOwner(app);
    postQrSale(app, 'alipay', 12_00); // the owner, no shift open
    must(app.handlers['shift.open']({ float: '10' }) as never);
    must(app.settlement.cash.sale('3.50', '5'));
    const shifts = tables()['settlement.shifts']!;
    const noShift = (t: Table) => rowsOf(t).find((r) => r.includes('12.00'))!;
    expect(noShift(shifts).slice(0, 2)).toEqual(['', '']);
    expect(noShift(readableTable(shifts, 'zh-CN')).slice(0, 2)).toEqual(['无班次', '无班次']);
    expect(noShift(readableTable(shifts, 'en')).slice(0, 2)).toEqual(['No shift', 'No shift']);
    // the shift's own line keeps its cashier and id
    const open = rowsOf(readableTable(shifts, 'en')).find((r) => r.includes('3.50'))!;
    expect(open.slice(0, 1)).toEqual(['Owner']);
    expect(new TextDecoder().decode(toCsv(shifts))).toContain('\r\n,,1,12.00,');
  });

  it('a by-cashier line with no cashier’s name says "未知 / Unknown", as the screen does', () => {
    postQrSale(app, 'alipay', 12_00); // no one logged in
    const cashiers = tables()['settlement.cashiers']!;
    expect(rowsOf(cashiers)[0]![0]).toBe('');
    expect(rowsOf(readableTable(cashiers, 'zh-CN'))[0]![0]).toBe('未知');
    expect(rowsOf(readableTable(cashiers, 'en'))[0]![0]).toBe('Unknown');
  });

  it('the hour as the screen shows it: "05:00", not "5"', () => {
    const hours: Table = {
      name: 'h',
      header: ['hour', 'sales', 'gross', 'refunds', 'fees', 'written_off', 'net'],
      rows: [
        ['5', 1, { amount: '1.00' }, { amount: '0.00' }, { amount: '0.00' }, { amount: '0.00' }, { amount: '1.00' }],
        ['17', 1, { amount: '2.00' }, { amount: '0.00' }, { amount: '0.00' }, { amount: '0.00' }, { amount: '2.00' }],
      ],
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(rowsOf(readableTable(hours, lang)).map((r) => r[0])).toEqual(['05:00', '17:00']);
    }
    expect(new TextDecoder().decode(toCsv(hours))).toContain('\r\n5,1,1.00,');
  });
});
