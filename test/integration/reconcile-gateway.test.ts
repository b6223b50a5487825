import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { OrderView, RunView } from '../../src-shared/api';
import { businessDate } from '../../src-shared/time';
import { openQr, pressWallet } from '../support/customer';
import { ManualClock, waitFor } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  stack = await startStack({ clock });
});
afterEach(async () => {
  await stack.close();
});

const h = () => stack.app.handlers;
const unwrap = async <T>(
  p:
    | Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>
    | { ok: true; value: T }
    | { ok: false; error: { message: string } },
): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const today = () => {
  const s = stack.app.settings.get();
  return businessDate(clock.now(), s.timeZone, s.businessDayCutoffHour);
};
const sell = async (amount: string, pay: boolean): Promise<OrderView> => {
  const o = await unwrap(h()['orders.create']({ amount }));
  await waitFor(
    () => stack.app.orders.get(o.id).ok && (stack.app.orders.get(o.id) as { value: OrderView }).value.registered,
    'registered',
  );
  if (pay) {
    const visit = await openQr(o.qrUrl!);
    expect((await pressWallet(o.qrUrl!, visit.session!, 'pay')).resultStatus).toBe('paid');
  }
  return o;
};
const runOn = async (sourceId: string): Promise<RunView> => {
  const started = await unwrap(h()['reconcile.start']({ sourceId, fromDate: today(), toDate: today() }));
  await stack.app.reconcile.idle();
  return unwrap(h()['reconcile.run']({ runId: started.id }));
};
const statement = async () =>
  unwrap(h()['reconcile.fetchStatement']({ fromDate: today(), toDate: today(), scope: 'terminal' }));

describe('reconciliation against the real gateway statement', () => {
  it('a sale the gateway saw paid while the console was down is found, accepted once, and the re-run shows it matched', async () => {
    const a = await sell('12.00', true);
    await waitFor(() => stack.app.journal.lastSeq() === 1, 'first sale recorded');
    const b = await sell('30.50', false);
    // The console "crashes" before it hears of b's payment: no sync while the customer pays.
    stack.app.sync.stop();
    const visit = await openQr(b.qrUrl!);
    expect((await pressWallet(b.qrUrl!, visit.session!, 'pay')).resultStatus).toBe('paid');

    const src = await statement();
    expect(src).toMatchObject({ kind: 'gateway', rowCount: 2, created: true });
    expect((await statement()).created).toBe(false); // same statement again: recognised, nothing added
    const run1 = await runOn(src.id);
    expect(run1.state).toBe('done');
    const t1 = run1.totals!;
    expect(t1.byClass.matched.count).toBe(1);
    expect(t1.byClass.status_paid_unrecorded.count).toBe(1);
    expect(t1.statementMinor).toBe(1200 + 3050);
    expect(t1.consoleMinor).toBe(1200);
    expect(t1.differenceMinor).toBe(-3050);

    const page = await unwrap(
      h()['reconcile.results']({ runId: run1.id, cls: 'status_paid_unrecorded', offset: 0, limit: 10 }),
    );
    const row = page.rows[0]!;
    expect(row.orderNo).toBe(b.id);
    expect(row.console).toMatchObject({ status: 'unpaid' });
    expect(row.statement).toMatchObject({ status: 'paid', amountMinor: 3050, channel: 'sandbox' });

    const refused = await h()['reconcile.act']({
      runId: run1.id,
      idx: row.idx,
      kind: 'mark_duplicate_refunded',
      reason: 'x',
    });
    expect(refused.ok).toBe(false);
    const act = await unwrap(
      h()['reconcile.act']({
        runId: run1.id,
        idx: row.idx,
        kind: 'accept_late_payment',
        reason: 'paid while we were down',
      }),
    );
    expect(act.entrySeq).toBe(2);
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(4250);
    expect((stack.app.orders.get(b.id) as { value: OrderView }).value).toMatchObject({ status: 'paid', late: true });
    const again = await h()['reconcile.act']({
      runId: run1.id,
      idx: row.idx,
      kind: 'accept_late_payment',
      reason: 'twice',
    });
    expect(again.ok ? null : again.error.code).toBe('recon_already_recorded');

    // The console comes back: the change feed delivers b's payment, which is already recorded.
    stack.app.sync.start();
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online again');
    await sell('1.00', true);
    await waitFor(() => stack.app.journal.lastSeq() === 3, 'the later sale recorded');
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(4350);
    expect(verifyJournal(stack.app.db)).toMatchObject({ ok: true, entries: 3 });

    const run2 = await runOn(src.id);
    expect(run2.previousRunId).toBe(run1.id);
    expect(run2.totals!.byClass.matched.count).toBe(2);
    expect(run2.totals!.byClass.status_paid_unrecorded.count).toBe(0);
    // the 1.00 sale after the statement was fetched is only on the console (短款 until re-fetched)
    expect(run2.totals!.byClass.only_console.count).toBe(1);
    const diff = await unwrap(h()['reconcile.diff']({ runId: run2.id }));
    expect(diff.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ before: 'status_paid_unrecorded', after: 'matched' })]),
    );
    const csv = await unwrap(h()['reconcile.export']({ runId: run2.id, format: 'csv' }));
    expect(csv.text).toContain(`${b.id}`);
    expect(csv.text).toContain('30.50');
    const xlsx = await unwrap(h()['reconcile.export']({ runId: run2.id, format: 'xlsx' }));
    expect(xlsx).toMatchObject({ encoding: 'base64', rows: 3, truncated: false });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.text, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const amounts = [2, 3, 4].map((i) => sheet.getRow(i).getCell(12).value);
    expect(amounts).toContain(30.5);
    void a;
  });
});
