import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src-gateway/http/router';
import { sendJson } from '../../src-gateway/http/respond';
import { TERMINAL_BURST_MAX } from '../../src-gateway/limits';
import {
  openChangeStream,
  pairTerminal,
  signedFetch,
  startTestGateway,
  waitFor,
  type TestGateway,
} from './gateway-helpers';

describe('gateway dispatcher', () => {
  let server: Server;
  let url: string;
  const logged: string[] = [];
  beforeEach(async () => {
    const dispatch = createDispatcher(
      [
        {
          method: 'GET',
          pattern: /^\/sync-throw$/,
          handler: () => {
            throw new Error('sync bug');
          },
        },
        {
          method: 'GET',
          pattern: /^\/async-throw$/,
          handler: async () => {
            await Promise.resolve();
            throw new Error('async bug');
          },
        },
        { method: 'GET', pattern: /^\/ok\/(\d+)$/, handler: ({ res, params }) => sendJson(res, 200, { n: params[0] }) },
      ],
      { info: () => {}, error: (m, e) => logged.push(`${m} ${e instanceof Error ? e.stack : ''}`) },
    );
    server = createServer(dispatch);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('answers 500 internal for a bug, logs its stack, and keeps serving', async () => {
    for (const path of ['/sync-throw', '/async-throw']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    }
    expect(logged.join('\n')).toMatch(/sync bug\n\s+at /);
    expect(logged.join('\n')).toMatch(/async bug\n\s+at /);
    const ok = await fetch(`${url}/ok/7`);
    expect(await ok.json()).toEqual({ n: '7' });
  });

  it('answers 404 JSON for unknown paths and 400 for oversized targets', async () => {
    const res = await fetch(`${url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${url}/ok/${'1'.repeat(3000)}`)).status).toBe(400);
  });
});

describe('gateway limits on a running gateway', () => {
  let t: TestGateway;
  beforeEach(async () => {
    t = await startTestGateway({ ssePingIntervalMs: 60_000 });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('rate-limits a terminal beyond its burst, then lets it continue as tokens refill', async () => {
    const terminal = await pairTerminal(t);
    for (let i = 0; i < TERMINAL_BURST_MAX; i++) {
      expect((await signedFetch(t, terminal, 'GET', '/v1/changes')).status).toBe(200);
    }
    const limited = await signedFetch(t, terminal, 'GET', '/v1/changes');
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ error: { code: 'rate_limited' } });
    const other = await pairTerminal(t, 'Counter 2');
    expect((await signedFetch(t, other, 'GET', '/v1/changes')).status).toBe(200);
    t.clock.advance(1_000);
    expect((await signedFetch(t, terminal, 'GET', '/v1/changes')).status).toBe(200);
  });

  it('fails to start on a busy port, and refuses bad options before opening anything', async () => {
    const port = Number(new URL(t.url).port);
    await expect(startTestGateway({ port }, 'busy')).rejects.toThrow(/EADDRINUSE/);
    await expect(startTestGateway({ merchantName: '' }, 'bad')).rejects.toThrow(/merchant name/);
    await expect(startTestGateway({ publicUrl: 'ftp://x' }, 'bad')).rejects.toThrow(/public URL/);
  });

  it('ends live streams when their terminal is revoked and when the gateway closes', async () => {
    const a = await pairTerminal(t, 'A');
    const b = await pairTerminal(t, 'B');
    const streamA = await openChangeStream(t, a);
    const streamB = await openChangeStream(t, b);
    t.gw.revokeTerminal(a.id);
    await waitFor(() => streamA.ended, 'the revoked terminal’s stream to end');
    expect(streamB.ended).toBe(false);
    await t.gw.close();
    await waitFor(() => streamB.ended, 'the stream to end on close');
  });
});
