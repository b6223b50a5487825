import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startProxy, type CuttableProxy } from './cuttable-proxy';
import { tempDir } from './fixtures';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';
import { setUpOwnerInUi } from './login';
import { startServedConsole, type ServedConsole } from './served-console';

/**
 * A counter for the offline e2e files: the browser host, paired in Settings with a real gateway
 * process through a proxy the test can cut (the shop's network); customers' phones reach the
 * gateway directly. Owner set up, on Checkout, online.
 */
export interface OfflineCounter {
  readonly gateway: GatewayProcess;
  readonly proxy: CuttableProxy;
  readonly pos: ServedConsole;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startOfflineCounter(): Promise<OfflineCounter> {
  const tmp = tempDir('counter-pos-e2e-offline-');
  const gateway = await startGatewayProcess(join(tmp.dir, 'gateway.db'));
  const proxy = await startProxy(gateway.url);
  const pos = await startServedConsole({ extraArgs: ['--no-demo'] });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en' });
  await page.goto(pos.url);
  await setUpOwnerInUi(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('pair-url').fill(proxy.url);
  await page.getByTestId('pair-code').fill(gateway.pairingCode);
  await page.getByTestId('pair-submit').click();
  await page.getByTestId('gateway-done').waitFor();
  await page.getByTestId('nav-checkout').click();
  await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor({ timeout: 30_000 });
  return {
    gateway,
    proxy,
    pos,
    browser,
    page,
    close: async () => {
      await browser.close();
      await pos.close();
      await proxy.close();
      await gateway.stop();
      tmp.cleanup();
    },
  };
}
