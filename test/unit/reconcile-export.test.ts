import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { RunView } from '../../src-shared/api';
import { offlineConsole } from '../support/console';

const dir = join(import.meta.dirname, '../fixtures/bills');
let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole(5));
});
afterEach(async () => {
  await app.reconcile.idle();
  cleanup();
});

async function runBill(file: string): Promise<RunView> {
  const source = app.reconcile.importFile(file, new Uint8Array(readFileSync(join(dir, file))));
  if (!source.ok) throw new Error(source.error.message);
  const started = app.reconcile.start({ sourceId: source.value.id, fromDate: '2026-11-21', toDate: '2026-11-21' });
  if (!started.ok) throw new Error(started.error.message);
  await app.reconcile.idle();
  const run = app.reconcile.getRun(started.value.id);
  if (!run.ok) throw new Error(run.error.message);
  return run.value;
}

/** The CSV's rows (after the note line) as objects by header; no field of the fixtures is quoted. */
function csvObjects(text: string): Record<string, string>[] {
  const [, header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** Σ of a decimal column, in minor units, exactly. */
const sumMinor = (rows: Record<string, string>[], col: string) =>
  rows.reduce((n, r) => (r[col] ? n + Math.round(Number(r[col]) * 100) : n), 0);

describe('a reconciliation export adds up to the screen', () => {
  it.each(['wechat-trade-gbk.csv', 'alipay-trade-gbk.zip'])('CSV of %s: signed amounts, shop times', async (file) => {
    const run = await runBill(file);
    const t = run.totals!;
    const csv = await app.reconcile.exportRun(run.id, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    const rows = csvObjects(csv.value.text);
    expect(sumMinor(rows, 'statement_amount')).toBe(t.statementMinor);
    expect(sumMinor(rows, 'console_amount')).toBe(t.consoleMinor);
    expect(sumMinor(rows, 'statement_fee')).toBe(t.feeMinor);
    const refund = rows.find((r) => r.statement_status === 'refund')!;
    expect(refund.statement_amount).toMatch(/^-\d+\.\d\d$/);
    expect(Number(refund.statement_fee)).toBeLessThanOrEqual(0);
    // the shop's wall clock, with its offset: as the bill and the screen read it
    for (const r of rows) expect(r.statement_time).toMatch(/^2026-11-21 \d\d:\d\d:\d\d \+08:00$/);
  });

  it('the WeChat bill’s refund at 15:00:03 Beijing time reads so, at −5.00', async () => {
    const run = await runBill('wechat-trade-gbk.csv');
    const csv = await app.reconcile.exportRun(run.id, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    const refund = csvObjects(csv.value.text).find((r) => r.statement_status === 'refund')!;
    expect(refund).toMatchObject({ statement_amount: '-5.00', statement_time: '2026-11-21 15:00:03 +08:00' });
    expect(sumMinor(csvObjects(csv.value.text), 'statement_amount')).toBe(68_30);
  });

  it('XLSX: the same signed amounts as numbers, times as the shop’s clock', async () => {
    const run = await runBill('wechat-trade-gbk.csv');
    const xlsx = await app.reconcile.exportRun(run.id, 'xlsx');
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.value.text, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let sum = 0;
    let refundTime: unknown = null;
    for (let i = 2; i <= sheet.rowCount; i++) {
      const row = sheet.getRow(i);
      const v = row.getCell(col('statement_amount')).value;
      if (typeof v === 'number') sum += Math.round(v * 100);
      if (row.getCell(col('statement_status')).value === 'refund')
        refundTime = row.getCell(col('statement_time')).value;
    }
    expect(sum).toBe(run.totals!.statementMinor);
    // exceljs reads a date cell as a Date in UTC: the wall clock's digits, no shift
    expect((refundTime as Date).toISOString()).toBe('2026-11-21T15:00:03.000Z');
  });

  it('an unpaid order counts nothing in the amount columns; its amount reads as not collected', async () => {
    const at = Date.UTC(2026, 10, 21, 4);
    app.db
      .prepare(
        `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
           registered, updated_at_ms) VALUES ('01KEXPIRED0000000000000001', 'T000000001', 5700, 'CNY', '', 'expired', 0,
           ?, ?, 1, ?)`,
      )
      .run(at, at + 300_000, at + 300_000);
    const run = await runBill('wechat-trade-gbk.csv');
    expect(run.totals!.byClass.no_payment).toMatchObject({ count: 1, consoleMinor: 0 });
    const csv = await app.reconcile.exportRun(run.id, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    const rows = csvObjects(csv.value.text);
    const unpaid = rows.find((r) => r.class === 'no_payment')!;
    expect(unpaid).toMatchObject({ console_status: 'unpaid', console_amount: '0.00', unpaid_order_amount: '57.00' });
    expect(sumMinor(rows, 'console_amount')).toBe(run.totals!.consoleMinor);
    expect(rows.filter((r) => r.class !== 'no_payment').every((r) => r.unpaid_order_amount === '')).toBe(true);
  });

  it('carries what the owner did about a row, in CSV and XLSX', async () => {
    const run = await runBill('wechat-trade-gbk.csv');
    const page = app.reconcile.results(run.id, 'duplicate_payment', 0, 10);
    if (!page.ok) throw new Error(page.error.message);
    const dup = page.value.rows[0]!;
    expect(app.reconcile.act(run.id, dup.idx, 'mark_duplicate_refunded', 'refunded 8.00 in the portal').ok).toBe(true);
    const csv = await app.reconcile.exportRun(run.id, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    const rows = csvObjects(csv.value.text);
    const marked = rows.find((r) => r.idx === String(dup.idx))!;
    expect(marked.owner_actions).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d mark_duplicate_refunded: refunded 8\.00 in the portal$/,
    );
    expect(rows.filter((r) => r.owner_actions !== '').length).toBe(1);
    const xlsx = await app.reconcile.exportRun(run.id, 'xlsx');
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.value.text, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const cells: unknown[] = [];
    for (let i = 2; i <= sheet.rowCount; i++)
      cells.push(sheet.getRow(i).getCell(header.indexOf('owner_actions')).value);
    expect(cells.filter((c) => typeof c === 'string' && c.includes('refunded 8.00 in the portal'))).toHaveLength(1);
  });
});
