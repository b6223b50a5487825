/**
 * Merchant-presented QR through Alipay: a customer's scan creates the Alipay trade
 * (precreate, out_trade_no = order id, exact amount) and is redirected to Alipay's qr_code;
 * the async notify pays the order (verified, idempotent); a missed notify is caught by query;
 * every tampered notify is refused and changes nothing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAlipay } from '../support/fake-alipay/server';
import { changesReply } from '../../src-shared/protocol/gateway';
import { pairTerminal, signedFetch, signedQrUrl, startTestGateway } from './gateway-helpers';
import { orderStatus, registerOrder, startAlipayStack, waitForStatus, type AlipayStack } from './alipay-helpers';

describe('Alipay QR through the gateway', () => {
  let s: AlipayStack;
  beforeEach(async () => {
    s = await startAlipayStack();
  });
  afterEach(async () => {
    await s.stop();
  });

  async function scan(orderId: string, amountMinor: number, expiresAtMs: number): Promise<Response> {
    const url = signedQrUrl(s.terminal, { orderId, amountMinor, currency: 'CNY', expiresAtMs });
    return fetch(url, { redirect: 'manual' });
  }

  it('precreates the trade on scan, redirects to Alipay, and pays on the notify exactly once', async () => {
    const order = await registerOrder(s, 1234);
    const res = await scan(order.order_id, 1234, order.expires_at_ms);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^https:\/\/qr\.alipay\.com\/fake/);
    const [call] = s.fake.callsTo('alipay.trade.precreate');
    expect(call?.biz).toMatchObject({ out_trade_no: order.order_id, total_amount: '12.34' });
    // A second scan reuses the trade.
    expect((await scan(order.order_id, 1234, order.expires_at_ms)).headers.get('location')).toBe(
      res.headers.get('location'),
    );
    expect(s.fake.callsTo('alipay.trade.precreate')).toHaveLength(1);

    const notified = await s.fake.customerPays(order.order_id);
    expect(notified).toEqual({ status: 200, text: 'success' });
    const paid = await orderStatus(s, order.order_id);
    expect(paid).toMatchObject({
      status: 'paid',
      channel: 'alipay',
      provider_trade_no: s.fake.trade(order.order_id)!.tradeNo,
    });

    // A duplicate notify (same and new notify_id) is answered success and changes nothing.
    expect(await s.fake.notify({ outTradeNo: order.order_id })).toEqual({ status: 200, text: 'success' });
    const feed = changesReply.parse((await signedFetch(s.t, s.terminal, 'GET', '/v1/changes?after=0')).json);
    const payments = feed.changes.filter((c) => c.type === 'payment.succeeded');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ order_id: order.order_id, amount_minor: 1234, channel: 'alipay' });
  });

  it('finds a payment whose notify never came by querying', async () => {
    const order = await registerOrder(s, 500);
    await scan(order.order_id, 500, order.expires_at_ms);
    // Before the customer scans at Alipay, the query says "trade not exist": still awaiting.
    s.t.clock.advance(10_000);
    await waitForCalls(s, 'alipay.trade.query', 1);
    expect((await orderStatus(s, order.order_id)).status).toBe('awaiting_payment');
    await s.fake.customerPays(order.order_id, false);
    s.t.clock.advance(10_000);
    const paid = await waitForStatus(s, order.order_id, 'paid');
    expect(paid.channel).toBe('alipay');
  });

  it('cancelling the order cancels its Alipay trade after a last query', async () => {
    const order = await registerOrder(s, 900);
    await scan(order.order_id, 900, order.expires_at_ms);
    s.fake.customerScans(order.order_id);
    expect((await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/cancel`, {})).status).toBe(200);
    const until = performance.now() + 5_000;
    while (s.fake.trade(order.order_id)?.status !== 'TRADE_CLOSED') {
      if (performance.now() > until) throw new Error('the Alipay trade was not cancelled');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(s.fake.callsTo('alipay.trade.query')).toHaveLength(1);
    expect(s.fake.callsTo('alipay.trade.cancel')).toHaveLength(1);
  });

  it('refuses every tampered notify and changes nothing', async () => {
    const order = await registerOrder(s, 2000);
    await scan(order.order_id, 2000, order.expires_at_ms);
    s.fake.customerScans(order.order_id);
    const refuse = { status: 200, text: 'failure' };
    const paidFields = { trade_status: 'TRADE_SUCCESS' };
    const cases = [
      // forged by someone without Alipay's key
      { outTradeNo: order.order_id, fields: paidFields, signFields: true, forgedKey: true },
      // altered after Alipay signed it
      { outTradeNo: order.order_id, fields: paidFields },
      // signed, but for another merchant app
      { outTradeNo: order.order_id, fields: { ...paidFields, app_id: '2021000000009999' }, signFields: true },
      // signed, but another seller
      { outTradeNo: order.order_id, fields: { ...paidFields, seller_id: '2088000000000001' }, signFields: true },
      // signed, but a different amount
      { outTradeNo: order.order_id, fields: { ...paidFields, total_amount: '0.01' }, signFields: true },
      // signed, but an order nobody made
      {
        outTradeNo: order.order_id,
        fields: { ...paidFields, out_trade_no: '01J0000000000000000000UNKN' },
        signFields: true,
      },
    ];
    for (const c of cases) expect(await s.fake.notify(c)).toEqual(refuse);
    expect((await orderStatus(s, order.order_id)).status).toBe('awaiting_payment');
    const feed = changesReply.parse((await signedFetch(s.t, s.terminal, 'GET', '/v1/changes?after=0')).json);
    expect(feed.changes).toHaveLength(0);
    expect(s.t.logs.filter((l) => l.includes('alipay notify refused'))).toHaveLength(cases.length);
    expect(s.t.logs.join('\n')).not.toContain('BEGIN');
  });

  it('records a notify that arrives after the order expired (补单)', async () => {
    const order = await registerOrder(s, 800, 60_000);
    await scan(order.order_id, 800, order.expires_at_ms);
    s.t.clock.advance(61_000);
    await waitForStatus(s, order.order_id, 'expired');
    expect(await s.fake.customerPays(order.order_id)).toEqual({ status: 200, text: 'success' });
    expect((await orderStatus(s, order.order_id)).status).toBe('paid');
  });
});

async function waitForCalls(s: AlipayStack, method: string, n: number): Promise<void> {
  const until = performance.now() + 5_000;
  while (s.fake.callsTo(method).length < n) {
    if (performance.now() > until) throw new Error(`fewer than ${n} calls to ${method}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Alipay configuration at the gateway', () => {
  it('refuses to start with a key that does not parse, before touching the database', async () => {
    const fake = await startFakeAlipay();
    const dir = mkdtempSync(join(tmpdir(), 'pos-alipay-bad-'));
    const keyFile = join(dir, 'app.pem');
    writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nTOPSECRET\n-----END PRIVATE KEY-----\n');
    try {
      await expect(
        startTestGateway({
          dbPath: join(dir, 'gw.db'),
          alipay: { appId: fake.appId, privateKeyFile: keyFile, alipayPublicKey: fake.alipayKeys.publicPem },
        }),
      ).rejects.toThrow(/alipay: the app private key file .*app\.pem does not parse/);
      expect(existsSync(join(dir, 'gw.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await fake.close();
    }
  });

  it('does not trust an answer signed by anyone but Alipay', async () => {
    const fake = await startFakeAlipay();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    const t = await startTestGateway({
      alipay: {
        appId: fake.appId,
        privateKey: fake.merchantKeys.privatePem,
        alipayPublicKey: other.toString(),
        gatewayUrl: fake.gatewayUrl,
      },
    });
    try {
      const terminal = await pairTerminal(t);
      const orderId = t.nextOrderId();
      const url = signedQrUrl(terminal, {
        orderId,
        amountMinor: 100,
        currency: 'CNY',
        expiresAtMs: t.clock.now() + 60_000,
      });
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(429);
      expect(fake.callsTo('alipay.trade.precreate')).toHaveLength(1);
      expect(t.logs.join('\n')).toMatch(/precreate unknown/);
    } finally {
      await t.stop();
      await fake.close();
    }
  });
});
