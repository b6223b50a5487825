import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createServer } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { E2E_OWNER_PIN } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';
import { csvRows, downloadText, goTo, openConsole, qrSalePaid } from '../support/settlement-e2e';

let pos: ServedConsole;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pos = await startServedConsole();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  await openConsole(page, pos.url);
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
});

describe('a shift in the browser host', () => {
  it('opens a shift with a float', async () => {
    await goTo(page, 'shift');
    await page.getByTestId('shift-float').fill('200');
    await page.getByTestId('shift-open').click();
    await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
    const owner = pos.query<{ id: string }>("SELECT id FROM operators WHERE role = 'owner'");
    expect(owner).toHaveLength(1);
    // the shift is the signed-in operator's
    expect(pos.query('SELECT opening_float_minor, operator_id FROM shifts')).toEqual([
      { opening_float_minor: 200_00, operator_id: owner[0]!.id },
    ]);
    // ... and the X report names them, not their id
    expect(await page.getByTestId('shift-screen').textContent()).toContain('Owner');
    expect(await page.getByTestId('shift-screen').textContent()).not.toContain(owner[0]!.id);
  });

  it('takes a cash sale with change shown large', async () => {
    await goTo(page, 'checkout');
    await page.keyboard.type('12.34');
    await page.getByTestId('cash-button').click();
    await page.getByTestId('cash-panel').waitFor();
    await page.keyboard.type('20');
    expect(await page.getByTestId('cash-change-preview').textContent()).toContain('7.66');
    expect(await page.getByTestId('cash-tendered').textContent()).toBe('¥20'); // with its currency, as typed
    await page.keyboard.press('Enter');
    const change = page.getByTestId('cash-change');
    await change.waitFor();
    expect(await change.getAttribute('data-minor')).toBe('766');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="checkout"][data-phase="entry"]').waitFor();
    expect(pos.query('SELECT amount_minor, tendered_minor, change_minor FROM cash_sales')).toEqual([
      { amount_minor: 12_34, tendered_minor: 20_00, change_minor: 7_66 },
    ]);
    // Today counts it beside the QR orders (a cash sale is not an order).
    await goTo(page, 'today');
    const cash = page.locator('[data-testid="today-cash-total"][data-count="1"]');
    await cash.waitFor();
    expect(await cash.textContent()).toContain('12.34');
    await goTo(page, 'checkout');
  });

  it('takes a QR sale in the same shift', async () => {
    await qrSalePaid(page, browser, '8');
    expect(pos.query("SELECT channel, sale_minor FROM entry_index WHERE kind = 'sale.qr'")).toEqual([
      { channel: 'sandbox', sale_minor: 8_00 },
    ]);
  });

  it('closes with a count, shows the Z report, and exports it as CSV', async () => {
    await goTo(page, 'shift');
    await page.getByTestId('z-expected').waitFor();
    expect(await page.getByTestId('z-expected').textContent()).toContain('212.34');
    await page.getByTestId('shift-counted').fill('21');
    await page.getByTestId('shift-close').click();
    // closing is final: the count is shown against the expected cash first, and can be changed
    const diff = page.getByTestId('shift-close-difference');
    expect(await diff.textContent()).toMatch(/191\.34（短款）/); // full-width brackets in Chinese
    expect(pos.query('SELECT id FROM shifts WHERE closed_at_ms IS NOT NULL')).toEqual([]);
    // a second Enter goes back to the count (focus is there), never closes the shift
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-counted').waitFor();
    expect(pos.query('SELECT id FROM shifts WHERE closed_at_ms IS NOT NULL')).toEqual([]);
    await page.getByTestId('shift-counted').fill('212');
    await page.getByTestId('shift-close').click();
    expect(await diff.textContent()).toMatch(/0\.34.*短款/);
    await page.getByTestId('shift-close-confirm-yes').click();
    await page.getByTestId('report-z').waitFor();
    expect(await page.getByTestId('z-difference').textContent()).toContain('-');
    expect(await page.getByTestId('z-difference').textContent()).toContain('0.34');
    expect(await page.getByTestId('z-net-total').textContent()).toContain('20.34');

    const { name, text } = await downloadText(page, 'z-export-csv');
    expect(name).toMatch(/^z-report-[0-9A-Z]{26}\.csv$/);
    // label, value, item: rows looked up by their item code (the label is the window's language)
    const rows = Object.fromEntries(csvRows(text).map(([, v, k]) => [k, v]));
    expect(rows).toMatchObject({
      item: 'value',
      report: 'Z',
      opening_float: '200.00',
      'cash.sales': '1',
      'cash.gross': '12.34',
      'sandbox.gross': '8.00',
      'total.net': '20.34',
      expected_cash: '212.34',
      counted_cash: '212.00',
      difference: '-0.34',
    });
    // the same Z report as Excel, its amounts numbers a spreadsheet can sum
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('z-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^z-report-[0-9A-Z]{26}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const values = new Map<string, unknown>();
    // labelled as its CSV: label, value, item code
    const labels = new Map<string, unknown>();
    wb.worksheets[0]!.eachRow((row) => {
      values.set(String(row.getCell(3).value), row.getCell(2).value);
      labels.set(String(row.getCell(3).value), row.getCell(1).value);
    });
    expect(labels.get('total.net')).toBe('合计 · 净额');
    expect(values.get('total.net')).toBe(20.34);
    expect(values.get('difference')).toBe(-0.34);
    expect(values.get('report')).toBe('Z');
  });

  it('shows the day on the reports screen and exports the channel table', async () => {
    await goTo(page, 'reports');
    await page.getByTestId('table-settlement.channels').waitFor();
    await page.getByTestId('charts').waitFor();
    expect(await page.getByTestId('row-sandbox').getByTestId('net').textContent()).toContain('8.00');
    // by cashier: the owner's name, both sales (cash 12.34 + QR 8.00)
    const byCashier = page.getByTestId('table-settlement.cashiers').locator('tbody tr');
    expect(await byCashier.allTextContents()).toEqual([expect.stringMatching(/^Owner2¥20\.34/)]);
    const { text } = await downloadText(page, 'export-settlement.channels');
    const rows = csvRows(text);
    expect(rows[0]).toEqual([
      'channel',
      'sales',
      'gross',
      'refunds_count',
      'refunds',
      'fees',
      'written_off',
      'net',
      'expected_payout',
      'paid',
      'difference',
      'status',
    ]);
    expect(rows.slice(1)).toEqual([
      ['cash', '1', '12.34', '0', '0.00', '0.00', '0.00', '12.34', '0.00', '0.00', '0.00', 'none'],
      ['sandbox', '1', '8.00', '0', '0.00', '0.00', '0.00', '8.00', '8.00', '0.00', '-8.00', 'pending'],
      ['total', '2', '20.34', '0', '0.00', '0.00', '0.00', '20.34', '8.00', '0.00', '-8.00', 'pending'],
    ]);
    // the Excel button: the same table, amounts as numbers a spreadsheet can sum
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx-settlement.channels').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^settlement-channels-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('渠道'); // for reading: in the window's language
    expect(sheet.getRow(3).getCell(1).value).toBe('演示钱包');
    expect(sheet.getRow(3).getCell(3).value).toBe(8);
    expect(sheet.getRow(3).getCell(3).numFmt).toBe('0.00');
  });

  it('a range that is not valid clears the tables rather than leave another range’s; a refused export is said beside its buttons', async () => {
    await goTo(page, 'reports');
    await page.getByTestId('table-settlement.channels').waitFor();
    // a refusal of an export (as main sends export_too_large) appears by the buttons clicked
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { name: string };
      if (body.name !== 'reports.export') return route.continue();
      await route.fulfill({
        json: { ok: false, error: { code: 'export_too_large', message: 'too many rows', params: { max: 100000 } } },
      });
    });
    try {
      await page.getByTestId('export-pdf-settlement.cashiers').click();
      const beside = page.locator('[data-testid="export-error"][data-table="settlement.cashiers"]');
      await beside.getByTestId('error-message').waitFor();
      expect(await beside.getByTestId('error-message').getAttribute('data-code')).toBe('export_too_large');
      expect(await page.locator('[data-testid="export-error"]').count()).toBe(1);
    } finally {
      await page.unroute('**/api/invoke');
    }
    const to = await page.getByTestId('range-to').inputValue();
    const after = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('range-from').fill(after);
    await page.getByTestId('range-show').click();
    await page
      .locator('[data-testid="reports-screen"] [data-testid="error-message"][data-code="range_invalid"]')
      .waitFor();
    await expect.poll(() => page.getByTestId('table-settlement.channels').count()).toBe(0);
    expect(await page.locator('[data-testid^="export-"]').count()).toBe(0);
    await page.getByTestId('range-from').fill(to);
    await page.getByTestId('range-show').click();
    await page.getByTestId('table-settlement.channels').waitFor();
    expect(await page.locator('[data-testid="reports-screen"] [data-testid="error-message"]').count()).toBe(0);
  });

  it('the owner sets fees and a receipt printer in Settings; the X report prints to it', async () => {
    let job!: (b: Buffer) => void;
    const received = new Promise<Buffer>((r) => (job = r));
    const printer = createServer((sock) => {
      const parts: Buffer[] = [];
      sock.on('data', (d: Buffer) => parts.push(d));
      sock.on('end', () => job(Buffer.concat(parts)));
    });
    await new Promise<void>((r) => printer.listen(0, '127.0.0.1', r));
    try {
      await goTo(page, 'settings');
      await page.getByTestId('fee-rate-alipay').fill('abc');
      await page.getByTestId('fees-save').click();
      await page.getByTestId('fees-section').getByTestId('error-message').waitFor();
      expect(pos.query("SELECT value FROM settings WHERE key = 'feeRatesBps'")).toEqual([]);
      // a rate out of range is named by the channel's name, not its code
      await page.getByTestId('fee-rate-alipay').fill('-5');
      await page.getByTestId('fees-save').click();
      const feeError = page.locator(
        '[data-testid="fees-section"] [data-testid="error-message"][data-code="fee_rate_invalid"]',
      );
      await feeError.waitFor();
      expect(await feeError.textContent()).toContain('支付宝');
      expect(await feeError.textContent()).not.toContain('alipay');
      await page.getByTestId('fee-rate-alipay').fill('55');
      await page.getByTestId('payout-delay').fill('2');
      await page.getByTestId('fees-save').click();
      await page.getByTestId('fees-saved').waitFor();
      expect(pos.query("SELECT value FROM settings WHERE key = 'payoutDelayDays'")).toEqual([{ value: '2' }]);

      await page.getByTestId('printer-enabled').check();
      await page.getByTestId('printer-host').fill('127.0.0.1');
      await page.getByTestId('printer-port').fill(String((printer.address() as { port: number }).port));
      await page.getByTestId('printer-save').click();
      await page.getByTestId('printer-saved').waitFor();

      await goTo(page, 'shift');
      await page.getByTestId('shift-float').fill('50');
      await page.getByTestId('shift-open').click();
      await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
      await page.getByTestId('z-print-receipt').click();
      await page.getByTestId('z-printed').waitFor();
      const text = (await received).toString('latin1');
      expect(text.startsWith('\x1b@')).toBe(true);
      expect(text).toContain('X REPORT');
      expect(text).toMatch(/Opening float +50\.00\n/);
      expect(text.endsWith('\x1dVB\x03')).toBe(true);
    } finally {
      await new Promise((r) => printer.close(r));
    }
  });

  it('hands cash back to a customer with the owner PIN: a refund in the X report, not a paid-out', async () => {
    await goTo(page, 'shift');
    await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
    await page.getByTestId('cash-refund-amount').fill('5');
    await page.getByTestId('cash-refund-reason').fill('退货');
    await page.getByTestId('cash-refund-pin').fill('0000');
    await page.getByTestId('cash-refund-submit').click();
    await page.locator('[data-testid="error-message"][data-code="pin_wrong"]').waitFor();
    expect(pos.query("SELECT seq FROM journal WHERE kind = 'cash.refund'")).toEqual([]);
    await page.getByTestId('cash-refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('cash-refund-submit').click();
    await expect
      .poll(() => pos.query("SELECT memo FROM journal WHERE kind = 'cash.refund'"))
      .toEqual([{ memo: '退货' }]);
    await expect.poll(() => page.getByTestId('shift-screen').textContent()).toMatch(/现金退款\s*¥5\.00/);
  });

  it('confirms a cash paid-out and paid-in in a status line, with amount and reason', async () => {
    await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
    const done = page.getByRole('status').and(page.getByTestId('cash-move-done'));
    expect(await done.textContent()).toBe(''); // nothing to confirm yet
    await page.getByTestId('cash-move-amount').fill('15');
    await page.getByTestId('cash-move-reason').fill('买牛奶');
    await page.getByTestId('cash-move-record').click();
    await expect.poll(() => done.textContent()).toBe('已取出 ¥15.00：买牛奶');
    expect(pos.query("SELECT memo FROM journal WHERE kind = 'cash.out'")).toEqual([{ memo: '买牛奶' }]);
    expect(await page.getByTestId('cash-move-amount').inputValue()).toBe(''); // ready for the next one

    await page.getByTestId('cash-move-in').check();
    await page.getByTestId('cash-move-amount').fill('5');
    await page.getByTestId('cash-move-reason').fill('换零钱');
    await page.getByTestId('cash-move-record').click();
    await expect.poll(() => done.textContent()).toBe('已存入 ¥5.00：换零钱');

    // a paid-out the drawer cannot cover is refused, and the last confirmation goes with it
    await page.getByTestId('cash-move-out').check();
    await page.getByTestId('cash-move-amount').fill('100000');
    await page.getByTestId('cash-move-reason').fill('太多');
    await page.getByTestId('cash-move-record').click();
    await page.getByTestId('shift-error-move').getByTestId('error-message').waitFor();
    expect(await done.textContent()).toBe('');
    expect(pos.query("SELECT memo FROM journal WHERE kind = 'cash.out'")).toEqual([{ memo: '买牛奶' }]);
  });

  it('at 1024×768 a refused drawer count is said beside the close form, in view, the limit as money', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.locator('[data-testid="shift-screen"][data-state="X"]').waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await page.getByTestId('shift-counted').fill('99999999999');
      await page.getByTestId('shift-close').click();
      await page.getByTestId('shift-close-confirm-yes').click();
      const refused = page.getByTestId('shift-error-close').getByTestId('error-message');
      await refused.waitFor();
      expect(await refused.getAttribute('data-code')).toBe('cash_count_too_large');
      const text = (await refused.textContent()) ?? '';
      expect(text).toContain('¥1,000,000.00');
      expect(text).not.toContain('单笔');
      const inView = async () => {
        const box = await refused.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= (await page.evaluate<number>('window.innerHeight'));
      };
      await expect.poll(inView).toBe(true);
      // nothing at the top of the page, far from the form
      expect(await page.getByTestId('shift-error-page').count()).toBe(0);
      expect(pos.query('SELECT closed_at_ms FROM shifts WHERE closed_at_ms IS NULL')).toHaveLength(1);
      await page.getByTestId('shift-close-back').click();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the pairing form names a code that is not 8 digits and an address that is not http(s), sending nothing', async () => {
    await goTo(page, 'settings');
    const terminal = await page.getByTestId('terminal-id').textContent();
    const sent: string[] = [];
    const watch = (r: Request) => {
      if ((r.postData() ?? '').includes('"gateway.pair"')) sent.push(r.postData()!);
    };
    page.on('request', watch);
    const refusal = page.locator('.pair-form [data-testid="error-message"]');
    await page.getByTestId('pair-url').fill('http://127.0.0.1:9');
    for (const code of ['1234', 'abcdefgh']) {
      await page.getByTestId('pair-code').fill(code);
      await page.getByTestId('pair-submit').click();
      await expect.poll(() => refusal.getAttribute('data-code')).toBe('pairing_code_malformed');
      expect(await refusal.textContent()).toContain('8 位数字');
    }
    await page.getByTestId('pair-url').fill('not a url');
    await page.getByTestId('pair-code').fill('12345678');
    await page.getByTestId('pair-submit').click();
    // the earlier refusal does not stay: this one is about the address
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('pairing_url_invalid');
    expect(await refusal.count()).toBe(1);
    expect(await page.getByTestId('terminal-id').textContent()).toBe(terminal);
    expect(await page.getByTestId('gateway-mode').getAttribute('data-demo')).toBe('true');
    page.off('request', watch);
    expect(sent).toEqual([]);
  });

  it('the owner backs up the ledger from Settings: one verified file in the data folder', async () => {
    await goTo(page, 'settings');
    await page.getByTestId('ledger-backup').click();
    const done = page.getByTestId('ledger-backup-done');
    await done.waitFor();
    const file = (await done.getAttribute('data-file'))!;
    expect(await done.textContent()).toContain(file);
    const copy = new Database(join(pos.dataDir, 'backups', file), { readonly: true, fileMustExist: true });
    try {
      const live = pos.query<{ n: number }>('SELECT COUNT(*) AS n FROM journal')[0]!.n;
      expect(live).toBeGreaterThan(0);
      expect(copy.prepare('SELECT COUNT(*) AS n FROM journal').get()).toEqual({ n: live });
    } finally {
      copy.close();
    }
  });
});
