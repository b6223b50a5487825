import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderView, RefundView } from '../../src-shared/api';
import { ulidSource } from '../support/ids';
import { paidOrder as paidOrderOn } from '../support/customer';
import { waitFor } from '../support/fixtures';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';
import { postQrSale } from '../support/settlement';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let ownerId: string;
const newId = ulidSource();

beforeEach(async () => {
  stack = await startStack();
  ownerId = await setupOwner(stack.app);
});
afterEach(async () => {
  await stack.close();
});

const paidOrder = (amount: string): Promise<OrderView> => paidOrderOn(stack.app, amount);

const valueOf = <T>(r: { ok: boolean }): T => {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return (r as unknown as { value: T }).value;
};

const refund = (orderId: string, amount: string, requestId = newId(), pin = OWNER_PIN, approverId = ownerId) =>
  stack.app.dispatch('refunds.create', {
    requestId,
    orderId,
    amount,
    reason: 'returned',
    approverId,
    approverPin: pin,
  });

const refundRows = (orderId: string) =>
  stack.app.db.prepare('SELECT id, status, amount_minor FROM refunds WHERE order_id = ?').all(orderId) as {
    id: string;
    status: string;
    amount_minor: number;
  }[];
const refundEntries = () =>
  (stack.app.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE kind = 'refund.qr'").get() as { n: number }).n;
const succeeded = (id: string) =>
  waitFor(() => stack.app.refunds.repo.byId.get(id)?.status === 'succeeded', `refund ${id} succeeded`);

describe('refunds through a real gateway', () => {
  it('partial refunds up to the amount paid; accepted, then succeeded; journaled Dr refunds / Cr clearing', async () => {
    const o = await paidOrder('30.00');
    const first = await refund(o.id, '10.00');
    expect(first).toMatchObject({
      ok: true,
      value: { status: 'accepted', amountMinor: 1000, orderRefundableMinor: 2000 },
    });
    await succeeded(valueOf<RefundView>(first).id);
    expect(stack.app.orders.repo.byId.get(o.id)?.status).toBe('partially_refunded');
    expect(stack.app.journal.balance('refunds', 'CNY')).toBe(1000);
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(2000);

    expect(await refund(o.id, '20.01')).toMatchObject({
      ok: false,
      error: { code: 'refund_exceeds_paid', params: { refundable_minor: 2000, refundable: '20.00' } },
    });
    const rest = await refund(o.id, '20.00');
    expect(rest.ok).toBe(true);
    await succeeded(valueOf<RefundView>(rest).id);
    expect(stack.app.orders.repo.byId.get(o.id)?.status).toBe('refunded');
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(0);
    expect(refundEntries()).toBe(2);
    const kinds = (stack.app.db.prepare('SELECT kind FROM audit_log').all() as { kind: string }[]).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'refund.requested')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'refund.succeeded')).toHaveLength(2);
  });

  it('concurrent double submits and retries with one request id refund exactly once', async () => {
    const o = await paidOrder('10.00');
    const id = newId();
    const results = await Promise.all(Array.from({ length: 5 }, () => refund(o.id, '4.00', id)));
    expect(results.every((r) => r.ok && (r.value as RefundView).id === id)).toBe(true);
    await succeeded(id);
    const retry = await refund(o.id, '4.00', id);
    expect(retry).toMatchObject({ ok: true, value: { id, status: 'succeeded' } });
    expect(refundRows(o.id)).toEqual([{ id, status: 'succeeded', amount_minor: 400 }]);
    expect(refundEntries()).toBe(1);
    expect(stack.app.journal.balance('refunds', 'CNY')).toBe(400);
    // the same id with other details is a conflict, not a second refund
    expect(await refund(o.id, '5.00', id)).toMatchObject({ ok: false, error: { code: 'refund_conflict' } });
  });

  it('a refund made while the gateway is down is kept as requested and sent once it is back', async () => {
    const o = await paidOrder('8.00');
    await stack.stopGateway();
    const id = newId();
    const r = await refund(o.id, '8.00', id);
    expect(r).toMatchObject({ ok: true, value: { status: 'requested' } });
    // a retry while still down changes nothing
    expect(await refund(o.id, '8.00', id)).toMatchObject({ ok: true, value: { id, status: 'requested' } });
    await stack.restartGateway();
    await succeeded(id);
    expect(refundRows(o.id)).toHaveLength(1);
    expect(refundEntries()).toBe(1);
  });

  it('needs an owner PIN: a wrong PIN or a cashier saves nothing; unpaid orders cannot be refunded', async () => {
    const o = await paidOrder('5.00');
    expect(await refund(o.id, '1.00', newId(), '0000')).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    const cashierId = await addCashier(stack.app);
    expect(await refund(o.id, '1.00', newId(), CASHIER_PIN, cashierId)).toMatchObject({
      ok: false,
      error: { code: 'owner_required' },
    });
    expect(refundRows(o.id)).toEqual([]);
    const unpaid = await stack.app.dispatch('orders.create', { amount: '3.00' });
    const unpaidId = valueOf<OrderView>(unpaid).id;
    expect(await refund(unpaidId, '1.00')).toMatchObject({ ok: false, error: { code: 'refund_not_allowed' } });
    // cancelling an unpaid order needs no PIN
    expect((await stack.app.dispatch('orders.cancel', { id: unpaidId })).ok).toBe(true);
  });

  it('a revoked terminal is refused and the console says so', async () => {
    const terminalId = stack.app.terminal.get()!.terminalId;
    expect(stack.gateway().revokeTerminal(terminalId)).toBe(true);
    await waitFor(() => stack.app.sync.status().lastErrorCode === 'terminal_revoked', 'status says revoked');
    // the journal push stops, named, rather than retrying in silence
    postQrSale(stack.app, 'sandbox', 100);
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    expect(stack.app.sync.status()).toMatchObject({ pushErrorCode: 'terminal_revoked', unsyncedEntries: 1 });
  });
});
