import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BILL_REASONS } from '../../src-shared/bill-reasons';
import type { AppError } from '../../src-shared/result';
import en from '../../src-renderer/i18n/en';
import zhCN from '../../src-renderer/i18n/zh-CN';
import { errorKey } from '../../src-renderer/logic/error-key';
import { errorParams } from '../../src-renderer/logic/error-params';

const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } };

function translator(lng: 'zh-CN' | 'en') {
  const i = i18next.createInstance();
  void i.init({ resources, lng, initAsync: false, interpolation: { escapeValue: false } });
  return (e: AppError) => i.t(errorKey(e.code), errorParams(i.t, e, lng));
}

// As ReconcileService.importFile sends them (reconcile-service.test.ts checks that side).
const malformed: AppError = {
  code: 'bill_malformed',
  message: 'line 7: amount_invalid column="订单金额" value="45.0O"',
  params: { line: 7, reason: 'amount_invalid', column: '订单金额', value: '45.0O' },
};
const damaged: AppError = {
  code: 'bill_unreadable',
  message: 'archive_damaged: zip: bad central directory',
  params: { reason: 'archive_damaged' },
};

describe('an error as the window says it', () => {
  it('says why a bill was refused in the owner’s language, with the line, column and value', () => {
    expect(translator('zh-CN')(malformed)).toBe('账单文件有误（第 7 行）：“订单金额”不是金额：“45.0O”');
    expect(translator('en')(malformed)).toContain('line 7');
    expect(translator('en')(malformed)).toContain('“订单金额” is not an amount: “45.0O”');
    expect(translator('zh-CN')(damaged)).toBe('账单文件无法读取：压缩包已损坏或不完整，请重新下载');
    expect(translator('en')(damaged)).not.toMatch(/zip|central/);
  });

  it('names a provider by its name, and falls back to main’s words for a reason it does not know', () => {
    const noHeader: AppError = {
      code: 'bill_unreadable',
      message: 'x',
      params: { reason: 'header_missing', channel: 'wechat' },
    };
    expect(translator('zh-CN')(noHeader)).toBe('账单文件无法读取：找不到微信支付交易账单的表头');
    const unknown: AppError = { code: 'bill_unreadable', message: 'line 3: something new', params: { reason: 'nope' } };
    expect(translator('en')(unknown)).toContain('line 3: something new');
  });

  it('says a drawer count over its limit as such, the limit as money', () => {
    const count: AppError = {
      code: 'cash_count_too_large',
      message: 'more than a drawer holds',
      params: { max: '1000000.00', max_minor: 1_000_000_00, currency: 'CNY' },
    };
    const zh = translator('zh-CN')(count);
    expect(zh).toContain('¥1,000,000.00');
    expect(zh).toContain('钱箱');
    expect(zh).not.toContain('单笔');
    expect(translator('en')(count)).toContain('1,000,000.00');
    expect(translator('en')(count)).toContain('drawer');
  });

  it('has words for every reason, filled without a placeholder left over', () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const say = translator(lng);
      for (const reason of BILL_REASONS) {
        const text = say({
          code: 'bill_malformed',
          message: 'm',
          params: {
            line: 2,
            reason,
            column: 'C',
            expected: 'E',
            found: 'F',
            value: 'V',
            count: 3,
            rows: 4,
            max: 64,
            max_mb: 100,
            channel: 'alipay',
          },
        });
        expect(text, `${lng} ${reason}`).not.toMatch(/\{\{|reconcile\.billReason|\bm$/);
      }
    }
  });

  it('says until when an operator is locked, in the window’s language', () => {
    const until = new Date(2026, 11, 7, 21, 5).getTime(); // local time, as the window shows it
    const locked: AppError = { code: 'operator_locked', message: 'm', params: { until_ms: until } };
    expect(translator('zh-CN')(locked)).toContain('21:05');
    expect(translator('en')(locked)).toContain('09:05');
    expect(translator('en')(locked)).not.toContain('{{');
  });
});
