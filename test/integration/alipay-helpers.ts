/** A gateway configured for Alipay, pointed at the fake Alipay on loopback. */
import { orderReply, type GatewayOrder } from '../../src-shared/protocol/gateway';
import { startFakeAlipay, type FakeAlipay } from '../support/fake-alipay/server';
import { pairTerminal, signedFetch, startTestGateway, type TestGateway, type Terminal } from './gateway-helpers';

export interface AlipayStack {
  readonly fake: FakeAlipay;
  readonly t: TestGateway;
  readonly terminal: Terminal;
  stop(): Promise<void>;
}

export async function startAlipayStack(seed = 'alipay-test'): Promise<AlipayStack> {
  const fake = await startFakeAlipay();
  const t = await startTestGateway(
    {
      alipay: {
        appId: fake.appId,
        privateKey: fake.merchantKeys.privatePem,
        alipayPublicKey: fake.alipayKeys.publicPem,
        gatewayUrl: fake.gatewayUrl,
        sellerId: fake.sellerId,
      },
      providerPollIntervalMs: 10,
    },
    seed,
  );
  const terminal = await pairTerminal(t);
  return {
    fake,
    t,
    terminal,
    stop: async () => {
      await t.stop();
      await fake.close();
    },
  };
}

export async function registerOrder(s: AlipayStack, amountMinor: number, ttlMs = 300_000): Promise<GatewayOrder> {
  const now = s.t.clock.now();
  const res = await signedFetch(s.t, s.terminal, 'POST', '/v1/orders', {
    order_id: s.t.nextOrderId(),
    amount_minor: amountMinor,
    currency: 'CNY',
    created_at_ms: now,
    expires_at_ms: now + ttlMs,
    note: '',
  });
  if (res.status !== 200) throw new Error(`register failed: ${res.status}`);
  return orderReply.parse(res.json).order;
}

export async function orderStatus(s: AlipayStack, orderId: string): Promise<GatewayOrder> {
  const res = await signedFetch(s.t, s.terminal, 'GET', `/v1/orders/${orderId}`);
  return orderReply.parse(res.json).order;
}

/** Polls (no sleeps beyond a short yield) until the order reaches a status or the deadline passes. */
export async function waitForStatus(
  s: AlipayStack,
  orderId: string,
  status: string,
  deadlineMs = 5_000,
): Promise<GatewayOrder> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    const order = await orderStatus(s, orderId);
    if (order.status === status) return order;
    if (performance.now() > until) throw new Error(`order ${orderId} stayed ${order.status}, wanted ${status}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
