import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ResultRowView } from '../../src-shared/api';
import { offlineConsole } from '../support/console';
import { OWNER_PIN, setupOwner } from '../support/operators';

const dir = join(import.meta.dirname, '../fixtures/bills');
/** The WeChat fixture's order paid 45.00 at 10:00:09 and refunded 5.00 at 15:00:03 (Beijing time). */
const ORDER = '01KBBBBBBBBBBBBBBBBBBBBBB2';
const REFUND_NO = '01KRRRRRRRRRRRRRRRRRRRRRR2';
let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole(7));
});
afterEach(async () => {
  await app.reconcile.idle();
  cleanup();
});

async function run(sourceId: string) {
  const started = app.reconcile.start({ sourceId, fromDate: '2026-11-21', toDate: '2026-11-21' });
  if (!started.ok) throw new Error(started.error.message);
  await app.reconcile.idle();
  const rows = app.reconcile.results(started.value.id, null, 0, 100);
  if (!rows.ok) throw new Error(rows.error.message);
  return { runId: started.value.id, rows: rows.value.rows };
}

const find = (rows: readonly ResultRowView[], cls: string, status: string) =>
  rows.find((r) => r.cls === cls && r.orderNo === ORDER && r.statement?.status === status)!;

/** What any refused action must leave untouched. */
const books = () => ({
  seq: app.journal.lastSeq(),
  refunds: app.db.prepare('SELECT COUNT(*) AS n FROM refunds').get(),
  actions: app.db.prepare('SELECT COUNT(*) AS n FROM recon_actions').get(),
});

describe('a refund only the bill has (made in the merchant portal)', () => {
  it('is booked once as a refund.qr entry, so the ledger and the re-run agree with the bank', async () => {
    const source = app.reconcile.importFile(
      'wechat.csv',
      new Uint8Array(readFileSync(join(dir, 'wechat-trade-gbk.csv'))),
    );
    if (!source.ok) throw new Error(source.error.message);
    const first = await run(source.value.id);
    const refund = find(first.rows, 'refund_mismatch', 'refund');
    expect(refund.console).toBeNull();

    // The order is not this till's yet: refused, nothing written.
    const before = books();
    const early = app.reconcile.act(first.runId, refund.idx, 'record_statement_refund', 'refunded in the portal');
    expect(early).toMatchObject({ ok: false, error: { code: 'recon_action_refused' } });
    expect(books()).toEqual(before);
    // Not a refund row: refused.
    const paid = find(first.rows, 'only_statement', 'paid');
    expect(app.reconcile.act(first.runId, paid.idx, 'record_statement_refund', 'x')).toMatchObject({
      ok: false,
      error: { code: 'recon_action_refused' },
    });

    expect(app.reconcile.act(first.runId, paid.idx, 'accept_late_payment', 'lost record')).toMatchObject({ ok: true });
    const booked = app.reconcile.act(first.runId, refund.idx, 'record_statement_refund', 'refunded in the portal');
    if (!booked.ok) throw new Error(booked.error.message);
    expect(booked.value.entrySeq).toBe(app.journal.lastSeq());
    expect(app.journal.balance('clearing:wechat', 'CNY')).toBe(45_00 - 5_00);
    expect(app.journal.balance('refunds', 'CNY')).toBe(5_00);
    expect(app.db.prepare('SELECT kind FROM journal WHERE seq = ?').get(booked.value.entrySeq)).toEqual({
      kind: 'refund.qr',
    });
    expect(app.db.prepare('SELECT status, method, amount_minor FROM refunds WHERE id = ?').get(REFUND_NO)).toEqual({
      status: 'succeeded',
      method: 'wallet',
      amount_minor: 5_00,
    });
    expect(app.db.prepare('SELECT status FROM orders WHERE id = ?').get(ORDER)).toEqual({
      status: 'partially_refunded',
    });

    // Twice: said so, nothing written.
    const after = books();
    expect(app.reconcile.act(first.runId, refund.idx, 'record_statement_refund', 'again')).toMatchObject({
      ok: false,
      error: { code: 'recon_already_recorded' },
    });
    expect(books()).toEqual(after);

    // The re-run pairs the refund by its number.
    const second = await run(source.value.id);
    expect(find(second.rows, 'matched', 'refund')).toBeDefined();
    expect(second.rows.filter((r) => r.cls === 'refund_mismatch')).toEqual([]);
  });

  it('is refused, changing nothing, when the till already gave back what was paid but its rest', async () => {
    const source = app.reconcile.importFile(
      'wechat.csv',
      new Uint8Array(readFileSync(join(dir, 'wechat-trade-gbk.csv'))),
    );
    if (!source.ok) throw new Error(source.error.message);
    const first = await run(source.value.id);
    const paid = find(first.rows, 'only_statement', 'paid');
    expect(app.reconcile.act(first.runId, paid.idx, 'accept_late_payment', 'lost record')).toMatchObject({ ok: true });
    // 42.00 of the 45.00 handed back in cash at the counter: 3.00 is left, the bill's refund is 5.00
    const ownerId = await setupOwner(app);
    expect(await app.dispatch('shift.open', { float: '100' })).toMatchObject({ ok: true });
    expect(
      await app.dispatch('refunds.createCash', {
        requestId: '01KCCCCCCCCCCCCCCCCCCCCCC1',
        orderId: ORDER,
        amount: '42',
        reason: 'returned',
        approverId: ownerId,
        approverPin: OWNER_PIN,
      }),
    ).toMatchObject({ ok: true });
    const refund = find(first.rows, 'refund_mismatch', 'refund');
    const before = books();
    expect(app.reconcile.act(first.runId, refund.idx, 'record_statement_refund', 'portal')).toMatchObject({
      ok: false,
      error: { code: 'recon_action_refused' },
    });
    expect(books()).toEqual(before);
  });

  it('a duplicate is marked refunded in the portal; the old "pending refund" is no longer taken', async () => {
    const source = app.reconcile.importFile(
      'wechat.csv',
      new Uint8Array(readFileSync(join(dir, 'wechat-trade-gbk.csv'))),
    );
    if (!source.ok) throw new Error(source.error.message);
    const { runId, rows } = await run(source.value.id);
    const dup = rows.find((r) => r.cls === 'duplicate_payment')!;
    expect(app.reconcile.act(runId, dup.idx, 'mark_duplicate_for_refund', 'x')).toMatchObject({ ok: false });
    expect(app.reconcile.act(runId, dup.idx, 'mark_duplicate_refunded', 'refunded 8.00')).toMatchObject({
      ok: true,
      value: { kind: 'mark_duplicate_refunded', entrySeq: null },
    });
    const other = rows.find((r) => r.cls !== 'duplicate_payment')!;
    expect(app.reconcile.act(runId, other.idx, 'mark_duplicate_refunded', 'x')).toMatchObject({ ok: false });
  });
});
