import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CuttableProxy } from '../support/cuttable-proxy';
import { waitFor } from '../support/fixtures';
import { startOfflineCounter, type OfflineCounter } from '../support/offline-counter';
import { counterPage } from '../support/offline-page';
import type { ServedConsole } from '../support/served-console';

/**
 * The owner's side of offline-first, in Settings of the real browser host: the offline limits
 * (and that they hold at the counter), and what the gateway disagrees with, raised in the status
 * bar and handled. The counter's side: offline.test.ts.
 */
let c: OfflineCounter;
let proxy: CuttableProxy;
let pos: ServedConsole;
let page: Page;

beforeAll(async () => {
  c = await startOfflineCounter();
  ({ proxy, pos, page } = c);
});
afterAll(async () => {
  await c?.close();
});

const { connectivity, inViewAboveStatusBar, collect, phonePays } = counterPage({
  page: () => page,
  browser: () => c.browser,
  pos: () => pos,
});

describe('the owner’s offline settings and sync issues', () => {
  it('the owner changes the offline limits in Settings: contradictions and a wait out of range are named', async () => {
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('offline-section');
    const save = async (order: string, total: string, hours: string): Promise<string | null> => {
      await page.getByTestId('offline-order-max').fill(order);
      await page.getByTestId('offline-total-max').fill(total);
      await page.getByTestId('offline-max-age').fill(hours);
      await page.getByTestId('offline-limits-save').click();
      const error = section.getByTestId('error-message');
      const saved = section.locator('.success');
      await error.or(saved).first().waitFor();
      return (await error.count()) > 0 ? await error.getAttribute('data-code') : null;
    };
    expect(await save('300', '100', '6')).toBe('offline_limits_inconsistent');
    expect(await section.getByTestId('error-message').textContent()).toContain('300.00');
    for (const hours of ['0.1', '200', 'x', '']) expect(await save('300', '2000', hours)).toBe('offline_max_age_range');
    expect(await section.getByTestId('error-message').textContent()).toContain('10 分钟至 7 天');
    expect(await section.getByTestId('offline-limits-error').getAttribute('data-field')).toBe(
      '等待确认最长时间（小时）',
    );
    // an amount that does not parse is named with its field
    expect(await save('300', '0', '6')).toBe('amount_zero');
    expect(await section.getByTestId('offline-limits-error').textContent()).toContain('待确认总额上限');
    expect(pos.query("SELECT value FROM settings WHERE key = 'offlineOrderMaxMinor'")).toEqual([]); // nothing saved yet
    expect(await save('300', '2000', '6')).toBeNull();
    expect(pos.query("SELECT value FROM settings WHERE key = 'offlineOrderMaxMinor'")).toEqual([{ value: '30000' }]);

    // the new limit holds at the counter: 250 is now taken by code offline
    await page.getByTestId('nav-checkout').click();
    proxy.cut();
    await connectivity('offline');
    await collect('250');
    await page.getByTestId('offline-code-input').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('next-sale-button').click();
    proxy.restore();
    await connectivity('online');
  });

  it('a payment for an order the console lost is raised in the status bar, and opens in Settings with what to do', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('9');
    await phonePays(qrUrl);
    // the console loses the order (its data restored from a backup taken before it)
    const db = new Database(join(pos.dataDir, 'ledger.db'));
    try {
      expect(db.prepare('DELETE FROM orders WHERE id = ?').run(orderId).changes).toBe(1);
    } finally {
      db.close();
    }
    expect(await page.getByTestId('status-open-issues').count()).toBe(0);

    proxy.restore();
    await connectivity('online');
    const alarm = page.getByTestId('status-open-issues');
    await alarm.waitFor({ timeout: 30_000 });
    expect(await alarm.getAttribute('data-count')).toBe('1');
    expect(await alarm.textContent()).toContain('1 项与网关不一致');
    await alarm.click();
    const issue = page.locator(`[data-testid="sync-issue"][data-order-id="${orderId}"]`);
    await issue.waitFor();
    expect(await issue.getAttribute('data-kind')).toBe('payment_unknown_order');
    expect(await issue.getAttribute('data-open')).toBe('true');
    expect(await issue.textContent()).toContain('¥9.00');
    expect(await issue.textContent()).toContain('已按补单记入销售');
    // brought into view: the heading is on screen, above the status bar
    await waitFor(async () => {
      const box = await page.getByTestId('sync-issues-title').boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height < 760;
    }, 'the issues scrolled into view');
    // and what to do about it, its button included, above the status bar
    await inViewAboveStatusBar(issue.getByTestId('sync-issue-handle'), 'the issue’s action in view');
    await page.screenshot({ path: 'test-results/e2e-offline-issue.png' });
    // the money is not lost: the order is back, as a late sale
    expect(pos.query('SELECT status, late FROM orders WHERE id = ?', orderId)).toEqual([{ status: 'paid', late: 1 }]);
    // the owner checked the goods: marked handled, the alarm goes, the issue stays among the resolved
    await issue.getByTestId('sync-issue-handle').click();
    await alarm.waitFor({ state: 'detached' });
    const handled = page.getByTestId('sync-issues-resolved').locator(`[data-order-id="${orderId}"]`);
    await handled.waitFor();
    expect(await handled.getAttribute('data-open')).toBe('false');
    expect(await handled.textContent()).toContain('Owner 于');
    expect(await handled.textContent()).toContain('标记为已处理');
    expect(await handled.getByTestId('sync-issue-handle').count()).toBe(0);
    await page.getByTestId('nav-checkout').click();
    await page.keyboard.press('Escape');
  });
});
