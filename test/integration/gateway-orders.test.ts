import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesReply, GATEWAY_BODY_BYTES_MAX, orderReply } from '../../src-shared/protocol/gateway';
import {
  freshNonce,
  pairTerminal,
  signedFetch,
  signHeaders,
  startTestGateway,
  type TestGateway,
  type Terminal,
} from './gateway-helpers';

const TTL_MS = 120_000;

describe('gateway orders API', () => {
  let t: TestGateway;
  let terminal: Terminal;
  beforeEach(async () => {
    t = await startTestGateway();
    terminal = await pairTerminal(t);
  });
  afterEach(async () => {
    await t.stop();
  });

  const newOrder = (over: Record<string, unknown> = {}) => ({
    order_id: t.nextOrderId(),
    amount_minor: 1234,
    currency: 'CNY',
    created_at_ms: t.clock.now(),
    expires_at_ms: t.clock.now() + TTL_MS,
    note: 'two coffees',
    ...over,
  });

  it('registers an order idempotently and reads it back', async () => {
    const req = newOrder();
    const first = await signedFetch(t, terminal, 'POST', '/v1/orders', req);
    expect(first.status).toBe(200);
    const { order } = orderReply.parse(first.json);
    expect(order).toMatchObject({
      order_id: req.order_id,
      terminal_id: terminal.id,
      amount_minor: 1234,
      status: 'awaiting_payment',
      created_by_scan: false,
      paid_at_ms: null,
    });
    const again = await signedFetch(t, terminal, 'POST', '/v1/orders', req);
    expect(again.status).toBe(200);
    expect(orderReply.parse(again.json).order).toEqual(order);

    const got = await signedFetch(t, terminal, 'GET', `/v1/orders/${req.order_id}`);
    expect(got.status).toBe(200);
    expect(orderReply.parse(got.json).order).toEqual(order);
  });

  it('answers 409 for the same id with other details or from another terminal', async () => {
    const req = newOrder();
    expect((await signedFetch(t, terminal, 'POST', '/v1/orders', req)).status).toBe(200);
    for (const change of [{ amount_minor: 1235 }, { expires_at_ms: req.expires_at_ms + 1 }]) {
      const res = await signedFetch(t, terminal, 'POST', '/v1/orders', { ...req, ...change });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ error: { code: 'order_conflict' } });
    }
    const other = await pairTerminal(t, 'Counter 2');
    const res = await signedFetch(t, other, 'POST', '/v1/orders', req);
    expect(res.status).toBe(409);
    // The other terminal cannot read or cancel it either.
    expect((await signedFetch(t, other, 'GET', `/v1/orders/${req.order_id}`)).status).toBe(404);
    expect((await signedFetch(t, other, 'POST', `/v1/orders/${req.order_id}/cancel`, {})).status).toBe(404);
  });

  it('refuses invalid orders with 400', async () => {
    const cases = [
      newOrder({ amount_minor: 0 }),
      newOrder({ amount_minor: 12.5 }),
      newOrder({ order_id: 'not-a-ulid' }),
      newOrder({ currency: 'EUR' }),
      newOrder({ currency: 'USD' }),
      newOrder({ note: 'x'.repeat(121) }),
      newOrder({ extra: true }),
      newOrder({ expires_at_ms: t.clock.now() - 1 }),
      // dated days ahead (a terminal's clock): it would stay payable here for days
      newOrder({
        created_at_ms: t.clock.now() + 10 * 86_400_000,
        expires_at_ms: t.clock.now() + 10 * 86_400_000 + TTL_MS,
      }),
    ];
    for (const body of cases) {
      const res = await signedFetch(t, terminal, 'POST', '/v1/orders', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('reports an awaiting order past its expiry as expired', async () => {
    const req = newOrder();
    await signedFetch(t, terminal, 'POST', '/v1/orders', req);
    t.clock.advance(TTL_MS - 1);
    let res = await signedFetch(t, terminal, 'GET', `/v1/orders/${req.order_id}`);
    expect(orderReply.parse(res.json).order.status).toBe('awaiting_payment');
    t.clock.advance(1);
    res = await signedFetch(t, terminal, 'GET', `/v1/orders/${req.order_id}`);
    expect(orderReply.parse(res.json).order.status).toBe('expired');
  });

  it('answers 404 for an unknown order and an unknown path', async () => {
    expect((await signedFetch(t, terminal, 'GET', `/v1/orders/${t.nextOrderId()}`)).status).toBe(404);
    const res = await fetch(`${t.url}/v1/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('cancels an awaiting order once and reports it in the change feed', async () => {
    const req = newOrder();
    await signedFetch(t, terminal, 'POST', '/v1/orders', req);
    const res = await signedFetch(t, terminal, 'POST', `/v1/orders/${req.order_id}/cancel`, {});
    expect(res.status).toBe(200);
    expect(orderReply.parse(res.json).order.status).toBe('cancelled');
    const again = await signedFetch(t, terminal, 'POST', `/v1/orders/${req.order_id}/cancel`, {});
    expect(orderReply.parse(again.json).order.status).toBe('cancelled');

    const feed = changesReply.parse((await signedFetch(t, terminal, 'GET', '/v1/changes?after=0')).json);
    expect(feed.changes).toHaveLength(1);
    expect(feed.changes[0]).toMatchObject({ type: 'order.closed', order_id: req.order_id, status: 'cancelled' });
    expect((await signedFetch(t, terminal, 'POST', `/v1/orders/${t.nextOrderId()}/cancel`, {})).status).toBe(404);
  });

  it('leaves an expired order unchanged on cancel', async () => {
    const req = newOrder();
    await signedFetch(t, terminal, 'POST', '/v1/orders', req);
    t.clock.advance(TTL_MS);
    const res = await signedFetch(t, terminal, 'POST', `/v1/orders/${req.order_id}/cancel`, {});
    expect(res.status).toBe(200);
    expect(orderReply.parse(res.json).order.status).toBe('expired');
  });

  it('pages the change feed with a cursor, only for the asking terminal', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const req = newOrder();
      ids.push(req.order_id);
      await signedFetch(t, terminal, 'POST', '/v1/orders', req);
      await signedFetch(t, terminal, 'POST', `/v1/orders/${req.order_id}/cancel`, {});
    }
    const page1 = changesReply.parse((await signedFetch(t, terminal, 'GET', '/v1/changes?after=0&limit=2')).json);
    expect(page1.changes.map((c) => ('order_id' in c ? c.order_id : null))).toEqual(ids.slice(0, 2));
    expect(page1.more).toBe(true);
    const page2 = changesReply.parse(
      (await signedFetch(t, terminal, 'GET', `/v1/changes?after=${page1.cursor}&limit=3`)).json,
    );
    expect(page2.changes.map((c) => ('order_id' in c ? c.order_id : null))).toEqual(ids.slice(2));
    expect(page2.more).toBe(false);
    const empty = changesReply.parse((await signedFetch(t, terminal, 'GET', `/v1/changes?after=${page2.cursor}`)).json);
    expect(empty).toEqual({ changes: [], cursor: page2.cursor, more: false });

    const other = await pairTerminal(t, 'Counter 2');
    const theirs = changesReply.parse((await signedFetch(t, other, 'GET', '/v1/changes')).json);
    expect(theirs.changes).toEqual([]);
    // the feed's head is one sequence for all terminals: what a console compares its cursor with
    for (const who of [terminal, other]) {
      expect((await signedFetch(t, who, 'GET', '/v1/changes/head')).json).toEqual({ head: page2.cursor });
    }
    expect((await signedFetch(t, terminal, 'GET', '/v1/changes/head?x=1')).status).toBe(400);
    expect((await fetch(`${t.url}/v1/changes/head`)).status).toBe(401); // signed, as every terminal call

    for (const bad of ['?after=-1', '?limit=0', '?limit=501', '?after=abc', '?after=1&after=2', '?x=1']) {
      expect((await signedFetch(t, terminal, 'GET', `/v1/changes${bad}`)).status, bad).toBe(400);
    }
  });

  describe('request signing', () => {
    it('refuses an unsigned request with 401', async () => {
      const res = await fetch(`${t.url}/v1/orders`, { method: 'POST', body: JSON.stringify(newOrder()) });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    });

    it('refuses a tampered body, a stale timestamp, a reused nonce and an unknown terminal', async () => {
      const req = newOrder();
      const text = JSON.stringify(req);
      const headers = signHeaders(terminal, 'POST', '/v1/orders', text, t.clock.now());
      const tampered = await fetch(`${t.url}/v1/orders`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...req, amount_minor: 1 }),
      });
      expect(tampered.status).toBe(401);
      expect(await tampered.json()).toMatchObject({ error: { code: 'signature_invalid' } });

      const stale = await signedFetch(t, terminal, 'GET', '/v1/changes', undefined, {
        timestampMs: t.clock.now() - 301_000,
      });
      expect(stale.json).toMatchObject({ error: { code: 'request_stale' } });
      const future = await signedFetch(t, terminal, 'GET', '/v1/changes', undefined, {
        timestampMs: t.clock.now() + 301_000,
      });
      expect(future.json).toMatchObject({ error: { code: 'request_stale' } });

      const nonce = freshNonce();
      expect((await signedFetch(t, terminal, 'GET', '/v1/changes', undefined, { nonce })).status).toBe(200);
      const replay = await signedFetch(t, terminal, 'GET', '/v1/changes', undefined, { nonce });
      expect(replay.status).toBe(401);
      expect(replay.json).toMatchObject({ error: { code: 'nonce_reused' } });

      const stranger = { id: 'T0000000000'.slice(0, 10), secret: terminal.secret, publicUrl: '' };
      const unknown = await signedFetch(t, stranger, 'GET', '/v1/changes');
      expect(unknown.json).toMatchObject({ error: { code: 'terminal_unknown' } });
    });

    it('refuses a signature made with another terminal’s secret', async () => {
      const other = await pairTerminal(t, 'Counter 2');
      const forged = { ...terminal, secret: other.secret };
      const res = await signedFetch(t, forged, 'GET', '/v1/changes');
      expect(res.json).toMatchObject({ error: { code: 'signature_invalid' } });
    });
  });

  describe('bodies', () => {
    it('answers 400 for malformed JSON', async () => {
      const res = await signedFetch(t, terminal, 'POST', '/v1/orders', '{"order_id":');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_argument' } });
      const cancel = await signedFetch(t, terminal, 'POST', `/v1/orders/${t.nextOrderId()}/cancel`, '{"x":1}');
      expect(cancel.status).toBe(400);
    });

    it('answers 413 for a body above the limit, declared or streamed', async () => {
      const big = JSON.stringify({ note: 'x'.repeat(GATEWAY_BODY_BYTES_MAX) });
      const res = await signedFetch(t, terminal, 'POST', '/v1/orders', big);
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ error: { code: 'payload_too_large' } });

      const chunks = [new TextEncoder().encode(big)];
      const streamed = await fetch(`${t.url}/v1/orders`, {
        method: 'POST',
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      // The server is still fine afterwards.
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    });

    it('answers 405 for a wrong method on a known path', async () => {
      const res = await fetch(`${t.url}/v1/orders`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    });
  });
});
