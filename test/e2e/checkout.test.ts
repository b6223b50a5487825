import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrFromScreen, launchChromium } from '../support/browser';
import { waitFor } from '../support/fixtures';
import { E2E_OWNER_PIN, logInInUi, setUpOwnerInUi } from '../support/login';
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
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
});

const status = (s: string) => page.locator(`[data-testid="order-status"][data-status="${s}"]`);

describe('checkout in the browser host', () => {
  it('starts in demo mode, paired and online', async () => {
    await expect(page.getByTestId('demo-banner').isVisible()).resolves.toBe(true);
    await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor();
    const [terminal] = pos.query<{ demo: number }>('SELECT demo FROM terminal');
    expect(terminal).toEqual({ demo: 1 });
  });

  it('gives the screen all the height the banners and bars leave, and prints neither', async () => {
    // The browser host seals secrets with a key file, so both banners show.
    await page.getByTestId('security-banner').waitFor();
    const box = async (testId: string) => (await page.getByTestId(testId).boundingBox())!;
    const screen = (await page.locator('main.screen').boundingBox())!;
    const [banners, status] = [await box('banners'), await box('status-bar')];
    // Each banner is one line; the screen starts under them and runs down to the status bar.
    for (const b of ['demo-banner', 'security-banner']) expect((await box(b)).height).toBeLessThan(48);
    expect(screen.y).toBeCloseTo(banners.y + banners.height, 0);
    expect(screen.y + screen.height).toBeCloseTo(status.y, 0);
    // The lock button's padlock is drawn, not a glyph a missing emoji font turns into a box.
    await expect(page.getByTestId('nav-lock').locator('svg.lock-icon').count()).resolves.toBe(1);
    // The tab (and a bookmark) shows the app's icon: the link resolves to the built SVG.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const served = await page.request.get(new URL(icon!, pos.url).toString());
    expect([served.status(), served.headers()['content-type']]).toEqual([200, 'image/svg+xml']);

    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['banners', 'status-bar']) {
        await expect(page.getByTestId(hidden).isVisible()).resolves.toBe(false);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('refuses a zero amount with a translated error and saves nothing', async () => {
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('error-message');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('amount_zero');
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/); // shown in Chinese
    expect(pos.query('SELECT id FROM orders')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('says there is no open shift when the cashier asks for cash, before any change is counted', async () => {
    await page.keyboard.type('35.5');
    await page.keyboard.press('F2');
    const error = page.locator('[data-testid="error-message"][data-code="shift_not_open"]');
    await error.waitFor();
    expect(await page.getByTestId('cash-panel').count()).toBe(0);
    expect(await page.getByTestId('checkout').getAttribute('data-phase')).toBe('entry');
    await page.keyboard.press('Escape');
  });

  it('keeps every key when keys arrive faster than the screen re-renders (a scanner burst)', async () => {
    // One task, no render between keys. (A string: this file is type-checked without the DOM lib.)
    await page.evaluate(`for (const key of ['9', '8', '7', '6', '.', '5', '4'])
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));`);
    await expect.poll(() => page.getByTestId('amount-display').textContent()).toContain('9,876.54');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('amount-display').textContent()).not.toContain('9,876.54');
  });

  it('says a refused key in words, and drops an amount left uncollected when the cashier leaves Checkout', async () => {
    const display = () => page.getByTestId('amount-display').textContent();
    await page.keyboard.type('35.555');
    await expect.poll(display).toContain('35.55');
    expect(await page.getByTestId('amount-key-refused').textContent()).toMatch(/2 位小数/);
    await page.keyboard.press('Backspace'); // a key that counts: the words go
    expect(await page.getByTestId('amount-key-refused').count()).toBe(0);
    await page.keyboard.type('55'); // the second is refused again; Esc then clears the amount and the words
    await page.getByTestId('amount-key-refused').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('amount-key-refused').count()).toBe(0);
    await page.keyboard.type('35.5');
    await page.getByTestId('nav-today').click();
    await page.getByTestId('today-list').waitFor();
    await page.getByTestId('nav-checkout').click();
    await page.keyboard.type('35.5');
    await expect.poll(display).toContain('35.5');
    expect(await display()).not.toMatch(/35\.5\d/); // not 35.53: the old 35.5 was dropped
    await page.keyboard.press('Escape');
  });

  it('says a letter is no amount, takes a pasted amount, and takes back a payment code scanned before an amount', async () => {
    const display = () => page.getByTestId('amount-display').textContent();
    await page.keyboard.type('-');
    expect(await page.getByTestId('amount-char-refused').textContent()).toContain('数字和小数点');
    await page.keyboard.type('1');
    expect(await page.getByTestId('amount-char-refused').count()).toBe(0);
    await page.keyboard.press('Escape');

    const paste = (text: string) =>
      page.evaluate(
        `(() => { const data = new DataTransfer(); data.setData('text/plain', ${JSON.stringify(text)}); ` +
          `document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true })); })()`,
      );
    await paste('¥1,280.50');
    await expect.poll(display).toContain('1,280.50');
    await paste('12.345');
    await page.getByTestId('amount-char-refused').waitFor();
    expect(await display()).toContain('1,280.50'); // unchanged
    await page.keyboard.press('Escape');

    // a scanner's burst (its keys milliseconds apart) ending in Enter, before any order: not ¥281,234…
    await page.keyboard.type('12');
    await new Promise((r) => setTimeout(r, 150)); // a person's pause, then the scanner
    await page.keyboard.type('281234567890123456');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="error-message"][data-code="scan_before_amount"]').waitFor();
    expect(await display()).toMatch(/12$/);
    expect(await page.getByTestId('payment-qr').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('shows a QR a phone can read, the customer pays, the console says paid and the ledger has the sale', async () => {
    await page.keyboard.type('12.34');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const orderId = (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
    const qrUrl = await decodeQrFromScreen(page, '[data-testid="payment-qr"]');
    expect(qrUrl).toContain(`/q/`);
    expect(qrUrl).toContain(orderId);
    expect(qrUrl).toContain('a=1234&c=CNY');

    const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
    await phone.goto(qrUrl);
    expect(await phone.getByTestId('wallet-amount').textContent()).toContain('12.34');
    await phone.getByTestId('wallet-pay').click();
    const code = await phone.getByTestId('confirmation-code').textContent();
    expect(code?.replace(/\s/g, '')).toMatch(/^\d{6}$/);
    await phone.close();

    await status('paid').waitFor({ timeout: 5_000 });
    const entries = pos.query<{ kind: string; order_id: string; seq: number }>(
      'SELECT seq, kind, order_id FROM journal',
    );
    expect(entries).toEqual([{ seq: 1, kind: 'sale.qr', order_id: orderId }]);
    const postings = pos.query<{ account: string; amount_minor: number }>(
      'SELECT account, amount_minor FROM postings WHERE entry_seq = 1 ORDER BY idx',
    );
    expect(postings).toEqual([
      { account: 'clearing:sandbox', amount_minor: 1234 },
      { account: 'sales', amount_minor: -1234 },
    ]);
  });

  it('cancels with Esc; the customer can no longer pay that QR', async () => {
    await page.keyboard.press('Enter'); // next sale
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const qrUrl = await decodeQrFromScreen(page, '[data-testid="payment-qr"]');
    // an order the gateway knows (one it never heard of is registered, then cancelled: offline-sync.test.ts)
    const id = new URL(qrUrl).pathname.split('/').pop()!;
    for (
      let i = 0;
      i < 200 &&
      pos.query<{ registered: number }>('SELECT registered FROM orders WHERE id = ?', id)[0]?.registered !== 1;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await page.keyboard.press('Escape');
    await status('cancelled').waitFor();
    const phone = await browser.newPage();
    await phone.goto(qrUrl);
    await expect(phone.getByTestId('wallet-pay').count()).resolves.toBe(0);
    await phone.close();
    expect(pos.query('SELECT status FROM orders WHERE id = ?', id)).toEqual([{ status: 'cancelled' }]);
  });

  it('counts every key of a burst typed faster than the screen re-renders', async () => {
    await page.keyboard.press('Enter'); // leave the cancelled order for a new sale
    await page.evaluate(
      `for (const k of ['1', '2', '5']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))`,
    );
    await page.locator('[data-testid="amount-display"]', { hasText: '125' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('lists the day’s orders on the Today screen', async () => {
    await page.getByTestId('nav-today').click();
    await page.getByTestId('today-list').waitFor();
    const rows = page.getByTestId('order-row');
    await rows.nth(1).waitFor(); // the day loads after the screen opens
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="order-row"][data-status="paid"]').count()).resolves.toBe(1);
    await page.screenshot({ path: 'test-results/e2e-today.png' });
  });

  it('finds an order of any day by the end of its number, and shows another day', async () => {
    const [paid] = pos.query<{ id: string }>("SELECT id FROM orders WHERE status = 'paid'");
    await page.getByTestId('order-find').fill(paid!.id.slice(-8).toLowerCase());
    await page.getByTestId('order-find-submit').click();
    const found = page.getByTestId('order-found').getByTestId('order-row');
    await found.first().waitFor();
    await expect(found.count()).resolves.toBe(1);
    expect(await found.first().textContent()).toContain(paid!.id.slice(-8));
    await page.getByTestId('order-find').fill('ZZZZ9999');
    await page.getByTestId('order-find-submit').click();
    await page.getByTestId('order-find-none').waitFor();

    // the day before: no orders, said of that day (not "today"); the search answer goes with the day
    const today = (await page.getByTestId('today-date').inputValue())!;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('today-date').fill(yesterday);
    await page.getByTestId('today-back').waitFor();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(0);
    expect(await page.getByTestId('today-empty').textContent()).toBe('这一天没有订单。');
    expect(await page.getByTestId('order-find-none').count()).toBe(0);
    await page.getByTestId('today-back').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(2);
  });

  it('keeps the order on screen across the lock screen and a reload; paid while locked, it says so', async () => {
    await page.getByTestId('nav-checkout').click();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const orderId = (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
    const onScreen = () => page.getByTestId('order-id').getAttribute('data-order-id');

    await page.getByTestId('nav-lock').click();
    await logInInUi(page, 'Owner', E2E_OWNER_PIN);
    await page.getByTestId('payment-qr').waitFor();
    expect(await onScreen()).toBe(orderId);

    await page.reload();
    if (await page.getByTestId('lock-screen').isVisible()) await logInInUi(page, 'Owner', E2E_OWNER_PIN);
    await page.getByTestId('payment-qr').waitFor();
    expect(await onScreen()).toBe(orderId);

    // locked while the customer pays: unlocked, the screen says paid for that order
    const qrUrl = await decodeQrFromScreen(page, '[data-testid="payment-qr"]');
    await page.getByTestId('nav-lock').click();
    await page.getByTestId('lock-screen').waitFor();
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await phone.goto(qrUrl);
    await phone.getByTestId('wallet-pay').click();
    await phone.getByTestId('confirmation-code').waitFor();
    await phone.close();
    await waitFor(
      () => pos.query<{ status: string }>('SELECT status FROM orders WHERE id = ?', orderId)[0]?.status === 'paid',
      'the payment made while the till was locked',
    );
    await logInInUi(page, 'Owner', E2E_OWNER_PIN);
    await status('paid').waitFor();
    expect(await onScreen()).toBe(orderId);

    // the next sale starts clean, and a reload then shows no old order
    await page.keyboard.press('Enter');
    await page.getByTestId('amount-display').waitFor();
    await page.reload();
    if (await page.getByTestId('lock-screen').isVisible()) await logInInUi(page, 'Owner', E2E_OWNER_PIN);
    await page.getByTestId('amount-display').waitFor();
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.getByTestId('payment-qr').count()).toBe(0);
    expect(await page.locator('[data-testid="order-status"]').count()).toBe(0);
    await page.evaluate('document.activeElement && document.activeElement.blur()');
  });

  it('fits the smallest window (1024 × 700) in English: no side scroll, Lock and the last sync on screen', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('locale-en').click();
    await page.locator('[data-testid="locale-en"][aria-checked="true"]').waitFor();
    try {
      for (const screen of ['checkout', 'today', 'shift', 'reports', 'reconcile', 'settings', 'operators', 'audit']) {
        await page.getByTestId(`nav-${screen}`).click();
        const [scrollWidth, width] = (await page.evaluate(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
        )) as [number, number];
        expect(scrollWidth, screen).toBeLessThanOrEqual(width);
        for (const id of ['nav-lock', 'status-bar']) {
          const b = (await page.getByTestId(id).boundingBox())!;
          expect(b.x + b.width, `${screen}: ${id}`).toBeLessThanOrEqual(width);
        }
      }
    } finally {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('locale-zh-CN').click();
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
