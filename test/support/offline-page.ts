import type { Browser, Locator, Page } from 'playwright-core';
import { decodeQrFromScreen } from './browser';
import { waitFor } from './fixtures';
import type { ServedConsole } from './served-console';

/**
 * What the offline e2e does at the counter, in the running browser host: wait for a
 * connectivity state, collect an amount (the QR read off the screen), let the customer's phone
 * pay, read the status bar and the day's report. Getters: the page and the console are made in
 * the file's beforeAll.
 */
export function counterPage(get: { page: () => Page; browser: () => Browser; pos: () => ServedConsole }) {
  const connectivity = (state: 'online' | 'offline'): Promise<unknown> =>
    get.page().locator(`[data-testid="status-bar"][data-connectivity="${state}"]`).waitFor({ timeout: 30_000 });
  const status = (s: string): Locator => get.page().locator(`[data-testid="order-status"][data-status="${s}"]`);
  const unsynced = async (): Promise<number> =>
    Number(await get.page().getByTestId('status-unsynced').getAttribute('data-count'));

  /** Waits until `what` is on screen, above the status bar (scrolled into view, not under the bar). */
  const inViewAboveStatusBar = async (what: Locator, label: string): Promise<void> => {
    await waitFor(async () => {
      const [box, bar] = [await what.boundingBox(), await get.page().getByTestId('status-bar').boundingBox()];
      return box !== null && bar !== null && box.y >= 0 && box.y + box.height <= bar.y;
    }, label);
  };

  /** Network back: the gateway confirmed the code-verified sale and the journal is all pushed. */
  const converged = async (orderId: string): Promise<void> => {
    await waitFor(
      () =>
        get.pos().query<{ s: string }>('SELECT offline_state AS s FROM orders WHERE id = ?', orderId)[0]?.s ===
        'confirmed',
      'confirmed by the gateway',
      30_000,
    );
    await waitFor(async () => (await unsynced()) === 0, 'journal pushed', 30_000);
  };

  const collect = async (amount: string): Promise<{ orderId: string; qrUrl: string }> => {
    const page = get.page();
    await page.keyboard.type(amount);
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const orderId = (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
    return { orderId, qrUrl: await decodeQrFromScreen(page, '[data-testid="payment-qr"]') };
  };

  /** Today's settlement report: the net of one channel's line. */
  const reportRowNet = async (channel: string): Promise<string> => {
    const page = get.page();
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('table-settlement.channels').waitFor();
    return (await page.getByTestId(`row-${channel}`).getByTestId('net').textContent()) ?? '';
  };

  /** The customer's phone pays on the gateway and shows the confirmation code. */
  const phonePays = async (qrUrl: string): Promise<string> => {
    const phone = await get.browser().newPage({ viewport: { width: 390, height: 800 }, locale: 'en' });
    await phone.goto(qrUrl);
    await phone.getByTestId('wallet-pay').click();
    const code = (await phone.getByTestId('confirmation-code').getAttribute('data-code'))!;
    await phone.close();
    return code;
  };

  return { connectivity, status, unsynced, inViewAboveStatusBar, converged, collect, reportRowNet, phonePays };
}
