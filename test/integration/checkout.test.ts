import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src-main/host/dispatch';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { OrderView } from '../../src-shared/api';
import { confirmationCodeOf, openQr, pressWallet } from '../support/customer';
import { ManualClock, waitFor } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let clock: ManualClock;
let seen: OrderView[];

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  stack = await startStack({ clock });
  seen = [];
  stack.app.events.subscribe((name, payload) => {
    if (name === 'order.updated') seen.push(payload as OrderView);
  });
});
afterEach(async () => {
  await stack.close();
});

const create = async (amount: string): Promise<OrderView> => {
  const r = await stack.app.handlers['orders.create']({ amount });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const order = (id: string) => {
  const r = stack.app.orders.get(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const registered = (id: string) => waitFor(() => order(id).registered, `order ${id} registered`);
const pushed = (id: string, status: string) =>
  waitFor(() => seen.find((o) => o.id === id && o.status === status), `order.updated ${status} for ${id}`);

describe('collecting a dynamic-QR payment through a real gateway', () => {
  it('create → customer pays on the wallet page → paid is pushed → one balanced journal entry', async () => {
    const o = await create('88.80');
    await registered(o.id);
    const visit = await openQr(o.qrUrl!);
    expect(visit.status).toBe(200);
    expect(visit.html).toContain('88.80');
    const paid = await pressWallet(o.qrUrl!, visit.session!, 'pay');
    expect(paid.resultStatus).toBe('paid');
    expect(confirmationCodeOf(paid.html)).toMatch(/^\d{6}$/);

    const view = await pushed(o.id, 'paid');
    expect(view).toMatchObject({ late: false, channel: 'sandbox', qrUrl: null });
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(8880);
    expect(stack.app.journal.balance('sales', 'CNY')).toBe(-8880);
    expect(verifyJournal(stack.app.db)).toMatchObject({ ok: true, entries: 1 });

    // paying the same QR again is refused by the gateway, and nothing more is recorded
    const again = await pressWallet(o.qrUrl!, visit.session!, 'pay');
    expect(again.resultStatus).toBe('already_paid');
    expect(stack.app.journal.lastSeq()).toBe(1);
  });

  it('an unpaid order expires on both sides; its QR then shows "expired"', async () => {
    const o = await create('3');
    await registered(o.id);
    clock.advance(stack.app.settings.get().orderTtlMs);
    await pushed(o.id, 'expired');
    expect((await openQr(o.qrUrl!)).resultStatus).toBe('expired');
    expect(stack.app.journal.lastSeq()).toBe(0);
  });

  it('cancel is forwarded: the customer can no longer pay', async () => {
    const o = await create('4');
    await registered(o.id);
    const visit = await openQr(o.qrUrl!);
    expect((await stack.app.handlers['orders.cancel']({ id: o.id })).ok).toBe(true);
    await waitFor(async () => (await openQr(o.qrUrl!)).resultStatus === 'closed', 'gateway closed the order');
    expect((await pressWallet(o.qrUrl!, visit.session!, 'pay')).resultStatus).toBe('closed');
    expect(order(o.id).status).toBe('cancelled');
    expect(stack.app.journal.lastSeq()).toBe(0);
  });

  it('a payment that lands after expiry is recorded as a late payment, never dropped', async () => {
    const o = await create('6.60');
    await registered(o.id);
    const visit = await openQr(o.qrUrl!); // the customer opened the wallet in time …
    clock.advance(stack.app.settings.get().orderTtlMs + 1_000);
    await pushed(o.id, 'expired');
    const paid = await pressWallet(o.qrUrl!, visit.session!, 'pay'); // … and paid late
    expect(paid.resultStatus).toBe('paid');
    const view = await pushed(o.id, 'paid');
    expect(view.late).toBe(true);
    expect(stack.app.db.prepare('SELECT kind FROM journal').all()).toEqual([{ kind: 'sale.qr.late' }]);
  });

  it('a tampered QR is refused by the gateway and creates nothing', async () => {
    const o = await create('10');
    const tampered = o.qrUrl!.replace('a=1000', 'a=1');
    const visit = await openQr(tampered);
    expect(visit.status).toBe(400);
    expect(visit.session).toBeNull();
  });

  it('the gateway goes away and comes back: the counter keeps selling and catches up', async () => {
    await stack.stopGateway();
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'offline', 15_000);
    const o = await create('7'); // the QR is signed here; no network needed
    expect(o.qrUrl).toContain(`/q/`);
    expect(order(o.id).registered).toBe(false);
    expect(stack.app.sync.status().unregisteredOrders).toBe(1);
    await stack.restartGateway();
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online again', 20_000);
    await registered(o.id);
    const visit = await openQr(o.qrUrl!);
    await pressWallet(o.qrUrl!, visit.session!, 'pay');
    await pushed(o.id, 'paid');
    expect(stack.app.sync.status().unregisteredOrders).toBe(0);
  });
});

describe('pairing and boundaries', () => {
  it('a wrong pairing code is refused and the pairing stays as it was', async () => {
    const before = stack.app.terminal.get()!.terminalId;
    const r = await stack.app.handlers['gateway.pair']({ url: stack.gateway().url, code: '00000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'pairing_code_invalid' } });
    expect(stack.app.terminal.get()!.terminalId).toBe(before);
    const bad = await stack.app.handlers['gateway.pair']({ url: 'ftp://example', code: '12345678' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'pairing_url_invalid' } });
  });

  it('pairing elsewhere while the gateway still owes answers asks first, before the code is spent', async () => {
    const before = stack.app.terminal.get()!.terminalId;
    const o = await stack.app.handlers['orders.create']({ amount: '4.00' });
    if (!o.ok) throw new Error(o.error.code);
    const id = o.value.id;
    await waitFor(() => {
      const v = stack.app.orders.get(id);
      return v.ok && v.value.registered;
    }, 'registered');
    const code = stack.gateway().issuePairingCode();
    const refused = await stack.app.handlers['gateway.pair']({ url: stack.gateway().url, code });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'pairing_leaves_pending', params: { sales: 0, orders: 1 } },
    });
    expect(stack.app.terminal.get()!.terminalId).toBe(before);
    expect(await stack.app.handlers['gateway.useDemo']({})).toMatchObject({
      ok: false,
      error: { code: 'pairing_leaves_pending' },
    });
    // the owner read it and goes on: the same code still works
    const paired = await stack.app.handlers['gateway.pair']({ url: stack.gateway().url, code, leavePending: true });
    expect(paired.ok).toBe(true);
    expect(stack.app.terminal.get()!.terminalId).not.toBe(before);
    const audit = stack.app.audit.list(undefined, 5).entries.find((e) => e.kind === 'gateway.paired');
    expect(audit?.detail).toMatchObject({ left_offline_sales: 0, left_payable_orders: 1 });
  });

  it('invalid calls through the dispatcher change nothing in either database', async () => {
    const dispatch = createDispatcher(stack.app.handlers);
    for (const amount of ['0', '-1', '1.001', 'abc', '1e5', '9'.repeat(40)]) {
      expect((await dispatch('orders.create', { amount })).ok).toBe(false);
    }
    expect(stack.app.db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 0 });
    const changes = await stack.app.sync.client()!.changes(0, 10);
    expect(changes).toMatchObject({ ok: true, value: { changes: [] } });
  });
});
