/**
 * Browser helpers for the settlement e2e, in one place so the lead can adapt them (e.g. when
 * a fresh console opens on the lock screen, `openConsole` sets up the owner and signs in).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { decodeQrFromScreen } from './browser';
import { setUpOwnerInUi } from './login';

export type NavScreen = 'checkout' | 'today' | 'shift' | 'reports' | 'settings';

export async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await setUpOwnerInUi(page);
  await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor();
}

export async function goTo(page: Page, screen: NavScreen): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
}

/** A QR sale paid by the customer's (sandbox) wallet page; returns with the order paid. */
export async function qrSalePaid(page: Page, browser: Browser, amount: string): Promise<void> {
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.getByTestId('payment-qr').waitFor();
  const qrUrl = await decodeQrFromScreen(page, '[data-testid="payment-qr"]');
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
  await phone.goto(qrUrl);
  await phone.getByTestId('wallet-pay').click();
  await phone.getByTestId('confirmation-code').waitFor();
  await phone.close();
  await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter'); // next sale
}

/** Clicks an export button and returns the downloaded file's name and text (BOM removed). */
export async function downloadText(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
}

export const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
