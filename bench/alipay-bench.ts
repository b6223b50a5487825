/**
 * The Alipay provider's cost at the gateway, against the fake Alipay on loopback: a payment
 * code charged end to end (request signed with the app key, answer's signature checked), and
 * an async notify handled (signature verified, order paid, `success`). Baseline in the same
 * run: a signed terminal GET of an order (HMAC only, no RSA).
 */
import { performance } from 'node:perf_hooks';
import { signedFetch, signedQrUrl } from '../test/integration/gateway-helpers';
import { registerOrder, startAlipayStack } from '../test/integration/alipay-helpers';
import { summarize } from './stats';

export interface AlipayBenchResult {
  signedGetMs: ReturnType<typeof summarize>;
  chargeCodeMs: ReturnType<typeof summarize>;
  notifyMs: ReturnType<typeof summarize>;
}

export async function benchAlipay(n = 200): Promise<AlipayBenchResult> {
  const s = await startAlipayStack('alipay-bench');
  try {
    const get: number[] = [];
    const charge: number[] = [];
    const notify: number[] = [];
    for (let i = 0; i < n; i++) {
      // The terminal's rate limit refills on the gateway's (manual) clock.
      s.t.clock.advance(1_000);
      const order = await registerOrder(s, 100 + i);
      let t0 = performance.now();
      await signedFetch(s.t, s.terminal, 'GET', `/v1/orders/${order.order_id}`);
      get.push(performance.now() - t0);

      t0 = performance.now();
      const r = await signedFetch(s.t, s.terminal, 'POST', `/v1/orders/${order.order_id}/charge-code`, {
        auth_code: `28${String(4567890123456789 + i).padStart(16, '0')}`,
      });
      charge.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`charge failed: ${JSON.stringify(r.json)}`);

      const qrOrder = await registerOrder(s, 200 + i);
      // The customer's scan creates the Alipay trade (precreate); not timed.
      await fetch(
        signedQrUrl(s.terminal, {
          orderId: qrOrder.order_id,
          amountMinor: qrOrder.amount_minor,
          currency: 'CNY',
          expiresAtMs: qrOrder.expires_at_ms,
        }),
        { redirect: 'manual' },
      );
      t0 = performance.now();
      const answer = await s.fake.customerPays(qrOrder.order_id);
      notify.push(performance.now() - t0);
      if (answer?.text !== 'success') throw new Error(`notify answered ${answer?.text}`);
    }
    return { signedGetMs: summarize(get), chargeCodeMs: summarize(charge), notifyMs: summarize(notify) };
  } finally {
    await s.stop();
  }
}
