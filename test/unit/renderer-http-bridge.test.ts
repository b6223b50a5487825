import { describe, expect, it } from 'vitest';
import { TRANSPORT } from '../../src-shared/api/index';
import {
  createHttpBridge,
  type EventSourceLike,
  type FetchLike,
  type FetchResponseLike,
} from '../../src-renderer/transport/http-bridge';

const reply = (status: number, body: unknown): FetchResponseLike => ({
  ok: status < 400,
  status,
  json: () => (body === undefined ? Promise.reject(new Error('no json')) : Promise.resolve(body)),
});

class FakeEvents implements EventSourceLike {
  static opened: FakeEvents[] = [];
  listeners: ((ev: { data: unknown }) => void)[] = [];
  closed = false;
  constructor(readonly url: string) {
    FakeEvents.opened.push(this);
  }
  addEventListener(_type: 'message', l: (ev: { data: unknown }) => void): void {
    this.listeners.push(l);
  }
  close(): void {
    this.closed = true;
  }
  emit(data: unknown): void {
    for (const l of this.listeners) l({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
}

describe('HTTP bridge (browser host)', () => {
  it('POSTs {name, args} with the token header and returns the Result', async () => {
    const seen: { url: string; init: Parameters<FetchLike>[1] }[] = [];
    const fetchFn: FetchLike = (url, init) => {
      seen.push({ url, init });
      return Promise.resolve(reply(200, { ok: true, value: { entries: 3, ok: true } }));
    };
    const bridge = createHttpBridge('tok en', fetchFn, (u) => new FakeEvents(u));
    const r = await bridge.invoke('ledger.verify', {});
    expect(r).toEqual({ ok: true, value: { entries: 3, ok: true } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(TRANSPORT.httpInvoke);
    expect(seen[0]!.init.method).toBe('POST');
    expect(seen[0]!.init.headers[TRANSPORT.tokenHeader]).toBe('tok en');
    expect(seen[0]!.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.init.body)).toEqual({ name: 'ledger.verify', args: {} });
  });

  it('passes an error Result through, even with an HTTP error status', async () => {
    const body = { ok: false, error: { code: 'amount_zero', message: 'x' } };
    const bridge = createHttpBridge(
      't',
      () => Promise.resolve(reply(400, body)),
      (u) => new FakeEvents(u),
    );
    expect(await bridge.invoke('orders.create', { amount: '0' })).toEqual(body);
  });

  it('turns a network failure or a non-Result body into an internal error', async () => {
    const down = createHttpBridge(
      't',
      () => Promise.reject(new TypeError('Failed to fetch')),
      (u) => new FakeEvents(u),
    );
    const r1 = await down.invoke('app.info', {});
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.code).toBe('internal');

    const html = createHttpBridge(
      't',
      () => Promise.resolve(reply(502, undefined)),
      (u) => new FakeEvents(u),
    );
    const r2 = await html.invoke('app.info', {});
    expect(!r2.ok && r2.error.code).toBe('internal');

    const junk = createHttpBridge(
      't',
      () => Promise.resolve(reply(200, { hello: 1 })),
      (u) => new FakeEvents(u),
    );
    const r3 = await junk.invoke('app.info', {});
    expect(!r3.ok && r3.error.code).toBe('internal');
  });

  it('opens ONE event stream with the token and dispatches by event name', () => {
    FakeEvents.opened = [];
    const bridge = createHttpBridge(
      'a&b',
      () => Promise.reject(new Error('unused')),
      (u) => new FakeEvents(u),
    );
    const orders: unknown[] = [];
    const syncs: unknown[] = [];
    const offOrders = bridge.on('order.updated', (p) => orders.push(p));
    bridge.on('sync.status', (p) => syncs.push(p));
    expect(FakeEvents.opened).toHaveLength(1);
    const es = FakeEvents.opened[0]!;
    expect(es.url).toBe(`${TRANSPORT.httpEvents}?token=a%26b`);

    es.emit({ name: 'order.updated', payload: { id: 'x' } });
    es.emit({ name: 'sync.status', payload: { connectivity: 'offline' } });
    es.emit({ name: 'no.such.event', payload: 1 });
    es.emit('not json');
    expect(orders).toEqual([{ id: 'x' }]);
    expect(syncs).toEqual([{ connectivity: 'offline' }]);

    offOrders();
    es.emit({ name: 'order.updated', payload: { id: 'y' } });
    expect(orders).toEqual([{ id: 'x' }]);
  });

  it('keeps dispatching when one listener throws', () => {
    FakeEvents.opened = [];
    const bridge = createHttpBridge(
      't',
      () => Promise.reject(new Error('unused')),
      (u) => new FakeEvents(u),
    );
    const got: unknown[] = [];
    const origError = console.error;
    console.error = () => undefined;
    try {
      bridge.on('order.updated', () => {
        throw new Error('boom');
      });
      bridge.on('order.updated', (p) => got.push(p));
      FakeEvents.opened[0]!.emit({ name: 'order.updated', payload: 1 });
    } finally {
      console.error = origError;
    }
    expect(got).toEqual([1]);
  });
});
