/**
 * A trade survives a gateway restart: the row is written before Alipay is called, so a gateway
 * that stops while the customer is confirming picks the trade up again and settles it by query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chargeReply } from '../../src-shared/protocol/charge';
import { orderReply } from '../../src-shared/protocol/gateway';
import { startFakeAlipay, type FakeAlipay } from '../support/fake-alipay/server';
import { pairTerminal, signedFetch, startTestGateway, type TestGateway } from './gateway-helpers';

const CODE = '284567890123456789';

describe('Alipay trades across a gateway restart', () => {
  let dir = '';
  let fake: FakeAlipay | null = null;
  let gw: TestGateway | null = null;
  afterEach(async () => {
    await gw?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a payment confirmed while the gateway was down is found by query after it restarts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-alipay-restart-'));
    fake = await startFakeAlipay();
    const opts = {
      dbPath: join(dir, 'gateway.db'),
      providerPollIntervalMs: 10,
      alipay: {
        appId: fake.appId,
        privateKey: fake.merchantKeys.privatePem,
        alipayPublicKey: fake.alipayKeys.publicPem,
        gatewayUrl: fake.gatewayUrl,
      },
    };
    const first = await startTestGateway(opts);
    const terminal = await pairTerminal(first);
    const orderId = first.nextOrderId();
    const now = first.clock.now();
    await signedFetch(first, terminal, 'POST', '/v1/orders', {
      order_id: orderId,
      amount_minor: 1000,
      currency: 'CNY',
      created_at_ms: now,
      expires_at_ms: now + 300_000,
      note: '',
    });
    fake.scriptPay(CODE, { kind: 'paying', queriesUntilPaid: 1 });
    const charged = await signedFetch(first, terminal, 'POST', `/v1/orders/${orderId}/charge-code`, {
      auth_code: CODE,
    });
    expect(chargeReply.parse(charged.json).charge?.state).toBe('paying');
    await first.gw.close(); // the gateway stops; its files (in dir) stay
    rmSync(first.dir, { recursive: true, force: true });

    gw = await startTestGateway(opts);
    gw.clock.advance(5_000);
    const until = performance.now() + 5_000;
    for (;;) {
      const order = orderReply.parse((await signedFetch(gw, terminal, 'GET', `/v1/orders/${orderId}`)).json).order;
      if (order.status === 'paid') {
        expect(order.provider_trade_no).toBe(fake.trade(orderId)?.tradeNo);
        break;
      }
      if (performance.now() > until) throw new Error(`order stayed ${order.status}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
});
