import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src-main/app';
import { canonicalEvent, SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import type { Change } from '../../src-shared/protocol/gateway';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { waitFor, type ManualClock } from '../support/fixtures';

/**
 * Something on the shop's network answering in the gateway's place (plain http): its change
 * stream announces a payment. Unsigned, it moves nothing; signed with the terminal's secret over
 * the stream request's nonce (the real gateway), the order turns paid.
 */
let app: App;
let clock: ManualClock;
let cleanup: () => void;
let server: Server;
let signEvents = false;
let orderId = '';

beforeEach(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/changes/stream')) {
      const nonce = String(req.headers[SIGNATURE_HEADERS.nonce]);
      const change: Change = {
        change_id: 1,
        type: 'payment.succeeded',
        at_ms: clock.now(),
        order_id: orderId,
        amount_minor: 500,
        currency: 'CNY',
        channel: 'sandbox',
        provider_trade_no: 'SBXFORGED1',
        paid_at_ms: clock.now(),
      };
      const data = JSON.stringify(change);
      const sig = createHmac('sha256', TEST_PAIRING.secret).update(canonicalEvent(nonce, data)).digest('hex');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`id: 1\nevent: change\ndata: ${data}\n${signEvents ? `sig: ${sig}\n` : ''}\n`);
      return; // the stream stays open
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"no such path"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save({ ...TEST_PAIRING, gatewayUrl: url, publicUrl: url });
  const o = app.orders.create({ amount: '5' });
  if (!o.ok) throw new Error(o.error.code);
  orderId = o.value.id;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  cleanup();
  vi.restoreAllMocks();
});

describe('a change stream not from the gateway', () => {
  it('an unsigned payment event moves nothing, and the status names it', async () => {
    signEvents = false;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await app.start();
    await waitFor(() => app.sync.status().lastErrorCode === 'gateway_bad_reply', 'the forged event named', 10_000);
    expect(app.orders.get(orderId)).toMatchObject({ ok: true, value: { status: 'awaiting_payment' } });
    expect(app.journal.balance('sales', 'CNY')).toBe(0);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('without the gateway’s signature'));
  });

  it('the same event signed as the gateway signs it turns the order paid', async () => {
    signEvents = true;
    await app.start();
    await waitFor(() => app.orders.get(orderId).ok && app.journal.balance('sales', 'CNY') === -500, 'paid', 10_000);
    expect(app.orders.get(orderId)).toMatchObject({ ok: true, value: { status: 'paid' } });
  });
});
