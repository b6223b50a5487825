import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WECHAT_TRADE_COLUMNS } from '../../src-main/reconcile/import/wechat';
import { launchChromium } from '../support/browser';
import { qrSalePaid } from '../support/settlement-e2e';
import { setUpOwnerInUi } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';

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

/** A WeChat Pay trade bill (backtick-prefixed fields, summary rows) paying `orderId` and one stranger. */
function wechatBill(orderId: string, atMs: number): Buffer {
  const row = (order: string, trade: string, yuan: string) =>
    [beijing(atMs), 'wx1', '1900000001', '0', 'T1', trade, order, 'oUser', 'NATIVE', 'SUCCESS', 'OTHERS', 'CNY',
      yuan, '0.00', '0', '0', '0.00', '0.00', '', '', '商品', '', '0.07', '0.60%', yuan, '0.00', '']
      .map((f) => `\`${f}`)
      .join(','); // prettier-ignore
  const lines = [
    WECHAT_TRADE_COLUMNS.join(','),
    row(orderId, '4200000001000000001', '12.34'),
    row('01KZZZZZZZZZZZZZZZZZZZZZZZ', '4200000001000000002', '5.00'),
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    '`2,`17.34,`0.00,`0.00,`0.14,`17.34,`0.00',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const count = async (cls: string) => Number(await page.getByTestId(`recon-class-${cls}`).getAttribute('data-count'));

async function runAndWait(previousRunId: string | null): Promise<string> {
  await page.getByTestId('recon-run').click();
  const done = '[data-testid="recon-run-panel"][data-state="done"]';
  const panel = page.locator(previousRunId ? `${done}:not([data-run-id="${previousRunId}"])` : done);
  await panel.waitFor({ timeout: 15_000 });
  return (await panel.getAttribute('data-run-id'))!;
}

describe('reconciliation in the browser host', () => {
  it('imports a WeChat bill, runs, accepts the late payment, and the re-run shows the counts changed', async () => {
    // A sale the customer paid (the bill says so) that the console never saw paid.
    await page.keyboard.type('12.34');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-qr').waitFor();
    const orderId = (await page.getByTestId('order-id').getAttribute('data-order-id'))!;
    const [order] = pos.query<{ created_at_ms: number }>('SELECT created_at_ms FROM orders WHERE id = ?', orderId);

    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('reconcile-screen').waitFor();
    // A row the importer cannot read: refused whole, said in the owner's language with the line.
    const misspelt = wechatBill(orderId, order!.created_at_ms).toString('utf8').replace('`SUCCESS', '`SUCESS');
    await page.getByTestId('recon-file').setInputFiles({
      name: 'wechat-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(misspelt, 'utf8'),
    });
    const refused = page.locator('[data-testid="error-message"][data-code="bill_malformed"]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('账单文件有误（第 2 行）：“交易状态”的值“SUCESS”无法识别');
    expect(pos.query('SELECT id FROM recon_sources')).toEqual([]);

    await page.getByTestId('recon-file').setInputFiles({
      name: 'wechat-bill.csv',
      mimeType: 'text/csv',
      buffer: wechatBill(orderId, order!.created_at_ms),
    });
    await page.getByTestId('recon-import-note').waitFor();

    const run1 = await runAndWait(null);
    expect(await count('status_paid_unrecorded')).toBe(1);
    expect(await count('only_statement')).toBe(1);
    expect(await count('matched')).toBe(0);
    expect(await page.getByTestId('recon-difference').textContent()).toMatch(/17\.34/);

    await page.getByTestId('recon-class-status_paid_unrecorded').click();
    await page.locator(`[data-testid="recon-result-row"][data-order="${orderId}"]`).click();
    await page.locator('[data-testid="recon-detail"][data-cls="status_paid_unrecorded"]').waitFor();
    expect(await page.getByTestId('recon-side-statement').textContent()).toContain('4200000001000000001');
    // The channel by its name, and what most likely happened with what to do.
    expect(await page.getByTestId('recon-side-statement').textContent()).toContain('微信支付');
    expect(await page.getByTestId('recon-cause').textContent()).toContain('记入账本');
    await page.getByTestId('recon-reason').fill('顾客出示了付款记录');
    await page.getByTestId('recon-accept').click();
    await page.getByTestId('recon-action-done').waitFor();
    expect(await page.getByTestId('recon-actions').textContent()).toContain('顾客出示了付款记录');

    const entries = pos.query<{ kind: string; order_id: string }>(
      "SELECT kind, order_id FROM journal WHERE kind = 'sale.qr.reconciled'",
    );
    expect(entries).toEqual([{ kind: 'sale.qr.reconciled', order_id: orderId }]);

    const run2 = await runAndWait(run1);
    expect(run2).not.toBe(run1);
    expect(await count('status_paid_unrecorded')).toBe(0);
    expect(await count('matched')).toBe(1);
    expect(await count('only_statement')).toBe(1);
    expect(await page.getByTestId('recon-diff').textContent()).toMatch(/1/);
    expect(await page.getByTestId('recon-difference').textContent()).toMatch(/5\.00/);
    // Two runs of one bill read apart in the history: when each ran, and its result.
    const items = await page.getByTestId('recon-history').locator('option').allTextContents();
    const ofBill = items.filter((o) => o.includes('wechat-bill.csv'));
    expect(ofBill).toHaveLength(2);
    for (const o of ofBill) expect(o).toMatch(/\d\d:\d\d:\d\d 对账 · 已完成 · \d+ 处不符$/);
  });

  it("fetches the gateway's statement, names it in the window's language, and matches a sale paid on the wallet", async () => {
    await page.getByTestId('nav-checkout').click();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await qrSalePaid(page, browser, '8.80');
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('recon-mode-gateway').click();
    await page.getByTestId('recon-fetch').click();
    const note = page.getByTestId('recon-import-note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^已导入“网关对账单 · 本机 · \d{4}-\d{2}-\d{2}”：\d+ 行$/);
    expect(await page.getByTestId('recon-source').locator('option:checked').textContent()).toMatch(
      /^网关对账单 · 本机/,
    );
    expect(await page.getByTestId('recon-run-panel').count()).toBe(0); // a new visit shows no run yet
    await runAndWait(null);
    expect(await page.getByTestId('recon-run-panel').textContent()).toContain('网关对账单 · 本机');
    expect(await page.getByTestId('recon-run-panel').textContent()).not.toContain('gateway store');
    expect(await count('matched')).toBe(1);
  });

  it('runs an imported bill for its own days, and says so when the chosen dates miss it', async () => {
    await page.getByTestId('recon-mode-file').click();
    await page
      .getByTestId('recon-file')
      .setInputFiles(join(import.meta.dirname, '../fixtures/bills/alipay-trade-utf8-bom.csv'));
    await page.getByTestId('recon-import-note').waitFor();
    // the bill's trades are on 2026-11-21 (Beijing time, the shop's zone): the range follows
    expect(await page.getByTestId('recon-from').inputValue()).toBe('2026-11-21');
    expect(await page.getByTestId('recon-to').inputValue()).toBe('2026-11-21');
    expect(await page.getByTestId('recon-span-note').count()).toBe(0);

    await page.getByTestId('recon-from').fill('2026-12-01');
    await page.getByTestId('recon-to').fill('2026-12-02');
    const note = page.getByTestId('recon-span-note');
    expect(await note.getAttribute('data-coverage')).toBe('outside');
    expect(await note.textContent()).toContain('2026-11-21 至 2026-11-21');
    await page.getByTestId('recon-use-span').click();
    expect(await page.getByTestId('recon-from').inputValue()).toBe('2026-11-21');
    expect(await note.count()).toBe(0);

    // A refund only the bill has says so, and offers to record it; a duplicate, to mark it refunded.
    await runAndWait(null);
    await page.getByTestId('recon-class-refund_mismatch').click();
    await page.locator('[data-testid="recon-result-row"][data-cls="refund_mismatch"]').first().click();
    const cause = page.getByTestId('recon-cause');
    expect(await cause.getAttribute('data-cause')).toBe('refund_only_statement');
    expect(await cause.textContent()).toContain('收银台之外');
    expect(await page.getByTestId('recon-record-refund').count()).toBe(1);
    await page.getByTestId('recon-class-duplicate_payment').click();
    await page.locator('[data-testid="recon-result-row"][data-cls="duplicate_payment"]').first().click();
    await page.locator('[data-testid="recon-detail"][data-cls="duplicate_payment"]').waitFor();
    expect(await page.getByTestId('recon-mark-refunded').textContent()).toBe('已在商户平台退款');
  });
});
