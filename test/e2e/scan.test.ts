/**
 * The customer's payment code at the counter, in Chromium against the browser host in demo
 * mode (sandbox provider): the scanner "types" the code fast and presses Enter while the QR is
 * shown; the console charges it and turns paid. Typed slowly the digits do nothing; the code
 * field takes a typed code; a declined code says so.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { setUpOwnerInUi } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';

let pos: ServedConsole;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pos = await startServedConsole();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.goto(pos.url);
  await setUpOwnerInUi(page);
  await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
});

const status = (s: string) => page.locator(`[data-testid="order-status"][data-status="${s}"]`);

/**
 * Types keys as real (trusted) key events whose time stamps are set, so the page sees exactly
 * the spacing a scanner (a few ms) or a person (~100 ms) produces, however busy the machine is.
 */
async function typeWithSpacing(text: string, gapMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...text, 'Enter'];
  for (const [i, key] of keys.entries()) {
    const isEnter = key === 'Enter';
    const common = {
      key,
      code: isEnter ? 'Enter' : `Digit${key}`,
      windowsVirtualKeyCode: isEnter ? 13 : key.charCodeAt(0),
      timestamp: start + (i * gapMs) / 1000,
    };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: isEnter ? '\r' : key, ...common });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  }
  await cdp.detach();
}

async function newOrder(amount: string): Promise<string> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.getByTestId('payment-qr').waitFor();
  return (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
}

describe('payment codes in the browser host', () => {
  it('a scanner burst + Enter charges the code and the order turns paid', async () => {
    const orderId = await newOrder('23.45');
    // A scanner: every digit 4 ms after the last, then Enter.
    await typeWithSpacing('284567890123456789', 4);
    await status('paid').waitFor({ timeout: 10_000 });
    const rows = pos.query<{ status: string; channel: string }>(
      'SELECT status, channel FROM orders WHERE id = ?',
      orderId,
    );
    expect(rows).toEqual([{ status: 'paid', channel: 'sandbox' }]);
    await page.keyboard.press('Enter'); // next sale
  });

  it('the same digits typed slowly charge nothing', async () => {
    const orderId = await newOrder('1');
    await typeWithSpacing('2845678901234567', 120);
    await page.getByTestId('scan-panel').waitFor();
    expect(await page.getByTestId('charge-status').count()).toBe(0);
    expect(pos.query<{ status: string }>('SELECT status FROM orders WHERE id = ?', orderId)).toEqual([
      { status: 'awaiting_payment' },
    ]);
  });

  it('a declined code typed into the field says so; the order stays payable', async () => {
    await page.getByTestId('scan-code-input').fill('284567890123456784');
    await page.getByTestId('scan-charge-button').click();
    const line = page.locator('[data-testid="charge-status"][data-status="failed"]');
    await line.waitFor({ timeout: 10_000 });
    expect(await line.textContent()).toContain('拒绝'); // zh-CN is the console's default locale
    expect(await status('awaiting_payment').count()).toBe(1);
    // A malformed code is refused with a translated error before anything is sent.
    await page.getByTestId('scan-code-input').fill('12345');
    await page.getByTestId('scan-charge-button').click();
    await page.locator('[data-testid="error-message"][data-code="payment_code_malformed"]').waitFor();
    // too long (two scans run together) or with letters: refused whole, never cut to a code that charges
    for (const typed of ['2812345678901234567890123456', '28123456789012345a']) {
      await page.getByTestId('scan-code-input').fill(typed);
      expect(await page.getByTestId('scan-code-input').inputValue()).toBe(typed);
      await page.getByTestId('scan-charge-button').click();
      await page.locator('[data-testid="error-message"][data-code="payment_code_malformed"]').waitFor();
    }
    expect(await status('awaiting_payment').count()).toBe(1);
  });
});
