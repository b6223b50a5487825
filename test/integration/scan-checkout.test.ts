/**
 * The console's payment-code calls against a real gateway with the sandbox provider (demo
 * mode): a code that pays at once, one the customer confirms on the phone, one never confirmed
 * (cancelled after 60 s), one the cashier stops, and codes refused before anything is sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { ChargeView, OrderView } from '../../src-shared/api';
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

const create = async (amount: string): Promise<OrderView> => {
  const r = await stack.app.handlers['orders.create']({ amount });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const status = (id: string) => {
  const r = stack.app.orders.get(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.status;
};
const chargeCode = (id: string, code: string) => stack.app.handlers['orders.chargeCode']({ id, code });
async function chargeStatus(id: string): Promise<ChargeView | null> {
  const r = await stack.app.handlers['orders.chargeStatus']({ id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
async function waitForCharge(id: string, want: string): Promise<ChargeView> {
  let last: ChargeView | null = null;
  await waitFor(async () => {
    last = await chargeStatus(id);
    return last?.status === want;
  }, `charge ${want}`);
  return last!;
}

describe('payment codes at the counter (sandbox provider)', () => {
  it('charges a scanned Alipay code and the order turns paid with one journal entry', async () => {
    const o = await create('18.00');
    const r = await chargeCode(o.id, '284567890123456789');
    expect(r.ok && r.value.status).toBe('paid');
    await waitFor(() => status(o.id) === 'paid', 'order paid');
    expect(stack.app.orders.get(o.id)).toMatchObject({ ok: true, value: { channel: 'sandbox' } });
    expect(verifyJournal(stack.app.db).ok).toBe(true);
  });

  it('waits while the customer confirms, then is paid', async () => {
    const o = await create('7.50');
    const r = await chargeCode(o.id, '284567890123456783');
    expect(r.ok && r.value.status).toBe('paying');
    expect(status(o.id)).toBe('awaiting_payment');
    clock.advance(5_000);
    await waitForCharge(o.id, 'paid');
    await waitFor(() => status(o.id) === 'paid', 'order paid');
  });

  it('cancels when the customer never confirms within 60 s; the order stays payable', async () => {
    const o = await create('3.00');
    const r = await chargeCode(o.id, '284567890123456785');
    expect(r.ok && r.value.status).toBe('paying');
    clock.advance(60_000);
    const cancelled = await waitForCharge(o.id, 'cancelled');
    expect(cancelled.failure).toBe('timeout');
    expect(status(o.id)).toBe('awaiting_payment');
    const again = await chargeCode(o.id, '101234567890123456');
    expect(again.ok && again.value.status).toBe('paid');
  });

  it('stops at the cashier request', async () => {
    const o = await create('3.00');
    await chargeCode(o.id, '284567890123456785');
    const stopped = await stack.app.handlers['orders.stopCharge']({ id: o.id });
    expect(stopped.ok).toBe(true);
    await waitForCharge(o.id, 'cancelled');
  });

  it('reports a declined code and refuses malformed ones before sending anything', async () => {
    const o = await create('3.00');
    const declined = await chargeCode(o.id, '284567890123456784');
    expect(declined.ok && declined.value).toMatchObject({ status: 'failed' });
    for (const bad of ['123', '9912345678901234567', '28456789012345678x']) {
      const r = await chargeCode(o.id, bad);
      expect(r.ok ? 'ok' : r.error.code).toBe('payment_code_malformed');
    }
    expect((await chargeStatus(o.id))?.status).toBe('failed');
    const paidOrder = await create('1.00');
    await chargeCode(paidOrder.id, '284567890123456789');
    await waitFor(() => status(paidOrder.id) === 'paid', 'paid');
    const twice = await chargeCode(paidOrder.id, '284567890123456780');
    expect(twice.ok ? 'ok' : twice.error.code).toBe('charge_not_allowed');
  });
});
