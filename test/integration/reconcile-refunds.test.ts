/**
 * Refunds on both sides of a reconciliation: a console refund the gateway executed appears in
 * the gateway statement with its refund id and in the console records with the same refund id
 * (matched); a refund only the console has is a refund mismatch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTx } from '../../src-main/db/connection';
import { ACCOUNTS } from '../../src-main/ledger/accounts';
import type { OrderView, RefundView, ResultsPageView } from '../../src-shared/api';
import { businessDate } from '../../src-shared/time';
import { paidOrder as paidOrderOn } from '../support/customer';
import { waitFor } from '../support/fixtures';
import { ulidSource } from '../support/ids';
import { OWNER_PIN, setupOwner } from '../support/operators';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let ownerId: string;
const newId = ulidSource();

beforeEach(async () => {
  stack = await startStack();
  ownerId = await setupOwner(stack.app);
});
afterEach(async () => {
  await stack.app.reconcile.idle();
  await stack.close();
});

const valueOf = <T>(r: { ok: boolean }): T => {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return (r as unknown as { value: T }).value;
};

const paidOrder = (amount: string): Promise<OrderView> => paidOrderOn(stack.app, amount);

/** A succeeded refund the gateway never heard of (as if booked from a lost reply): console only. */
function consoleOnlyRefund(orderId: string, amountMinor: number): string {
  const id = newId();
  const now = Date.now();
  writeTx(stack.app.db, () => {
    const entry = stack.app.journal.append({
      kind: 'refund.qr',
      orderId,
      memo: `refund ${id}`,
      postings: [
        { account: ACCOUNTS.refunds, currency: 'CNY', amountMinor },
        { account: ACCOUNTS.clearing('sandbox'), currency: 'CNY', amountMinor: -amountMinor },
      ],
    });
    stack.app.db
      .prepare(
        `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, operator_id, approver_id,
           created_at_ms, updated_at_ms, provider_refund_no, entry_seq)
         VALUES (?, ?, ?, 'CNY', 'test', 'succeeded', NULL, ?, ?, ?, 'X', ?)`,
      )
      .run(id, orderId, amountMinor, ownerId, now, now, entry.seq);
  });
  return id;
}

describe('reconciliation with refunds', () => {
  it('a refund on both sides matches by refund id; a console-only refund is a refund mismatch', async () => {
    const o = await paidOrder('30.00');
    const refund = valueOf<RefundView>(
      await stack.app.dispatch('refunds.create', {
        requestId: newId(),
        orderId: o.id,
        amount: '10.00',
        reason: 'returned',
        approverId: ownerId,
        approverPin: OWNER_PIN,
      }),
    );
    await waitFor(() => stack.app.refunds.repo.byId.get(refund.id)?.status === 'succeeded', 'refund succeeded');
    const stray = consoleOnlyRefund(o.id, 500);

    const s = stack.app.settings.get();
    const today = businessDate(Date.now(), s.timeZone, s.businessDayCutoffHour);
    const src = valueOf<{ id: string }>(
      await stack.app.handlers['reconcile.fetchStatement']({ fromDate: today, toDate: today, scope: 'terminal' }),
    );
    const started = valueOf<{ id: string }>(
      await stack.app.handlers['reconcile.start']({ sourceId: src.id, fromDate: today, toDate: today }),
    );
    await stack.app.reconcile.idle();
    const page = valueOf<ResultsPageView>(stack.app.reconcile.results(started.id, null, 0, 50));
    const rows = page.rows.map((r) => [r.cls, r.console?.status, r.console?.refundNo, r.statement?.refundNo]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['matched', 'paid', null, null],
        ['matched', 'refund', refund.id, refund.id],
        ['refund_mismatch', 'refund', stray, undefined],
      ]),
    );
  });
});
