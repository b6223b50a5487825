import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSse, SSE_EVENT_CHARS_MAX, SSE_OPEN_TIMEOUT_MS, type SseEvent } from '../../src-main/sync/sse-client';
import { testTls } from '../support/tls';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(s: Server): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

const stream =
  (write: (res: ServerResponse) => void): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    write(res);
  };

/** Opens a stream and records what the handlers hear, until it closes. */
function open(url: string) {
  const events: SseEvent[] = [];
  let opened = false;
  let closedSync = true;
  const closed = new Promise<{ reason: string; status: number | null; sync: boolean }>((resolve) => {
    const close = openSse(
      url,
      { 'x-test': '1' },
      {
        onOpen: () => (opened = true),
        onEvent: (e) => events.push(e),
        onActivity: () => undefined,
        onClose: (reason, status) => resolve({ reason, status, sync: closedSync }),
      },
    );
    closedSync = false;
    void close;
  });
  return { events, closed, isOpen: () => opened };
}

describe('openSse', () => {
  it('reads events (id, event name, several data lines) over plain HTTP', async () => {
    const port = await listen(
      createHttp(
        stream((res) => {
          res.write(': heartbeat\n\nid: 7\nevent: change\ndata: {"a":\ndata: 1}\nsig: ab12\n\n');
          res.end('data: last\r\n\r\n');
        }),
      ),
    );
    const s = open(`http://127.0.0.1:${port}/v1/changes/stream`);
    expect(await s.closed).toMatchObject({ reason: 'stream ended', status: 200 });
    expect(s.isOpen()).toBe(true);
    expect(s.events).toEqual([
      { id: '7', event: 'change', data: '{"a":\n1}', sig: 'ab12' },
      { id: '7', event: 'message', data: 'last', sig: null },
    ]);
  });

  it('reads the stream of a gateway behind HTTPS', async () => {
    const port = await listen(
      createHttps(
        testTls(),
        stream((res) => res.end('event: change\ndata: ok\n\n')),
      ),
    );
    const before = globalAgent.options.ca;
    globalAgent.options.ca = testTls().cert; // this process trusts the test certificate
    try {
      const s = open(`https://127.0.0.1:${port}/v1/changes/stream`);
      expect(await s.closed).toMatchObject({ reason: 'stream ended', status: 200 });
      expect(s.events).toEqual([{ id: null, event: 'change', data: 'ok', sig: null }]);
    } finally {
      globalAgent.options.ca = before;
    }
  });

  it('an address it cannot open is told through onClose, after openSse returned, not thrown', async () => {
    const s = open('ftp://127.0.0.1/v1/changes/stream');
    const closed = await s.closed;
    expect(closed).toMatchObject({ status: null, sync: false });
    expect(closed.reason).toContain('ftp:');
  });

  it('a refused stream reports its HTTP status', async () => {
    const port = await listen(
      createHttp((_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{}');
      }),
    );
    expect(await open(`http://127.0.0.1:${port}/`).closed).toMatchObject({ reason: 'HTTP 401', status: 401 });
  });

  it('drops a stream whose one event grows past the limit (endless data lines)', async () => {
    const line = `data: ${'x'.repeat(64 * 1024)}\n`;
    const port = await listen(
      createHttp(
        stream((res) => {
          for (let sent = 0; sent <= SSE_EVENT_CHARS_MAX + line.length; sent += line.length) res.write(line);
        }),
      ),
    );
    const s = open(`http://127.0.0.1:${port}/`);
    expect(await s.closed).toMatchObject({ reason: 'event too large', status: null });
    expect(s.events).toEqual([]);
  });

  it('gives up on a gateway that accepts the connection and never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const port = await listen(createHttp(() => undefined));
    const s = open(`http://127.0.0.1:${port}/`);
    await vi.advanceTimersByTimeAsync(SSE_OPEN_TIMEOUT_MS - 1);
    let done = false;
    void s.closed.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await s.closed).toMatchObject({ reason: 'no answer', status: null });
    expect(s.isOpen()).toBe(false);
  });
});
