import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CuttableProxy } from '../support/cuttable-proxy';
import { waitFor } from '../support/fixtures';
import type { GatewayProcess } from '../support/gateway-process';
import { E2E_OWNER_PIN, logInInUi } from '../support/login';
import { startOfflineCounter, type OfflineCounter } from '../support/offline-counter';
import { counterPage } from '../support/offline-page';
import type { ServedConsole } from '../support/served-console';

/**
 * Offline-first at the counter, in the real browser host (offline-counter.ts): code-verified
 * sales, wrong codes, limits before the customer pays, late sales, refunds, a gateway restart.
 * The owner's side in Settings (limits, sync issues): offline-owner.test.ts.
 */
let c: OfflineCounter;
let gateway: GatewayProcess;
let proxy: CuttableProxy;
let pos: ServedConsole;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  c = await startOfflineCounter();
  ({ gateway, proxy, pos, browser, page } = c);
});
afterAll(async () => {
  await c?.close();
});

const { connectivity, status, unsynced, inViewAboveStatusBar, converged, collect, reportRowNet, phonePays } =
  counterPage({ page: () => page, browser: () => browser, pos: () => pos });

describe('offline acceptance in the browser', () => {
  it('offline: the cashier types the customer’s code, paid (offline-verified); online: the badge clears', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('25');
    await page.getByTestId('offline-code-form').waitFor();
    expect(await page.getByTestId('offline-code-hint').textContent()).toContain('25.00'); // the amount beside the code
    const code = await phonePays(qrUrl);

    await page.getByTestId('offline-code-input').fill(code === '000000' ? '000001' : '000000');
    await page.getByTestId('offline-code-submit').click();
    expect(await page.getByTestId('error-message').getAttribute('data-code')).toBe('offline_code_wrong');
    // the answer is in view, above the status bar, and the field is ready for the next try
    const left = await page.getByTestId('offline-attempts-left').boundingBox();
    const bar = await page.getByTestId('status-bar').boundingBox();
    expect(left!.y + left!.height).toBeLessThanOrEqual(bar!.y);
    await page.screenshot({ path: 'test-results/e2e-offline-wrong-code.png' });
    expect(await page.evaluate('document.activeElement && document.activeElement.dataset.testid')).toBe(
      'offline-code-input',
    );
    // a letter is said, not silently dropped; full-width digits are read as digits
    await page.getByTestId('offline-code-input').fill('12a');
    expect(await page.getByTestId('offline-code-input').inputValue()).toBe('12');
    await page.getByTestId('offline-code-digits-only').waitFor();
    await page.getByTestId('offline-code-input').fill('１２');
    expect(await page.getByTestId('offline-code-input').inputValue()).toBe('12');
    expect(await page.getByTestId('offline-code-digits-only').count()).toBe(0);
    await page.getByTestId('offline-code-input').fill(code);
    // all six digits show in the field, none scrolled out
    expect(
      await page.evaluate(
        `(() => { const i = document.querySelector('[data-testid="offline-code-input"]'); return i.scrollWidth <= i.clientWidth; })()`,
      ),
    ).toBe(true);
    await page.getByTestId('offline-code-submit').click();
    await status('paid').waitFor();
    await page.getByTestId('offline-badge').waitFor();
    expect(await unsynced()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('status-offline-pending').waitFor();
    expect(pos.query('SELECT offline_state FROM orders WHERE id = ?', orderId)).toEqual([
      { offline_state: 'verified' },
    ]);
    // leaving the window while the sale awaits the gateway asks first (the browser's own prompt;
    // Chromium raises it for a navigation, not for a scripted close); staying keeps everything
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.goto(pos.url).catch(() => undefined); // aborted: the cashier chose to stay
    expect(await asked).toBe('beforeunload');
    await page.getByTestId('offline-badge').waitFor();
    await page.screenshot({ path: 'test-results/e2e-offline-verified.png' });
    // the day's report has it under the offline line until the gateway confirms it
    expect(await reportRowNet('offline')).toContain('25.00');
    expect(await page.getByTestId('row-offline').textContent()).toContain('离线核验（待网关确认）'); // the UI's language: zh-CN
    // the channel mix names it whole, inside the chart (a slice label was cut at the edge)
    const mixChart = page.getByTestId('chart-mix');
    const legend = mixChart.locator('.recharts-legend-item-text');
    expect(await legend.textContent()).toBe('离线核验（待网关确认） 100%');
    const [fig, text] = [await mixChart.boundingBox(), await legend.boundingBox()];
    expect(text!.x >= fig!.x && text!.x + text!.width <= fig!.x + fig!.width).toBe(true);
    await mixChart.screenshot({ path: 'test-results/e2e-offline-mix.png' });
    await page.getByTestId('nav-checkout').click();

    proxy.restore();
    await connectivity('online');
    await page.getByTestId('offline-badge').waitFor({ state: 'detached', timeout: 30_000 });
    await waitFor(async () => (await unsynced()) === 0, 'journal pushed', 30_000);
    expect(pos.query('SELECT offline_state, channel FROM orders WHERE id = ?', orderId)).toEqual([
      { offline_state: 'confirmed', channel: 'sandbox' },
    ]);
    const kinds = pos.query<{ kind: string }>('SELECT kind FROM journal WHERE order_id = ? ORDER BY seq', orderId);
    expect(kinds.map((k) => k.kind)).toEqual(['sale.qr.offline', 'sale.qr.confirm']);
    // confirmed: under the channel that paid (the demo wallet), the offline line gone
    expect(await reportRowNet('sandbox')).toContain('25.00');
    expect(await page.getByTestId('row-offline').count()).toBe(0);
    // one channel: one whole slice, drawn without the edge that separates slices
    const slices = page.getByTestId('chart-mix').locator('.recharts-pie-sector path');
    expect(await slices.count()).toBe(1);
    expect(await slices.first().getAttribute('stroke')).toBe('none');
    await page.getByTestId('nav-checkout').click();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Enter'); // next sale
  });

  it('five wrong codes lock the order; the owner unlocks it with a PIN and the right code is taken', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('12');
    const code = await phonePays(qrUrl);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('offline-code-input').fill(wrong);
      await page.getByTestId('offline-code-submit').click();
      if (i < 4) await page.locator(`[data-testid="offline-attempts-left"][data-left="${4 - i}"]`).waitFor();
    }
    await page.getByTestId('offline-code-locked').waitFor(); // the fifth wrong code locks it
    await page.getByTestId('offline-unlock-open').click();
    // the whole form in view: Unlock above the status bar
    await inViewAboveStatusBar(page.getByTestId('offline-unlock-submit'), 'the unlock form scrolled into view');
    await page.getByTestId('offline-unlock-pin').fill('0000');
    await page.getByTestId('offline-unlock-reason').fill('customer misread the code');
    await page.getByTestId('offline-unlock-submit').click();
    expect(await page.getByTestId('error-message').getAttribute('data-code')).toBe('pin_wrong');
    await page.screenshot({ path: 'test-results/e2e-offline-unlock.png' });
    await page.getByTestId('offline-unlock-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('offline-unlock-submit').click();
    await page.getByTestId('offline-code-form').waitFor();
    // the lock's message is gone; the field says it may be tried again
    expect(await page.getByTestId('offline-unlocked').textContent()).toContain('还可尝试 5 次');
    expect(await page.getByTestId('offline-code-form').getByTestId('error-message').count()).toBe(0);
    await page.getByTestId('offline-code-input').fill(code);
    await page.getByTestId('offline-code-submit').click();
    await status('paid').waitFor();
    await page.getByTestId('offline-badge').waitFor();
    expect(pos.query('SELECT code_unlocks, offline_state FROM orders WHERE id = ?', orderId)).toEqual([
      { code_unlocks: 1, offline_state: 'verified' },
    ]);
    const audit = pos.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'offline.code_unlocked'");
    expect(audit).toEqual([{ n: 1 }]);

    // Locking the till while the sale awaits the gateway asks first; cancelling keeps the session.
    await page.getByTestId('nav-lock').click();
    await page.getByTestId('lock-confirm').waitFor();
    expect(await page.getByTestId('lock-confirm-sales').textContent()).toBe('1 笔离线核验收款待网关确认。');
    // readable: dark text on the dialog, not the top bar's white it is opened from
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="lock-confirm-sales"]')).color`),
    ).not.toBe('rgb(255, 255, 255)');
    expect(await page.getByTestId('lock-confirm-cancel').textContent()).toBe('继续使用');
    await page.getByTestId('lock-confirm-cancel').click();
    await page.getByTestId('lock-confirm').waitFor({ state: 'detached' });
    await expect(page.getByTestId('lock-screen').count()).resolves.toBe(0);
    await page.getByTestId('nav-lock').click();
    await page.getByTestId('lock-confirm-ok').click();
    await page.getByTestId('lock-screen').waitFor();
    // locked, the status bar still says what waits, and leaving the window still asks first
    await page.locator('[data-testid="status-offline-pending"][data-count="1"]').waitFor();
    const askedLocked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.goto(pos.url).catch(() => undefined); // aborted: stays
    expect(await askedLocked).toBe('beforeunload');
    await page.getByTestId('lock-screen').waitFor();
    await logInInUi(page, 'Owner', E2E_OWNER_PIN);
    await page.getByTestId('amount-display').waitFor();
    await page.evaluate('document.activeElement && document.activeElement.blur()');

    // Nothing was discarded by the lock: the sale converges when the network is back.
    proxy.restore();
    await connectivity('online');
    await converged(orderId);
  });

  it('an order above the offline limit says so before the customer pays, in place of the code field', async () => {
    proxy.cut();
    await connectivity('offline');
    await page.keyboard.type('250'); // the default limit for one offline sale is 200.00
    await page.keyboard.press('Enter');
    const refused = page.getByTestId('offline-code-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('offline_limit_order');
    expect(await refused.textContent()).toContain('¥200.00');
    expect(await refused.textContent()).toContain('此单不能离线核验'); // the UI's language: zh-CN
    expect(await page.getByTestId('offline-code-input').count()).toBe(0);
    // the QR steps back and its caption no longer asks the customer to pay
    const qrCol = page.getByTestId('qr-col');
    expect(await qrCol.getAttribute('data-refused')).toBe('true');
    expect(await qrCol.textContent()).toContain('网络恢复前请勿让顾客扫此码');
    expect(await qrCol.textContent()).not.toContain('请顾客使用支付宝或微信扫码付款');
    expect(await page.getByText('顾客手机联网即可付款').count()).toBe(0); // nor the banner saying so
    await page.screenshot({ path: 'test-results/e2e-offline-refused.png' });
    // a payment code needs the gateway too: cash is the only way, said without pointing at the QR
    await page.getByTestId('scan-code-input').fill('134567890123456789');
    await page.getByTestId('scan-charge-button').click();
    await page.getByTestId('scan-offline-hint').waitFor();
    expect(await page.getByTestId('scan-offline-hint').textContent()).toContain('请收现金');
    expect(await page.getByTestId('scan-offline-hint').textContent()).not.toContain('改扫上方收款码');

    // within the limit the code field is there, as before
    await page.keyboard.press('Escape');
    await page.getByTestId('next-sale-button').click();
    await collect('199');
    await page.getByTestId('offline-code-input').waitFor();
    expect(await page.getByTestId('offline-code-refused').count()).toBe(0);
    expect(await page.getByTestId('qr-col').getAttribute('data-refused')).toBe('false');
    // a payment code needs the gateway: said, with what to do instead
    await page.getByTestId('scan-code-input').fill('134567890123456789');
    await page.getByTestId('scan-charge-button').click();
    await page.getByTestId('scan-offline-hint').waitFor();
    expect(await page.getByTestId('scan-panel').getByTestId('error-message').getAttribute('data-code')).toBe(
      'gateway_unreachable',
    );
    expect(await page.getByTestId('scan-offline-hint').textContent()).toContain('请让顾客改扫上方收款码');
    await page.keyboard.press('Escape');
    await page.getByTestId('next-sale-button').click();
    proxy.restore();
    await connectivity('online');
  });

  it('Esc in the code field cancels the order, as 取消收款 does; in 付款码 it does not; a small window shows both', async () => {
    proxy.cut();
    await connectivity('offline');
    await page.setViewportSize({ width: 1024, height: 768 });
    const { orderId } = await collect('4.40');
    // the payment-code field keeps its meaning: Esc there cancels nothing
    await page.getByTestId('scan-code-input').focus();
    await page.keyboard.press('Escape');
    // a wrong code's answer comes after anything that Esc would have sent: the order still waits
    await page.getByTestId('offline-code-input').fill('000000');
    await page.getByTestId('offline-code-submit').click();
    await page.getByTestId('offline-attempts-left').waitFor();
    await status('awaiting_payment').waitFor();
    // the answer and 取消收款 under it, both above the status bar (at 1024×768, then 768×1024)
    await inViewAboveStatusBar(page.getByTestId('offline-attempts-left'), 'the answer in view at 1024×768');
    await inViewAboveStatusBar(page.getByTestId('cancel-button'), 'Cancel in view at 1024×768');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByTestId('offline-code-input').fill('000000');
    await page.getByTestId('offline-code-submit').click();
    await page.locator('[data-testid="offline-attempts-left"][data-left="3"]').waitFor();
    await inViewAboveStatusBar(page.getByTestId('offline-attempts-left'), 'the answer in view at 768×1024');
    await inViewAboveStatusBar(page.getByTestId('cancel-button'), 'Cancel in view at 768×1024');
    // nothing cut at the side: the page did not scroll sideways to show the field
    expect(await page.evaluate('window.scrollX')).toBe(0);
    await page.screenshot({ path: 'test-results/e2e-offline-wrong-code-768.png' });
    // the status bar's reason is whole on screen at this width (wrapped, not cut off)
    expect(await page.getByTestId('status-error').textContent()).toContain('无法连接网关，请检查网络');
    expect(
      await page.evaluate(
        `(() => { const e = document.querySelector('[data-testid="status-error"]'); return e.scrollWidth <= e.clientWidth; })()`,
      ),
    ).toBe(true);
    expect(pos.query('SELECT status FROM orders WHERE id = ?', orderId)).toEqual([{ status: 'awaiting_payment' }]);
    // the cursor is in the code field (put back there after the wrong code), half a code typed
    await page.keyboard.type('12');
    expect(await page.evaluate('document.activeElement && document.activeElement.dataset.testid')).toBe(
      'offline-code-input',
    );
    await page.keyboard.press('Escape');
    await status('cancelled').waitFor();
    expect(pos.query('SELECT status FROM orders WHERE id = ?', orderId)).toEqual([{ status: 'cancelled' }]);
    await page.getByTestId('next-sale-button').click();
    await page.setViewportSize({ width: 1280, height: 800 });
    proxy.restore();
    await connectivity('online');
  });

  it('a cancelled order the customer paid anyway is taken by its code as late; its confirmation is not news', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('3.30');
    await page.keyboard.press('Escape'); // the cashier cancels; the customer pays all the same
    await status('cancelled').waitFor();
    const code = await phonePays(qrUrl);
    await page.getByTestId('offline-code-input').fill(code);
    await page.getByTestId('offline-code-submit').click();
    await status('paid').waitFor();
    expect(await page.getByTestId('late-flag').textContent()).toContain('订单过期或取消后付款');
    await page.getByTestId('next-sale-button').click();

    proxy.restore();
    await connectivity('online');
    await converged(orderId);
    // the money was counted when the code was typed: no "late payment received" banner now
    expect(await page.getByTestId('late-notice').count()).toBe(0);
    expect(pos.query('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?', orderId)).toEqual([{ n: 1 }]);
  });

  it('a refund taken while offline shows on Today as on its way, with its amount, until the gateway does it', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('6');
    const code = await phonePays(qrUrl);
    await page.getByTestId('offline-code-input').fill(code);
    await page.getByTestId('offline-code-submit').click();
    await status('paid').waitFor();
    await page.getByTestId('next-sale-button').click();

    await page.getByTestId('nav-today').click();
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await row.getByTestId('refund-open').click();
    await page.getByTestId('refund-dialog').waitFor();
    await page.getByTestId('refund-reason').fill('wrong size');
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    await page.locator('[data-testid="refund-status"][data-status="requested"]').waitFor();
    await page.getByTestId('refund-close').click();
    await row.getByTestId('refund-pending-flag').waitFor();
    expect(await page.getByTestId('today-refunds-pending').textContent()).toContain('¥6.00');

    proxy.restore();
    await connectivity('online');
    await row.getByTestId('refund-pending-flag').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('today-refunds-pending').count()).toBe(0);
    expect(await page.getByTestId('today-refunded').textContent()).toContain('¥6.00');
    await page.getByTestId('nav-checkout').click();
  });

  it('the gateway process stops and restarts mid-sync; the console catches up', async () => {
    await gateway.stop();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('7.50'); // made while the gateway is down: not registered
    expect(pos.query('SELECT registered FROM orders WHERE id = ?', orderId)).toEqual([{ registered: 0 }]);
    await gateway.start();
    await connectivity('online');
    await waitFor(
      () =>
        pos.query<{ registered: number }>('SELECT registered FROM orders WHERE id = ?', orderId)[0]?.registered === 1,
      'registered after restart',
      30_000,
    );
    await phonePays(qrUrl);
    await status('paid').waitFor({ timeout: 30_000 });
    await waitFor(async () => (await unsynced()) === 0, 'journal pushed', 30_000);
  });
});
