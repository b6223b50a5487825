/**
 * The customer's payment code through the gateway to alipay.trade.pay (scene bar_code):
 * immediate success, 10003 "user paying" polled to success, never confirmed → cancelled,
 * refused codes; then refunds (out_request_no reused on retry) and the bill download.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chargeReply } from '../../src-shared/protocol/charge';
import { changesReply } from '../../src-shared/protocol/gateway';
import { signedFetch } from './gateway-helpers';
import { orderStatus, registerOrder, startAlipayStack, type AlipayStack } from './alipay-helpers';

const ALIPAY_CODE = '284567890123456789';

describe('Alipay payment codes through the gateway', () => {
  let s: AlipayStack;
  beforeEach(async () => {
    s = await startAlipayStack();
  });
  afterEach(async () => {
    await s.stop();
  });

  const charge = async (orderId: string, code: string) => {
    const res = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${orderId}/charge-code`, { auth_code: code });
    return { status: res.status, json: res.json as { charge?: unknown; error?: { code: string } } };
  };
  const chargeState = async (orderId: string) => {
    const res = await signedFetch(s.t, s.terminal, 'GET', `/v1/orders/${orderId}/charge`);
    if (res.status !== 200) throw new Error(`charge state: ${res.status} ${JSON.stringify(res.json)}`);
    return chargeReply.parse(res.json).charge;
  };

  async function waitForCharge(orderId: string, state: string): Promise<void> {
    const until = performance.now() + 5_000;
    while ((await chargeState(orderId))?.state !== state) {
      if (performance.now() > until) throw new Error(`charge never became ${state}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  it('charges a code that pays at once, with the order id as out_trade_no and the exact amount', async () => {
    const order = await registerOrder(s, 1999);
    const res = await charge(order.order_id, ALIPAY_CODE);
    expect(res.status).toBe(200);
    expect(chargeReply.parse(res.json).charge).toMatchObject({ state: 'paid', out_trade_no: order.order_id });
    expect(s.fake.callsTo('alipay.trade.pay')[0]?.biz).toMatchObject({
      out_trade_no: order.order_id,
      scene: 'bar_code',
      auth_code: ALIPAY_CODE,
      total_amount: '19.99',
    });
    expect(await orderStatus(s, order.order_id)).toMatchObject({ status: 'paid', channel: 'alipay' });
    expect(s.t.logs.join('\n')).not.toContain(ALIPAY_CODE);
  });

  it('waits while the customer confirms (10003), querying every 5 s, then is paid', async () => {
    s.fake.scriptPay(ALIPAY_CODE, { kind: 'paying', queriesUntilPaid: 2 });
    const order = await registerOrder(s, 4200);
    const res = await charge(order.order_id, ALIPAY_CODE);
    expect(chargeReply.parse(res.json).charge).toMatchObject({ state: 'paying' });
    // Nothing is asked before 5 s have passed.
    expect(s.fake.callsTo('alipay.trade.query')).toHaveLength(0);
    orderIdOf.current = order.order_id;
    s.t.clock.advance(5_000);
    await waitForChargeQueries(1);
    expect((await chargeState(order.order_id))?.state).toBe('paying');
    s.t.clock.advance(5_000);
    await waitForCharge(order.order_id, 'paid');
    expect(s.fake.callsTo('alipay.trade.query')).toHaveLength(2);
    const feed = changesReply.parse((await signedFetch(s.t, s.terminal, 'GET', '/v1/changes?after=0')).json);
    expect(feed.changes.filter((c) => c.type === 'payment.succeeded')).toHaveLength(1);
  });

  async function waitForChargeQueries(n: number): Promise<void> {
    const until = performance.now() + 5_000;
    while (((await chargeState(orderIdOf.current))?.queries ?? 0) < n) {
      if (performance.now() > until) throw new Error(`fewer than ${n} queries applied`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }
  const orderIdOf = { current: '' };

  it('cancels the trade when the customer never confirms within 60 s', async () => {
    s.fake.scriptPay(ALIPAY_CODE, { kind: 'paying_forever' });
    const order = await registerOrder(s, 300);
    orderIdOf.current = order.order_id;
    await charge(order.order_id, ALIPAY_CODE);
    for (let i = 1; i <= 11; i++) {
      s.t.clock.advance(5_000);
      await waitForChargeQueries(i);
      expect((await chargeState(order.order_id))?.state).toBe('paying');
    }
    // At 60 s: one last query, then the cancel.
    s.t.clock.advance(5_000);
    await waitForCharge(order.order_id, 'cancelled');
    expect(s.fake.callsTo('alipay.trade.query')).toHaveLength(12);
    expect(await chargeState(order.order_id)).toMatchObject({ state: 'cancelled', failure: 'timeout' });
    expect(s.fake.callsTo('alipay.trade.cancel')).toHaveLength(1);
    expect(s.fake.trade(order.order_id)?.status).toBe('TRADE_CLOSED');
    // A stale success notify for the cancelled trade does not pay the order (the cancel refunds).
    expect(
      await s.fake.notify({ outTradeNo: order.order_id, fields: { trade_status: 'TRADE_SUCCESS' }, signFields: true }),
    ).toEqual({
      status: 200,
      text: 'success',
    });
    // The order stays payable: a new code gets a new out_trade_no.
    expect((await orderStatus(s, order.order_id)).status).toBe('awaiting_payment');
    const retry = await charge(order.order_id, '284567890123456780');
    expect(chargeReply.parse(retry.json).charge).toMatchObject({ state: 'paid', out_trade_no: `${order.order_id}_2` });
  });

  it('stops at the cashier request: last query, then cancel', async () => {
    s.fake.scriptPay(ALIPAY_CODE, { kind: 'paying_forever' });
    const order = await registerOrder(s, 300);
    await charge(order.order_id, ALIPAY_CODE);
    await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/charge/stop`, {});
    await waitForCharge(order.order_id, 'cancelled');
    expect(s.fake.callsTo('alipay.trade.query')).toHaveLength(1);
    expect(s.fake.callsTo('alipay.trade.cancel')).toHaveLength(1);
  });

  it('cancelling the order while the customer confirms cancels the Alipay trade too', async () => {
    s.fake.scriptPay(ALIPAY_CODE, { kind: 'paying_forever' });
    const order = await registerOrder(s, 300);
    await charge(order.order_id, ALIPAY_CODE);
    const cancelled = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    await waitForCharge(order.order_id, 'cancelled');
    expect(s.fake.trade(order.order_id)?.status).toBe('TRADE_CLOSED');
  });

  it('refuses malformed codes, other wallets and declined payments; nothing is charged twice', async () => {
    const order = await registerOrder(s, 100);
    for (const bad of ['12345', '99' + '1'.repeat(16), 'abc', '2'.repeat(30)]) {
      const res = await charge(order.order_id, bad);
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe('payment_code_malformed');
    }
    const wechat = await charge(order.order_id, '134567890123456789');
    expect(wechat.json.error?.code).toBe('payment_code_wallet_unsupported');
    expect(s.fake.callsTo('alipay.trade.pay')).toHaveLength(0);

    s.fake.scriptPay(ALIPAY_CODE, { kind: 'fail', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH' });
    const declined = await charge(order.order_id, ALIPAY_CODE);
    expect(chargeReply.parse(declined.json).charge).toMatchObject({ state: 'failed' });
    expect(chargeReply.parse(declined.json).charge?.failure).toContain('ACQ.BUYER_BALANCE_NOT_ENOUGH');
    expect((await orderStatus(s, order.order_id)).status).toBe('awaiting_payment');

    const ok = await charge(order.order_id, '284567890123456780');
    expect(chargeReply.parse(ok.json).charge?.state).toBe('paid');
    const again = await charge(order.order_id, '284567890123456781');
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('charge_not_allowed');
  });

  it('refunds once when the first answer is lost and the retry reuses out_request_no', async () => {
    const order = await registerOrder(s, 5000);
    await charge(order.order_id, ALIPAY_CODE);
    const refunds = s.t.gw.alipay!.refunds;
    const trade = refunds.paidTradeOf(order.order_id)!;
    expect(trade.out_trade_no).toBe(order.order_id);

    // The SDK's HTTP client retries once on a socket error: lose both answers.
    s.fake.dropResponsesTo('alipay.trade.refund', 2);
    const first = await refunds.refund(trade.out_trade_no, 'R1', 2000, 'customer changed mind');
    expect(first.ok && first.value.state).toBe('pending');
    const retry = await refunds.refund(trade.out_trade_no, 'R1', 2000);
    // Alipay answers a repeated out_request_no with fund_change=N; the refund query confirms it.
    expect(retry.ok && retry.value.state).toBe('succeeded');
    expect(s.fake.callsTo('alipay.trade.refund')).toHaveLength(3);
    expect(s.fake.callsTo('alipay.trade.fastpay.refund.query')).toHaveLength(1);
    expect(s.fake.trade(order.order_id)?.refundedFen).toBe(2000);
    // Done is done: asking again calls nobody.
    const third = await refunds.refund(trade.out_trade_no, 'R1', 2000);
    expect(third.ok && third.value.state).toBe('succeeded');
    expect(s.fake.callsTo('alipay.trade.refund')).toHaveLength(3);
    // More than what is left is refused before Alipay hears of it.
    const tooMuch = await refunds.refund(trade.out_trade_no, 'R2', 3001);
    expect(tooMuch.ok ? 'ok' : tooMuch.error.code).toBe('invalid_argument');
    // A second refund of the trade waits 3 s after the last one (Alipay's rule).
    const tooSoon = await refunds.refund(trade.out_trade_no, 'R2', 3000);
    expect(tooSoon.ok ? 'ok' : tooSoon.error.code).toBe('rate_limited');
    s.t.clock.advance(3_000);
    const rest = await refunds.refund(trade.out_trade_no, 'R2', 3000);
    expect(rest.ok && rest.value.state).toBe('succeeded');
    expect(s.fake.trade(order.order_id)?.refundedFen).toBe(5000);
  });

  it('downloads the day’s trade bill once and serves the stored zip', async () => {
    const order = await registerOrder(s, 1234);
    await charge(order.order_id, ALIPAY_CODE);
    const zip = s.fake.setTradeBill('2026-04-30', [
      [
        '2026043022001400000001',
        order.order_id,
        '交易',
        '测试商户',
        '2026-04-30 10:00:00',
        '2026-04-30 10:00:05',
        '',
        '',
        '',
        '',
        '159****5620',
        '12.34',
        '12.34',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '',
        '0.00',
        '0.00',
        '',
        '-0.07',
        '0.00',
        '',
      ],
    ]);
    const path = '/v1/statements/alipay/trade/2026-04-30';
    const fetchZip = async () => {
      const { signHeaders } = await import('./gateway-helpers');
      const res = await fetch(`${s.t.url}${path}`, {
        headers: signHeaders(s.terminal, 'GET', path, '', s.t.clock.now()),
      });
      return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const first = await fetchZip();
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/zip');
    expect(first.bytes.equals(zip)).toBe(true);
    const second = await fetchZip();
    expect(second.bytes.equals(zip)).toBe(true);
    expect(s.fake.callsTo('alipay.data.dataservice.bill.downloadurl.query')).toHaveLength(1);
    expect(s.t.gw.alipay!.bills.stored('trade', '2026-04-30')?.sha256).toBe(
      createHash('sha256').update(zip).digest('hex'),
    );

    const missing = await signedFetch(s.t, s.terminal, 'GET', '/v1/statements/alipay/trade/2026-05-01');
    expect(missing.status).toBe(404);
    expect((missing.json as { error: { code: string } }).error.code).toBe('bill_not_available');
  });
});
