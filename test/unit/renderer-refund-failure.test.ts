import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/i18n/en';
import zhCN from '../../src-renderer/i18n/zh-CN';
import { refundFailureKey } from '../../src-renderer/logic/refund-failure';
import { REFUND_FAILURE_CODES } from '../../src-shared/audit-events';

/** The text at a dotted key of a resource object (undefined if there is none). */
const at = (res: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], res);

describe('why a refund failed, in words (refund dialog, Today)', () => {
  it('every failure code is said in both languages, with the Audit screen’s words for it', () => {
    for (const code of REFUND_FAILURE_CODES) {
      const key = refundFailureKey(code);
      expect(key).toBe(`audit.values.code.${code}`);
      for (const res of [zhCN, en]) expect(typeof at(res, key), `${code}`).toBe('string');
    }
    expect(at(zhCN, refundFailureKey('not_found'))).toBe('网关找不到该订单');
    expect(at(en, refundFailureKey('provider_failed'))).toBe('The payment provider’s refund failed');
  });

  it('a reason not kept (a refund failed before it was), or a code not listed, reads as not known', () => {
    for (const code of [null, 'gateway_unreachable', '']) {
      expect(refundFailureKey(code)).toBe('refund.failureUnknown');
    }
    expect(at(zhCN, 'refund.failureUnknown')).toMatch(/原因/);
    expect(typeof at(en, 'refund.failureUnknown')).toBe('string');
  });
});
