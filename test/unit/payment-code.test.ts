import { describe, expect, it } from 'vitest';
import { classifyPaymentCode, maskPaymentCode } from '../../src-shared/payment-code';

describe('payment code shapes', () => {
  it('knows Alipay (16–24 digits, 25–30) and WeChat (18 digits, 10–15)', () => {
    for (const code of ['2512345678901234', '284567890123456789', '301234567890123456789012']) {
      expect(classifyPaymentCode(code)).toEqual({ ok: true, value: 'alipay' });
    }
    for (const code of ['101234567890123456', '151234567890123456']) {
      expect(classifyPaymentCode(code)).toEqual({ ok: true, value: 'wechat' });
    }
  });

  it('refuses everything else as malformed', () => {
    for (const code of [
      '',
      '25123456789012',
      '3112345678901234',
      '2412345678901234',
      '1612345678901234567',
      '2845678901234567890123456',
      '28456789012345678a',
      ' 284567890123456789',
    ]) {
      const r = classifyPaymentCode(code);
      expect(r.ok ? r.value : r.error.code).toBe('payment_code_malformed');
    }
  });

  it('masks a code for logs', () => {
    expect(maskPaymentCode('284567890123456789')).toBe('28************6789');
  });
});
