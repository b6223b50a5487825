import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CuttableProxy } from '../support/cuttable-proxy';
import { waitFor } from '../support/fixtures';
import { E2E_OWNER_PIN as OWNER_PIN, logInInUi } from '../support/login';
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

const { connectivity, inViewAboveStatusBar, collect, phonePays, status, unsynced, reportRowNet } = counterPage({
  page: () => page,
  browser: () => c.browser,
  pos: () => pos,
});

const CASHIER_PIN = '1357';
let cashierAdded = false;

/** Locks the till, saying yes when it asks first (sales or entries still waiting). */
async function lock(): Promise<void> {
  await page.getByTestId('nav-lock').click();
  const ok = page.getByTestId('lock-confirm-ok');
  await ok.or(page.getByTestId('lock-screen')).first().waitFor();
  if ((await ok.count()) > 0) await ok.click();
  await page.getByTestId('lock-screen').waitFor();
}

/**
 * The open issue as a cashier sees it: listed, with what to do, but without the owner's
 * buttons (main refuses both to a cashier), and a note saying who can. Back as the owner after,
 * on Checkout.
 */
async function cashierSeesIssue(orderId: string): Promise<void> {
  if (!cashierAdded) {
    await page.getByTestId('nav-operators').click();
    await page.getByTestId('operator-name').fill('Li');
    await page.getByTestId('operator-pin').fill(CASHIER_PIN);
    await page.getByTestId('operator-add').click();
    await page.locator('[data-testid="operator-row"][data-name="Li"]').waitFor();
    cashierAdded = true;
  }
  await lock();
  await logInInUi(page, 'Li', CASHIER_PIN);
  await page.getByTestId('amount-display').waitFor(); // past the lock screen, whose bar has the count too
  await page.getByTestId('status-open-issues').click();
  const issue = page.locator(`[data-testid="sync-issue"][data-order-id="${orderId}"][data-open="true"]`);
  await issue.waitFor();
  expect(await issue.locator('.sync-issue-action').textContent()).not.toBe('');
  expect(await page.getByTestId('sync-issues-owner-only').textContent()).toContain('只有店主可以处理同步问题');
  expect(await issue.getByTestId('sync-issue-handle').count()).toBe(0);
  expect(await issue.getByTestId('sync-issue-write-off').count()).toBe(0);
  await lock();
  await logInInUi(page, 'Owner', OWNER_PIN);
  await page.getByTestId('amount-display').waitFor();
}

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
    // a cashier reads it too, without the owner's button; the owner's list has it
    await cashierSeesIssue(orderId);
    await alarm.click();
    await issue.waitFor();
    expect(await page.getByTestId('sync-issues-owner-only').count()).toBe(0);
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
  it('a code-verified sale never confirmed is written off by the owner; its payment arriving later books it back', async () => {
    proxy.cut();
    await connectivity('offline');
    const { orderId, qrUrl } = await collect('12');
    const code = await phonePays(qrUrl);
    await page.getByTestId('offline-code-input').fill(code);
    await page.getByTestId('offline-code-submit').click();
    await status('paid').waitFor();
    // still offline hours later: past the owner's maximum age (the verification moved back in time)
    const db = new Database(join(pos.dataDir, 'ledger.db'));
    try {
      db.prepare('UPDATE orders SET offline_verified_at_ms = offline_verified_at_ms - ? WHERE id = ?').run(
        48 * 3_600_000,
        orderId,
      );
    } finally {
      db.close();
    }
    const alarm = page.getByTestId('status-open-issues');
    await alarm.waitFor({ timeout: 10_000 });
    await alarm.click();
    const issue = page.locator(`[data-testid="sync-issue"][data-order-id="${orderId}"][data-open="true"]`);
    await issue.waitFor();
    expect(await issue.getAttribute('data-kind')).toBe('offline_unconfirmed');
    await cashierSeesIssue(orderId);
    await alarm.click();
    await issue.getByTestId('sync-issue-write-off').click();
    expect(await issue.getByTestId('write-off-explain').textContent()).toContain('¥12.00');
    await issue.getByTestId('write-off-reason').fill('顾客未付款');
    await issue.getByTestId('write-off-pin').fill('0000');
    await issue.getByTestId('write-off-submit').click();
    expect(await issue.getByTestId('error-message').getAttribute('data-code')).toBe('pin_wrong');
    await page.screenshot({ path: 'test-results/e2e-offline-write-off-form.png' });
    expect(pos.query('SELECT offline_state FROM orders WHERE id = ?', orderId)).toEqual([
      { offline_state: 'verified' },
    ]);
    await issue.getByTestId('write-off-pin').fill(OWNER_PIN);
    await issue.getByTestId('write-off-submit').click();
    const done = page.locator(`[data-testid="sync-issues-resolved"] [data-order-id="${orderId}"]`);
    await done.waitFor();
    expect(await done.getByTestId('sync-issue-outcome').getAttribute('data-outcome')).toBe('written_off');
    expect(await done.textContent()).toContain('已核销');
    await alarm.waitFor({ state: 'detached' });
    await page.getByTestId('status-offline-pending').waitFor({ state: 'detached' });
    await page.screenshot({ path: 'test-results/e2e-offline-written-off.png' });
    // Today marks it, and offers no refund (nothing was received)
    await page.getByTestId('nav-today').click();
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await row.getByTestId('written-off-badge').waitFor();
    expect(await row.getByTestId('refund-open').count()).toBe(0);
    // the reports keep it in gross, and out of net: the shop never received it
    expect(await reportRowNet('writeoff')).toContain('0.00');
    const writtenOff = page.getByTestId('row-writeoff').getByTestId('written-off');
    expect(await writtenOff.textContent()).toContain('12.00');
    expect(await page.getByTestId('row-total').getByTestId('written-off').textContent()).toContain('12.00');
    expect(await page.getByTestId('table-settlement.channels').locator('th[title]').textContent()).toBe('核销未收款');
    await page
      .getByTestId('table-settlement.channels')
      .screenshot({ path: 'test-results/e2e-reports-written-off.png' });
    await page.getByTestId('nav-settings').click();

    // the network returns: the gateway had the payment after all; it is booked back, and the
    // write-off and the payment reach the gateway's journal like every entry
    proxy.restore();
    await connectivity('online');
    await waitFor(
      async () =>
        pos.query<{ offline_state: string | null }>('SELECT offline_state FROM orders WHERE id = ?', orderId)[0]
          ?.offline_state === 'confirmed',
      'the payment booked back',
      30_000,
    );
    await waitFor(async () => (await unsynced()) === 0, 'journal pushed', 30_000);
    expect(
      pos.query("SELECT kind FROM journal WHERE order_id = ? AND kind LIKE 'sale.qr.%' ORDER BY seq", orderId),
    ).toEqual([{ kind: 'sale.qr.offline' }, { kind: 'sale.qr.offline.writeoff' }, { kind: 'sale.qr.recovered' }]);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('nav-checkout').click();
    await page.getByTestId('nav-settings').click();
    const recovered = page.locator(
      `[data-testid="sync-issues-resolved"] [data-order-id="${orderId}"] [data-testid="sync-issue-outcome"]`,
    );
    await waitFor(async () => (await recovered.getAttribute('data-outcome')) === 'recovered', 'shown as booked back');
    await page.getByTestId('nav-checkout').click();
  });
});
