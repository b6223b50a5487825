import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, RefundView } from '../../src-shared/api';
import type { FetchLike } from '../../src-main/sync/gateway-client';
import { paidOrder as paidOrderOn } from '../support/customer';
import { ManualClock, waitFor } from '../support/fixtures';
import { ulidSource } from '../support/ids';
import { OWNER_PIN, setupOwner } from '../support/operators';
import { startStack, type Stack } from '../support/stack';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

/**
 * Someone between the counter and the gateway lets a request through and swaps the gateway's
 * signed answer for an unsigned refusal. A refusal that would make something final here (a
 * refund failed, a cancel settled) counts only when the gateway signed it.
 */
let stack: Stack;
afterEach(async () => {
  await stack.close();
});

const newId = ulidSource();

const paidOrder = (amount: string): Promise<OrderView> => paidOrderOn(stack.app, amount);

describe('an unsigned refusal on the way back from the gateway', () => {
  it('does not fail a refund the gateway took: it is booked once when it succeeds, and later payments still arrive', async () => {
    let forge = false;
    const forging: FetchLike = async (url, init) => {
      const real = await fetch(url, init);
      if (!forge || !String(url).includes('/refunds')) return real;
      forge = false;
      await real.text(); // the gateway really took it
      return new Response(JSON.stringify({ error: { code: 'refund_not_allowed', message: 'no' } }), {
        status: 409,
        headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
    };
    stack = await startStack({ fetch: forging });
    const ownerId = await setupOwner(stack.app);
    const o = await paidOrder('10.00');

    forge = true;
    const r = await stack.app.dispatch('refunds.create', {
      requestId: newId(),
      orderId: o.id,
      amount: '10.00',
      reason: 'returned',
      approverId: ownerId,
      approverPin: OWNER_PIN,
    });
    expect(forge).toBe(false); // the forged answer was used
    expect(r).toMatchObject({ ok: true, value: { status: 'requested' } });
    const id = (r as { value: RefundView }).value.id;
    await waitFor(() => stack.app.refunds.repo.byId.get(id)?.status === 'succeeded', 'refund succeeded');
    expect(stack.app.journal.balance('refunds', 'CNY')).toBe(10_00);
    expect(stack.app.orders.repo.byId.get(o.id)?.status).toBe('refunded');

    const next = await paidOrder('3.00'); // the feed goes on
    expect(stack.app.orders.repo.byId.get(next.id)?.status).toBe('paid');
  });
});

describe('a refund whose request never reached the gateway, while the change stream stays up', () => {
  it('is sent again by the maintenance tick, and succeeds once', async () => {
    const clock = new ManualClock(Date.now());
    let drop = false;
    const dropping: FetchLike = async (url, init) => {
      if (drop && String(url).includes('/refunds')) {
        drop = false;
        throw new TypeError('fetch failed'); // the shop's network dropped this one request
      }
      return fetch(url, init);
    };
    stack = await startStack({ fetch: dropping, clock });
    const ownerId = await setupOwner(stack.app);
    const o = await paidOrder('6.00');
    drop = true;
    const r = await stack.app.dispatch('refunds.create', {
      requestId: newId(),
      orderId: o.id,
      amount: '6.00',
      reason: 'returned',
      approverId: ownerId,
      approverPin: OWNER_PIN,
    });
    expect(r).toMatchObject({ ok: true, value: { status: 'requested' } });
    const id = (r as { value: RefundView }).value.id;
    await new Promise((d) => setTimeout(d, 200));
    expect(stack.app.refunds.repo.byId.get(id)?.status).toBe('requested'); // nothing re-sends it yet
    clock.advance(31_000);
    await waitFor(() => stack.app.refunds.repo.byId.get(id)?.status === 'succeeded', 'refund sent again');
    expect(stack.app.journal.balance('refunds', 'CNY')).toBe(6_00);
  });
});
