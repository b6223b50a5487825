import { describe, expect, it } from 'vitest';
import { outcomePage, paidPage, walletPage } from '../../src-gateway/pages/customer-pages';
import { chooseLocale } from '../../src-gateway/pages/strings';

describe('customer page locale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW,en;q=0.5', 'zh-CN'],
    ['fr-FR,en;q=0.8,zh;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.8', 'en'],
    ['de', 'zh-CN'],
    ['en;q=0,zh;q=0.1', 'zh-CN'],
  ])('%j → %s', (header, locale) => {
    expect(chooseLocale(header)).toBe(locale);
  });
});

describe('customer pages', () => {
  it('escapes the merchant name and carries the test ids', () => {
    const page = walletPage('en', {
      merchantName: '<script>alert(1)</script>&"',
      amountMinor: 500,
      currency: 'JPY',
      orderId: '01JT0Z3Q8M6V9K2N4P5R7S8T9V',
      sessionId: 'abc_DEF-123abc_DEF-123a',
    });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;');
    for (const id of ['wallet-amount', 'wallet-merchant', 'wallet-pay', 'wallet-decline']) {
      expect(page.html).toContain(`data-testid="${id}"`);
    }
    expect(page.html).toContain('¥500');
    expect(page.html).toContain('value="abc_DEF-123abc_DEF-123a"');
  });

  it('shows the confirmation code grouped, and outcomes with their status', () => {
    const paid = paidPage(
      'zh-CN',
      { merchantName: 'M', amountMinor: 1234, currency: 'CNY', orderId: 'O', confirmationCode: '042917' },
      false,
    );
    expect(paid.html).toMatch(/data-testid="confirmation-code"[^>]*>042 917</);
    expect(paid.html).toContain('data-status="paid"');
    expect(paid.html).toContain('已向 M 支付 ¥12.34');
    expect(outcomePage('en', 'invalid').status).toBe(400);
    expect(outcomePage('en', 'expired').html).toContain('data-status="expired"');
    // the shop's QR is its 收款码 / payment QR, as the console says; 付款码 is the customer's own code
    expect(outcomePage('zh-CN', 'expired').html).toContain('收款码已失效');
    expect(outcomePage('en', 'expired').html).toContain('This payment QR has expired');
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const status of ['expired', 'invalid'] as const) {
        expect(outcomePage(locale, status).html).not.toMatch(/付款码|payment code/);
      }
    }
  });
});
