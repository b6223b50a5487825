/**
 * Enter → QR on screen, and customer pays → console shows paid, in the real browser host with
 * Debian Chromium and the bundled demo gateway on loopback. Both are timed inside the page (or
 * against the page's clock), so CDP latency is not counted. Baseline in the same run: a bare
 * `pos.invoke` round trip over the same HTTP transport.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser';
import { openQr } from '../test/support/customer';
import { setUpOwnerInUi } from '../test/support/login';
import { startServedConsole } from '../test/support/served-console';
import { summarize } from './stats';

export interface CheckoutBenchResult {
  invokeRoundTripMs: ReturnType<typeof summarize>;
  enterToQrMs: ReturnType<typeof summarize>;
  payToPaidMs: ReturnType<typeof summarize>;
}

interface PageBench {
  enter(amount: string): Promise<{ ms: number; url: string }>;
  whenPaid(): Promise<number>;
  next(): Promise<void>;
  invoke(): Promise<number>;
}
/** The page side lives in a plain browser script (bench/page-helpers.js), installed as `(globalThis as unknown as Win).__bench`. */
type Win = { __bench: PageBench };
const PAGE_HELPERS = readFileSync(join(import.meta.dirname, 'page-helpers.js'), 'utf8');

export async function benchCheckout(orders = 200): Promise<CheckoutBenchResult> {
  const pos = await startServedConsole();
  const browser = await launchChromium();
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(pos.url);
    await setUpOwnerInUi(page);
    await page.locator('[data-testid="status-bar"][data-connectivity="online"]').waitFor();
    await page.evaluate(PAGE_HELPERS);
    const invoke: number[] = [];
    for (let i = 0; i < orders; i++)
      invoke.push(await page.evaluate(() => (globalThis as unknown as Win).__bench.invoke()));
    const enter: number[] = [];
    const paid: number[] = [];
    for (let i = 0; i < orders; i++) {
      const { ms, url } = await page.evaluate(
        (a) => (globalThis as unknown as Win).__bench.enter(a),
        String(1 + (i % 997)),
      );
      enter.push(ms);
      const visit = await openQr(url);
      if (!visit.session) throw new Error(`wallet page had no session (status ${visit.status})`);
      const paidAt = page.evaluate(() => (globalThis as unknown as Win).__bench.whenPaid());
      paidAt.catch(() => undefined); // awaited below; never an unhandled rejection if a step before throws
      const u = new URL(url);
      const t0 = performance.timeOrigin + performance.now();
      const res = await fetch(`${u.origin}${u.pathname}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ session: visit.session }).toString(),
      });
      await res.text();
      paid.push((await paidAt) - t0);
      await page.evaluate(() => (globalThis as unknown as Win).__bench.next());
    }
    return { invokeRoundTripMs: summarize(invoke), enterToQrMs: summarize(enter), payToPaidMs: summarize(paid) };
  } finally {
    await browser.close();
    await pos.close();
  }
}
