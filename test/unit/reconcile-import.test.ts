import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BillError, BillTotalsError } from '../../src-main/reconcile/import/bill-error';
import { beijingTimeToMs, cleanField, yuanToFen } from '../../src-main/reconcile/import/fields';
import { importBill } from '../../src-main/reconcile/import/import-bill';

const dir = join(import.meta.dirname, '../fixtures/bills');
const load = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const lineOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof BillError) return e.line;
    throw e;
  }
  throw new Error('did not throw');
};
/** Why the importer refused, as the window is told: line, reason and what it names. */
const refusalOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof BillError) return { line: e.line, reason: e.reason, params: e.params };
    throw e;
  }
  throw new Error('did not throw');
};

describe('bill fields', () => {
  it('parses yuan to fen exactly, keeps the sign, refuses the rest', () => {
    expect(yuanToFen('12.30', 1, 'a')).toBe(1230);
    expect(yuanToFen('0.1', 1, 'a')).toBe(10);
    expect(yuanToFen('-0.07', 1, 'a')).toBe(-7);
    expect(yuanToFen('9999999999999.99', 1, 'a')).toBe(999999999999999);
    for (const bad of ['', '1.234', '1e3', '１２', ' 1', '.5', '1,000.00'])
      expect(() => yuanToFen(bad, 3, 'a')).toThrow(BillError);
  });
  it('strips trailing tabs and backticks and the leading backtick only', () => {
    expect(cleanField('`12.30')).toBe('12.30');
    expect(cleanField('12.30\t')).toBe('12.30');
    expect(cleanField('`a`b\t`')).toBe('a`b');
  });
  it('reads Beijing time and refuses impossible dates', () => {
    expect(beijingTimeToMs('2026-11-21 08:00:00', 1, 't')).toBe(Date.UTC(2026, 10, 21, 0, 0, 0));
    expect(() => beijingTimeToMs('2026-02-30 08:00:00', 1, 't')).toThrow(BillError);
    expect(() => beijingTimeToMs('2026/11/21 08:00:00', 1, 't')).toThrow(BillError);
  });
});

describe('Alipay trade bill', () => {
  const text = readFileSync(join(dir, 'alipay-trade-utf8-bom.csv'), 'utf8');
  const refusal = (t: string) => {
    try {
      importBill(new TextEncoder().encode(t));
    } catch (e) {
      if (e instanceof BillTotalsError) return e.totals ?? 'no footer';
      throw e;
    }
    return 'imported';
  };

  it('refuses a file cut short or edited: its footer’s counts and totals are the rows’', () => {
    const lines = text.split('\n');
    const secondRow = lines.findIndex((l) => l.startsWith('2026112122001400002'));
    expect(refusal(lines.filter((_, i) => i !== secondRow).join('\n'))).toEqual({
      section: 'trades',
      footer: '4',
      rows: '3',
    });
    expect(refusal(text.replace('交易合计：4笔', '交易合计：9笔'))).toEqual({
      section: 'trades',
      footer: '9',
      rows: '4',
    });
    expect(refusal(text.replace('商家实收：￥73.30元', '商家实收：￥73.31元'))).toEqual({
      section: 'trades',
      footer: '73.31',
      rows: '73.30',
    });
    expect(refusal(text.replace('退款合计：1笔', '退款合计：2笔'))).toEqual({
      section: 'refunds',
      footer: '2',
      rows: '1',
    });
    // cut before the footer: not imported with whatever rows arrived
    expect(refusal(lines.filter((l) => !l.startsWith('#交易合计') && !l.startsWith('#退款合计')).join('\n'))).toBe(
      'no footer',
    );
    expect(refusal(text)).toBe('imported');
  });

  it('reads the GBK zip and the UTF-8-with-BOM CSV to the same records', () => {
    const zip = importBill(load('alipay-trade-gbk.zip'));
    const csv = importBill(load('alipay-trade-utf8-bom.csv'));
    expect(zip.provider).toBe('alipay');
    expect(zip.encoding).toBe('gbk');
    expect(csv.encoding).toBe('utf-8');
    expect(csv.records).toEqual(zip.records);
    expect(zip.sha256).not.toBe(csv.sha256);
    expect(zip.records).toHaveLength(5);
    expect(zip.records[0]).toEqual({
      orderNo: '01KAAAAAAAAAAAAAAAAAAAAAA1',
      tradeNo: '2026112122001400001',
      amountMinor: 1230,
      feeMinor: 7,
      status: 'paid',
      timeMs: Date.UTC(2026, 10, 21, 1, 0, 5),
      refundNo: null,
      channel: 'alipay',
    });
    const refund = zip.records[4]!;
    expect(refund).toMatchObject({
      status: 'refund',
      amountMinor: 500,
      feeMinor: 3,
      refundNo: '01KRRRRRRRRRRRRRRRRRRRRRR1',
    });
    // the duplicate: one order, two trades
    expect(zip.records.filter((r) => r.orderNo === '01KAAAAAAAAAAAAAAAAAAAAAA3').map((r) => r.tradeNo)).toEqual([
      '2026112122001400003',
      '2026112122001400004',
    ]);
  });
  it('refuses a malformed row with its line number, the column and the value', () => {
    expect(refusalOf(() => importBill(load('alipay-malformed.csv')))).toEqual({
      line: 7,
      reason: 'amount_invalid',
      params: { column: '订单金额', value: '45.0O' },
    });
  });
  it("names a header column that is not the bill's, and quotes a long value by its start", () => {
    const text = readFileSync(join(dir, 'alipay-trade-utf8-bom.csv'), 'utf8');
    const header = text.split('\n').findIndex((l) => l.startsWith('支付宝交易号'));
    expect(header).toBeGreaterThan(0);
    const renamed = text.replace('商户订单号', '订单号');
    expect(refusalOf(() => importBill(new TextEncoder().encode(renamed)))).toEqual({
      line: header + 1,
      reason: 'header_column',
      params: { column: 2, expected: '商户订单号', found: '订单号' },
    });
    const long = text.replace('12.30', 'x'.repeat(60));
    expect(refusalOf(() => importBill(new TextEncoder().encode(long))).params).toEqual({
      column: '订单金额',
      value: `${'x'.repeat(40)}…`,
    });
  });
  it('refuses a truncated or corrupted zip, and an empty file, as the whole file', () => {
    const zip = load('alipay-trade-gbk.zip');
    expect(refusalOf(() => importBill(zip.subarray(0, zip.length - 30)))).toMatchObject({
      line: 0,
      reason: 'archive_damaged',
    });
    const bad = zip.slice();
    const mid = Math.floor(zip.length / 2);
    bad[mid] = bad[mid]! ^ 0xff;
    expect(refusalOf(() => importBill(bad))).toMatchObject({ line: 0, reason: 'archive_damaged' });
    expect(refusalOf(() => importBill(new Uint8Array()))).toEqual({ line: 0, reason: 'file_empty', params: {} });
  });
});

describe('WeChat Pay trade bill', () => {
  it('reads UTF-8 and GBK to the same records, refunds and fees included', () => {
    const u = importBill(load('wechat-trade-utf8.csv'));
    const g = importBill(load('wechat-trade-gbk.csv'));
    expect(u.provider).toBe('wechat');
    expect(g.encoding).toBe('gbk');
    expect(g.records).toEqual(u.records);
    expect(u.records).toHaveLength(5);
    expect(u.records[1]).toMatchObject({
      amountMinor: 4500,
      feeMinor: 27,
      status: 'paid',
      tradeNo: '4200000001202611210002',
    });
    expect(u.records[4]).toMatchObject({
      status: 'refund',
      amountMinor: 500,
      feeMinor: 3,
      refundNo: '01KRRRRRRRRRRRRRRRRRRRRRR2',
    });
  });
  it('refuses a malformed row with its line number, and a summary that disagrees', () => {
    expect(refusalOf(() => importBill(load('wechat-malformed-gbk.csv')))).toEqual({
      line: 4,
      reason: 'value_unknown',
      params: { column: '交易状态', value: 'SUCESS' },
    });
    const text = readFileSync(join(dir, 'wechat-trade-utf8.csv'), 'utf8').replace('`5,`73.30', '`6,`73.30');
    expect(lineOf(() => importBill(new TextEncoder().encode(text)))).toBe(8);
  });
  it('reads a refund row by its 退款状态: money out unless closed; an unknown state refuses the file', () => {
    const utf8 = readFileSync(join(dir, 'wechat-trade-utf8.csv'), 'utf8');
    const refundLine = utf8.split('\n').findIndex((l) => l.includes('`REFUND,'));
    expect(refundLine).toBeGreaterThan(0);
    const withState = (state: string) => {
      const lines = utf8.split('\n');
      lines[refundLine] = lines[refundLine]!.replace('`ORIGINAL,`SUCCESS,', `\`ORIGINAL,\`${state},`);
      expect(lines[refundLine]).toContain(`\`${state},`);
      return new TextEncoder().encode(lines.join('\n'));
    };
    // PROCESSING: taken from the balance already; CHANGE: taken, not delivered (the portal settles it)
    for (const state of ['PROCESSING', 'CHANGE']) {
      expect(importBill(withState(state)).records[4]).toMatchObject({ status: 'refund', amountMinor: 500 });
    }
    // REFUNDCLOSE: nothing left the balance: no record, and the summary's count still holds
    const closed = importBill(withState('REFUNDCLOSE'));
    expect(closed.records).toHaveLength(4);
    expect(closed.records.some((r) => r.status === 'refund')).toBe(false);
    expect(lineOf(() => importBill(withState('DONE')))).toBe(refundLine + 1);
    expect(refusalOf(() => importBill(withState('')))).toEqual({
      line: refundLine + 1,
      reason: 'value_unknown',
      params: { column: '退款状态', value: '' },
    });
  });
  it('refuses a file that is neither bill', () => {
    expect(() => importBill(new TextEncoder().encode('a,b,c\n1,2,3\n'))).toThrow(/not an Alipay or WeChat/);
  });
});
