import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WECHAT_TRADE_COLUMNS } from '../../src-main/reconcile/import/wechat';
import { launchChromium } from '../support/browser';
import { ulidSource } from '../support/ids';
import { E2E_OWNER_PIN, setUpOwnerInUi } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';

/**
 * A wallet refund the gateway refuses for good, and the money handed back in cash instead, in
 * the browser host with its demo gateway. The order is one the gateway does not know: a payment
 * only the WeChat Pay bill shows, accepted by the owner in reconciliation (it made the order
 * here). Its wallet refund is refused (not_found) and the dialog and Today say why.
 */
let pos: ServedConsole;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pos = await startServedConsole();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  await page.goto(pos.url);
  await setUpOwnerInUi(page);
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
});

/** Beijing time, as WeChat Pay writes it in a bill. */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** A WeChat Pay trade bill with one payment of ¥12.34 for `orderId`. */
function wechatBill(orderId: string, atMs: number): Buffer {
  const row = [beijing(atMs), 'wx1', '1900000001', '0', 'T1', '4200000001000000009', orderId, 'oUser', 'NATIVE',
    'SUCCESS', 'OTHERS', 'CNY', '12.34', '0.00', '0', '0', '0.00', '0.00', '', '', '商品', '', '0.07', '0.60%',
    '12.34', '0.00', '']
    .map((f) => `\`${f}`)
    .join(','); // prettier-ignore
  const lines = [
    WECHAT_TRADE_COLUMNS.join(','),
    row,
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    '`1,`12.34,`0.00,`0.00,`0.07,`12.34,`0.00',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('a refund the gateway refuses, handed back in cash', () => {
  it('says why the wallet refund failed; the owner refunds in cash from the drawer; the flag clears', async () => {
    // A payment the console never had an order for, accepted from the bill: paid here, unknown there.
    const orderId = ulidSource()();
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('reconcile-screen').waitFor();
    await page.getByTestId('recon-file').setInputFiles({
      name: 'wechat-bill.csv',
      mimeType: 'text/csv',
      buffer: wechatBill(orderId, Date.now() - 60_000),
    });
    await page.getByTestId('recon-import-note').waitFor();
    await page.getByTestId('recon-run').click();
    await page.locator('[data-testid="recon-run-panel"][data-state="done"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('recon-class-only_statement').click();
    await page.locator(`[data-testid="recon-result-row"][data-order="${orderId}"]`).click();
    await page.getByTestId('recon-reason').fill('顾客出示了付款记录');
    await page.getByTestId('recon-accept').click();
    await page.getByTestId('recon-action-done').waitFor();
    expect(pos.query('SELECT status, amount_minor FROM orders WHERE id = ?', orderId)).toEqual([
      { status: 'paid', amount_minor: 12_34 },
    ]);

    // The wallet refund: the gateway does not know the order, and the dialog says so.
    await page.getByTestId('nav-today').click();
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await row.getByTestId('refund-open').click();
    const dialog = page.getByTestId('refund-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('refund-method').getAttribute('data-method')).toBe('wallet');
    await page.getByTestId('refund-reason').fill('顾客退货');
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    const failure = dialog.locator('[data-testid="refund-failure"][data-code="not_found"]');
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.textContent()).toContain('网关找不到该订单');
    expect(await page.getByTestId('refund-wallet-failed').textContent()).toContain('网关找不到该订单');
    // cash is offered now, and picked
    expect(await page.getByTestId('refund-method').getAttribute('data-method')).toBe('cash');
    expect(await page.getByTestId('refund-submit').textContent()).toBe('确认退现金');
    expect(pos.query('SELECT status, method, failure_code FROM refunds WHERE order_id = ?', orderId)).toEqual([
      { status: 'failed', method: 'wallet', failure_code: 'not_found' },
    ]);

    // In cash before a shift is open: said, nothing saved.
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    const noShift = dialog.locator('[data-testid="error-message"][data-code="shift_not_open"]');
    await noShift.waitFor();
    expect(await noShift.textContent()).toContain('还没有开班');
    expect(pos.query("SELECT id FROM refunds WHERE method = 'cash'")).toEqual([]);
    await page.getByTestId('refund-close').click();

    // Today marks the order, with why.
    const flag = row.getByTestId('refund-failed-flag');
    await flag.waitFor();
    expect(await flag.getAttribute('data-code')).toBe('not_found');
    expect(await flag.textContent()).toContain('退款未成功（网关找不到该订单）');
    await page.screenshot({ path: 'test-results/e2e-refund-failed-why.png' });

    // A shift with a float, then the refund in cash: what is left, from the drawer.
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('shift-float').fill('50');
    await page.getByTestId('shift-open').click();
    await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
    await page.getByTestId('nav-today').click();
    await row.getByTestId('refund-open').click();
    await dialog.waitFor();
    expect(await page.getByTestId('refund-method').getAttribute('data-method')).toBe('cash');
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('12.34');
    await page.getByTestId('refund-reason').fill('顾客退货，退现金');
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    await dialog.locator('[data-testid="refund-status"][data-method="cash"]').waitFor();
    await page.getByTestId('refund-done').waitFor();
    expect(await dialog.locator('[data-testid="refund-status"][data-method="cash"]').textContent()).toBe('已退现金');
    await page.screenshot({ path: 'test-results/e2e-refund-cash.png' });
    expect(
      pos.query('SELECT status, method, amount_minor FROM refunds WHERE order_id = ? ORDER BY created_at_ms', orderId),
    ).toEqual([
      { status: 'failed', method: 'wallet', amount_minor: 12_34 },
      { status: 'succeeded', method: 'cash', amount_minor: 12_34 },
    ]);
    expect(pos.query("SELECT order_id FROM journal WHERE kind = 'cash.refund'")).toEqual([{ order_id: orderId }]);
    expect(pos.query('SELECT status FROM orders WHERE id = ?', orderId)).toEqual([{ status: 'refunded' }]);
    await page.getByTestId('refund-close').click();

    // The flag clears; the drawer holds the float less the refund.
    await flag.waitFor({ state: 'detached' });
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('z-expected').waitFor();
    expect(await page.getByTestId('z-expected').textContent()).toContain('37.66');

    // Had the provider paid the refused wallet refund after all (the change feed books it: the
    // unit test), the customer has it twice: Today says how much too much.
    const db = new Database(join(pos.dataDir, 'ledger.db'));
    try {
      db.prepare(
        "UPDATE refunds SET status = 'succeeded', entry_seq = (SELECT MAX(seq) FROM journal) WHERE order_id = ? AND method = 'wallet'",
      ).run(orderId);
    } finally {
      db.close();
    }
    await page.getByTestId('nav-today').click();
    const over = row.getByTestId('over-refund-flag');
    await over.waitFor();
    expect(await over.getAttribute('data-minor')).toBe('1234');
    expect(await over.textContent()).toContain('多退 ¥12.34');

    // Had the order been paid on an earlier day, today's refund still flags it, above the list.
    const earlier = new Database(join(pos.dataDir, 'ledger.db'));
    try {
      earlier.prepare('UPDATE orders SET created_at_ms = created_at_ms - ? WHERE id = ?').run(3 * 86_400_000, orderId);
    } finally {
      earlier.close();
    }
    await page.getByTestId('nav-shift').click();
    await page.getByTestId('nav-today').click();
    const elsewhere = page.getByTestId('over-refund-elsewhere').locator(`[data-order-id="${orderId}"]`);
    await elsewhere.waitFor();
    expect(await elsewhere.textContent()).toContain(`…${orderId.slice(-8)}`);
    expect(await elsewhere.textContent()).toContain('多退 ¥12.34');
    expect(await row.count()).toBe(0);
  });
});
