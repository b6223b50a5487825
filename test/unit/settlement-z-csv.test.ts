import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { reportLabel, reportStatusLabel } from '../../src-main/settlement/report-labels';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { must, postQrSale } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const zCsv = async (): Promise<string[]> => {
  const f = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'csv' }));
  return Buffer.from(f.base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
};

describe("the Z report's CSV: labels as the PDF has them, in the window's language, beside the codes", () => {
  beforeEach(() => {
    must(app.handlers['shift.open']({ float: '10' }) as never);
    must(app.settlement.cash.sale('3.50', '5'));
    must(app.settlement.cash.move('in', '2', '零钱'));
    postQrSale(app, 'alipay', 100_00);
  });

  it('zh-CN (the default): Chinese labels first, the value, then the stable item code', async () => {
    const lines = await zCsv();
    expect(lines[0]).toBe('label,value,item');
    expect(lines).toContain('备用金,10.00,opening_float');
    expect(lines).toContain('现金 · 收款,3.50,cash.gross');
    expect(lines).toContain('支付宝 · 笔数,1,alipay.sales');
    expect(lines).toContain('存入: 零钱,2.00,paid_in: 零钱');
    expect(lines).toContain('应有现金,15.50,expected_cash');
    // no row is labelled with its bare code
    for (const line of lines.slice(1, -1)) {
      const [label, , item] = line.split(',');
      expect(label, item).not.toBe(item);
    }
  });

  it('en: English labels, the same codes and values', async () => {
    must(await app.handlers['settings.setLocale']({ locale: 'en' }));
    const lines = await zCsv();
    expect(lines[0]).toBe('label,value,item');
    expect(lines).toContain('Opening float,10.00,opening_float');
    expect(lines).toContain('Cash · Gross,3.50,cash.gross');
    expect(lines).toContain('Paid in: 零钱,2.00,paid_in: 零钱');
    expect(lines).toContain('Expected cash,15.50,expected_cash');
  });

  it('the PDF keeps both languages from the same labels', () => {
    expect(reportLabel('expected_cash', 'both')).toBe('应有现金 Expected cash');
    expect(reportLabel('alipay.gross', 'both')).toBe('支付宝 Alipay · 收款 Gross');
    // the reports PDF's status column, as the screen says it
    expect(reportStatusLabel('pending', 'both')).toBe('待结算 Pending');
    expect(reportStatusLabel('none', 'both')).toBe('—');
    expect(reportStatusLabel('later', 'both')).toBe('later');
    expect(reportLabel('toString', 'en')).toBe('toString');
  });
});
