/**
 * A terminal's refund of an Alipay-paid order goes through the gateway's refund endpoint and is
 * executed at (fake) Alipay as alipay.trade.refund with out_request_no = the console's refund id;
 * the terminal's change feed shows it accepted, then succeeded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesReply, refundReply } from '../../src-shared/protocol/gateway';
import { statementReply } from '../../src-shared/protocol/statement';
import { ulidSource } from '../support/ids';
import { signedFetch, signedQrUrl } from './gateway-helpers';
import { registerOrder, startAlipayStack, waitForStatus, type AlipayStack } from './alipay-helpers';

const ALIPAY_CODE = '284567890123456789';
const newId = ulidSource();

describe('refunds of Alipay-paid orders', () => {
  let s: AlipayStack;
  beforeEach(async () => {
    s = await startAlipayStack('alipay-refund');
  });
  afterEach(async () => {
    await s.stop();
  });

  const refundStates = async (refundId: string) => {
    const feed = changesReply.parse((await signedFetch(s.t, s.terminal, 'GET', '/v1/changes?after=0')).json);
    return feed.changes.flatMap((c) => (c.type === 'refund.updated' && c.refund_id === refundId ? [c.status] : []));
  };

  /** Asks the gateway to refund `amountMinor` of the order and waits until it has succeeded. */
  async function refundAndWait(orderId: string, amountMinor: number) {
    const refundId = newId();
    const res = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${orderId}/refunds`, {
      refund_id: refundId,
      amount_minor: amountMinor,
      currency: 'CNY',
      reason: 'returned',
    });
    const until = performance.now() + 10_000;
    while (res.status === 202 && !(await refundStates(refundId)).includes('succeeded')) {
      if (performance.now() > until) throw new Error(`refund stayed ${(await refundStates(refundId)).join(',')}`);
      await new Promise((r) => setTimeout(r, 30));
    }
    return { res, refundId };
  }

  it('refunds the trade that paid the order, not a QR trade the customer paid afterwards', async () => {
    // The customer scans the QR (trade 1 = the order id), then shows their payment code, which
    // pays the order (trade 2); then they also confirm the QR payment: an orphan payment.
    const order = await registerOrder(s, 3000);
    const qr = signedQrUrl(s.terminal, {
      orderId: order.order_id,
      amountMinor: 3000,
      currency: 'CNY',
      expiresAtMs: order.expires_at_ms,
    });
    expect((await fetch(qr, { redirect: 'manual' })).status).toBe(302);
    const byCode = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/charge-code`, {
      auth_code: ALIPAY_CODE,
    });
    expect(byCode.status).toBe(200);
    const codeTrade = `${order.order_id}_2`;
    await waitForStatus(s, order.order_id, 'paid');
    expect(await s.fake.customerPays(order.order_id)).toEqual({ status: 200, text: 'success' });
    expect(s.t.logs.join('\n')).toContain(`order ${order.order_id} is paid: refund it at the provider`);

    expect(s.t.gw.alipay!.refunds.paidTradeOf(order.order_id)?.out_trade_no).toBe(codeTrade);
    const { res } = await refundAndWait(order.order_id, 3000);
    expect(res.status).toBe(202);
    expect(s.fake.callsTo('alipay.trade.refund').map((c) => c.biz['out_trade_no'])).toEqual([codeTrade]);
    expect([s.fake.trade(codeTrade)?.refundedFen, s.fake.trade(order.order_id)?.refundedFen]).toEqual([3000, 0]);
  });

  it('executes through alipay.trade.refund with out_request_no = refund id: accepted → succeeded', async () => {
    const order = await registerOrder(s, 5000);
    const paid = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/charge-code`, {
      auth_code: ALIPAY_CODE,
    });
    expect(paid.status).toBe(200);
    await waitForStatus(s, order.order_id, 'paid');

    const { res, refundId } = await refundAndWait(order.order_id, 2000);
    expect(res.status).toBe(202);
    expect(refundReply.parse(res.json).refund.status).toBe('accepted');
    expect(await refundStates(refundId)).toEqual(['accepted', 'succeeded']);
    const calls = s.fake.callsTo('alipay.trade.refund');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.biz).toMatchObject({
      out_trade_no: order.order_id,
      out_request_no: refundId,
      refund_amount: '20.00',
    });
    expect(s.fake.trade(order.order_id)?.refundedFen).toBe(2000);

    // The gateway's statement carries the payment with its fee (0.38%) and the refund by its id, with the fee it returns.
    const now = s.t.clock.now();
    const stmt = await signedFetch(s.t, s.terminal, 'GET', `/v1/statement?from_ms=${now - 3_600_000}&to_ms=${now + 1}`);
    const { entries, next_after } = statementReply.parse(stmt.json);
    expect(next_after).toBeNull();
    expect(entries.map((e) => [e.kind, e.order_id, e.refund_no, e.amount_minor, e.fee_minor])).toEqual([
      ['payment', order.order_id, null, 5000, 19],
      ['refund', order.order_id, refundId, 2000, 8], // 20.00 × 0.38 % returns 0.076 → 0.08
    ]);
    // a page of one entry still holds the whole order; nothing is split or lost
    const one = await signedFetch(
      s.t,
      s.terminal,
      'GET',
      `/v1/statement?from_ms=${now - 3_600_000}&to_ms=${now + 1}&limit=1`,
    );
    expect(statementReply.parse(one.json).entries).toHaveLength(2);
  });

  it('an unclear first answer is retried with the same out_request_no and refunds once', async () => {
    const order = await registerOrder(s, 3000);
    await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/charge-code`, { auth_code: ALIPAY_CODE });
    await waitForStatus(s, order.order_id, 'paid');
    s.fake.dropResponsesTo('alipay.trade.refund', 1);
    const refundId = newId();
    await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/refunds`, {
      refund_id: refundId,
      amount_minor: 3000,
      currency: 'CNY',
      reason: 'returned',
    });
    const until = performance.now() + 15_000;
    while (!(await refundStates(refundId)).includes('succeeded')) {
      if (performance.now() > until) throw new Error('refund never succeeded');
      await new Promise((r) => setTimeout(r, 30));
    }
    const ids = s.fake.callsTo('alipay.trade.refund').map((c) => (c.biz as { out_request_no: string }).out_request_no);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids)).toEqual(new Set([refundId]));
    expect(s.fake.trade(order.order_id)?.refundedFen).toBe(3000);
  });
});
