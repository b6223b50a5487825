import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrFromScreen, launchChromium } from '../support/browser';
import { tempDir } from '../support/fixtures';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { setUpOwnerInUi } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';
import { startTlsFront, TEST_TLS_CERT_PATH } from '../support/tls';

/**
 * A gateway reached over HTTPS, as one on the internet is (docs/alipay.md): the console pairs,
 * its change stream opens over TLS, and a customer's payment reaches the screen. The console's
 * process trusts the test certificate (NODE_EXTRA_CA_CERTS), as a shop would a private CA.
 */
let tmp: ReturnType<typeof tempDir>;
let gateway: GatewayProcess;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let pos: ServedConsole;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  tmp = tempDir('counter-pos-e2e-https-');
  gateway = await startGatewayProcess(join(tmp.dir, 'gateway.db'));
  front = await startTlsFront(gateway.url);
  pos = await startServedConsole({ extraArgs: ['--no-demo'], env: { NODE_EXTRA_CA_CERTS: TEST_TLS_CERT_PATH } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en' });
  await page.goto(pos.url);
  await setUpOwnerInUi(page);
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
  await front?.close();
  await gateway?.stop();
  tmp?.cleanup();
});

describe('a gateway behind HTTPS', () => {
  it('pairs over https, the change stream opens, and a payment turns the order paid', async () => {
    await page.getByTestId('nav-settings').click();
    // a plain-http address on the shop's network is said to be unencrypted as it is typed
    await page.getByTestId('pair-url').fill('http://192.168.1.20:8080');
    expect(await page.getByTestId('pair-url-insecure').textContent()).toContain('未加密');
    await page.getByTestId('pair-url').fill(front.url);
    expect(await page.getByTestId('pair-url-insecure').count()).toBe(0);
    await page.getByTestId('pair-code').fill(gateway.pairingCode);
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('gateway-done').waitFor();
    expect(await page.getByTestId('gateway-insecure').count()).toBe(0);
    await page.getByTestId('nav-checkout').click();
    // online needs the stream: the status bar turns online only once it is open
    await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor({ timeout: 30_000 });

    await page.keyboard.type('8.80');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const orderId = (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
    const qrUrl = await decodeQrFromScreen(page, '[data-testid="payment-qr"]');
    const phone = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 800 } });
    const wallet = await phone.newPage();
    await wallet.goto(qrUrl);
    await wallet.getByTestId('wallet-pay').click();
    await wallet.getByTestId('confirmation-code').waitFor();
    await phone.close();

    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 30_000 });
    expect(pos.query('SELECT status, channel FROM orders WHERE id = ?', orderId)).toEqual([
      { status: 'paid', channel: 'sandbox' },
    ]);
  });

  it('switching gateways while a customer could still pay at this one asks first, and changes nothing', async () => {
    await page.getByTestId('next-sale-button').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    await page.getByTestId('nav-settings').click();
    const before = await page.getByTestId('terminal-id').textContent();
    await page.getByTestId('use-demo').click();
    const box = page.getByTestId('pairing-leaves-pending');
    await box.waitFor();
    // only what is owed, with what to do about it; the way on in view, above the status bar
    expect(await box.getByTestId('leaves-orders').textContent()).toContain('1 笔订单顾客仍可付款');
    expect(await box.getByTestId('leaves-orders').textContent()).toContain('完成或取消');
    expect(await box.getByTestId('leaves-sales').count()).toBe(0);
    const [button, bar] = [
      await page.getByTestId('pair-anyway').boundingBox(),
      await page.getByTestId('status-bar').boundingBox(),
    ];
    expect(button!.y + button!.height).toBeLessThanOrEqual(bar!.y);
    expect(await page.getByTestId('terminal-id').textContent()).toBe(before);

    // leaving Settings with the question open: the window stays whole (it went blank: an effect's
    // cleanup was Chromium's scrollIntoView promise)
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByTestId('nav-checkout').click();
    await page.getByTestId('payment-qr').waitFor();
    expect(await page.getByTestId('nav-settings').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
