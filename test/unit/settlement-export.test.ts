import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { settlementTables, shopDateTime, toCsv } from '../../src-main/settlement/tables';
import { toXlsx } from '../../src-main/settlement/xlsx';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';
import { must, postQrSale, postRefund } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const DAY = '2026-11-22';
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('exports', () => {
  it('CSV: BOM, CRLF, exact amounts, quoting, and formula cells neutralised', () => {
    const bytes = toCsv({
      name: 'x',
      header: ['item', 'value'],
      rows: [
        ['paid_out: =HYPERLINK("x")', '-1.50'],
        ['a,b', '2.00'],
        ['@sum', '+1'],
      ],
    });
    const s = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(s.startsWith('\uFEFF')).toBe(true);
    expect(s.slice(1).split('\r\n')).toEqual([
      'item,value',
      '"paid_out: =HYPERLINK(""x"")",-1.50',
      '"a,b",2.00',
      "'@sum,'+1",
      '',
    ]);
  });

  it('every settlement table exports as CSV and XLSX with the same rows', async () => {
    must(app.handlers['shift.open']({ float: '10' }) as never);
    must(app.settlement.cash.sale('3.50', '5'));
    postQrSale(app, 'alipay', 100_00);
    postRefund(app, 'alipay', 1_00);
    for (const table of [
      'settlement.days',
      'settlement.channels',
      'settlement.cashiers',
      'settlement.shifts',
      'settlement.hours',
      'settlement.entries',
      'shift.z',
    ] as const) {
      const csv = must(await app.handlers['reports.export']({ table, format: 'csv', from: DAY, to: DAY }));
      expect(csv.filename.endsWith('.csv'), table).toBe(true);
      const lines = text(csv.base64)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines.length - 1, table).toBe(csv.rows);
      expect(csv.rows, table).toBeGreaterThan(0);

      const xlsx = must(await app.handlers['reports.export']({ table, format: 'xlsx', from: DAY, to: DAY }));
      expect(xlsx.filename.endsWith('.xlsx')).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount, table).toBe(csv.rows + 1);
    }
    const entries = must(
      await app.handlers['reports.export']({ table: 'settlement.entries', format: 'csv', from: DAY, to: DAY }),
    );
    const rows = text(entries.base64)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((r) => [r[3], r[4], r[5], r[6]])).toEqual([
      ['cash.sale', 'cash', '3.50', '0.00'],
      ['sale.qr', 'alipay', '100.00', '0.00'],
      ['refund', 'alipay', '0.00', '1.00'],
    ]);
    const channels = must(
      await app.handlers['reports.export']({ table: 'settlement.channels', format: 'xlsx', from: DAY, to: DAY }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(channels.base64, 'base64') as unknown as ArrayBuffer);
    // Excel is for reading: column names, channels and statuses in the window's language (the
    // CSV above keeps the codes, for formulas and scripts)
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined, // exceljs counts columns from 1
      '渠道',
      '笔数',
      '收款',
      '退款笔数',
      '退款',
      '手续费',
      '核销未收款',
      '净额',
      '应结算',
      '已到账',
      '差额',
      '状态',
    ]);
    const alipay = sheet.getRow(2);
    expect(alipay.getCell(1).value).toBe('支付宝');
    expect(alipay.getCell(12).value).toBe('待结算');
    expect(sheet.getRow(3).getCell(1).value).toBe('现金');
    expect(sheet.getRow(3).getCell(12).value).toBe('—');
    expect(alipay.getCell(3).value).toBe(100); // gross, a number for the spreadsheet
    expect(alipay.getCell(3).numFmt).toBe('0.00');
    expect(alipay.getCell(6).value).toBe(0.38); // fees: 38 fen; the 1.00 refund returns 0 fen
    // the transactions sheet names each kind; in English when the window is
    app.settings.set('locale', 'en');
    const en = must(
      await app.handlers['reports.export']({ table: 'settlement.entries', format: 'xlsx', from: DAY, to: DAY }),
    );
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(Buffer.from(en.base64, 'base64') as unknown as ArrayBuffer);
    const tx = wbEn.worksheets[0]!;
    expect([tx.getRow(1).getCell(4).value, tx.getRow(1).getCell(5).value]).toEqual(['Kind', 'Channel']);
    expect([tx.getRow(2).getCell(4).value, tx.getRow(2).getCell(5).value]).toEqual(['Cash sale', 'Cash']);
    expect([tx.getRow(3).getCell(4).value, tx.getRow(3).getCell(5).value]).toEqual(['QR sale', 'Alipay']);
    expect(tx.getRow(3).getCell(6).value).toBe(100); // amounts stay numbers
  });

  it("the Z report's amounts are numbers in XLSX, beside its ids and names as text", async () => {
    must(app.handlers['shift.open']({ float: '10' }) as never);
    const shiftId = app.settlement.shifts.openRow()!.id;
    must(app.settlement.cash.sale('3.50', '5'));
    postQrSale(app, 'alipay', 100_00);
    const f = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'xlsx', shiftId }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    // labelled as its CSV: the label in the window's language, the value, the item's code
    expect(sheet.getRow(1).values).toEqual([undefined, 'label', 'value', 'item']);
    const byItem = new Map<string, ExcelJS.Cell>();
    const labelOf = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      byItem.set(String(row.getCell(3).value), row.getCell(2));
      labelOf.set(String(row.getCell(3).value), row.getCell(1).value);
    });
    expect(labelOf.get('alipay.gross')).toBe('支付宝 · 收款');
    expect(labelOf.get('expected_cash')).toBe('应有现金');
    expect(byItem.get('shift')!.value).toBe(shiftId);
    // times as the shop's wall clock reads them, its zone named: not UTC (a day earlier after midnight)
    const opened = app.settlement.shifts.byId(shiftId)!.opened_at_ms;
    const wall = `${new Date(opened + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19)} +08:00`;
    expect(byItem.get('opened_at')!.value).toBe(wall);
    expect(byItem.get('time_zone')!.value).toBe('Asia/Shanghai');
    expect(byItem.get('opening_float')!.value).toBe(10);
    expect(byItem.get('opening_float')!.numFmt).toBe('0.00');
    expect(byItem.get('alipay.gross')!.value).toBe(100);
    expect(byItem.get('alipay.sales')!.value).toBe(1);
    expect(byItem.get('alipay.sales')!.numFmt).not.toBe('0.00'); // a count, not money
    expect(byItem.get('cash_sales')!.value).toBe(3.5);
    expect(byItem.get('expected_cash')!.value).toBe(13.5);
    // The same report as CSV keeps the amounts as plain text figures.
    const csv = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'csv', shiftId }));
    expect(text(csv.base64)).toContain('\r\n现金销售,3.50,cash_sales\r\n');
  });

  it('yen amounts (no minor unit) are numbers in XLSX too, not text', async () => {
    const line = {
      channel: 'alipay',
      saleCount: 2,
      grossMinor: 1200,
      refundCount: 0,
      refundsMinor: 0,
      writtenOffMinor: 0,
      feesMinor: 5,
      netMinor: 1195,
      expectedPayoutMinor: 1195,
      paidMinor: 0,
      feesBookedMinor: 0,
      differenceMinor: -1195,
      status: 'pending' as const,
    };
    const report = {
      from: DAY,
      to: DAY,
      currency: 'JPY' as const,
      feeRule: '',
      channels: [line],
      total: { ...line, channel: 'total' },
      days: [],
      byHour: [],
      byCashier: [],
      byShift: [],
    };
    const wb = new ExcelJS.Workbook();
    const bytes = await toXlsx([settlementTables(report)['settlement.channels']!]);
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const alipay = wb.worksheets[0]!.getRow(2);
    expect(alipay.getCell(3).value).toBe(1200); // gross ¥1200
    expect(alipay.getCell(3).numFmt).toBe('0');
    expect(alipay.getCell(2).value).toBe(2); // the count stays a count
  });

  it('every transaction names its cashier, then gives the id', async () => {
    const ownerId = await setupOwner(app);
    postQrSale(app, 'alipay', 5_00);
    const csv = must(
      await app.handlers['reports.export']({ table: 'settlement.entries', format: 'csv', from: DAY, to: DAY }),
    );
    const [header, row] = text(csv.base64).trim().split('\r\n');
    expect(header!.split(',').slice(-2)).toEqual(['cashier', 'cashier_id']);
    expect(row!.split(',').slice(-2)).toEqual(['Owner', ownerId]);
  });

  it('refuses exports without a range or of an unknown shift', async () => {
    const r = await app.handlers['reports.export']({ table: 'settlement.days', format: 'csv' });
    expect(r.ok ? 'ok' : r.error.code).toBe('range_invalid');
    const z = await app.handlers['reports.export']({
      table: 'shift.z',
      format: 'csv',
      shiftId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    expect(z.ok ? 'ok' : z.error.code).toBe('shift_not_found');
  });
});

describe('shopDateTime', () => {
  it('reads the shop’s wall clock with its offset: the two 01:30s of the night DST ends differ', () => {
    expect(shopDateTime(Date.UTC(2026, 10, 1, 5, 30), 'America/New_York')).toBe('2026-11-01 01:30:00 -04:00');
    expect(shopDateTime(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York')).toBe('2026-11-01 01:30:00 -05:00');
    expect(shopDateTime(0, 'UTC')).toBe('1970-01-01 00:00:00 +00:00');
    expect(shopDateTime(0, 'Asia/Kolkata')).toBe('1970-01-01 05:30:00 +05:30');
  });
});
