import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORT } from '../../src-shared/api';
import { ok } from '../../src-shared/result';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browser-host';
import type { Dispatch } from '../../src-main/host/dispatch';
import { EventBus } from '../../src-main/orders/events';

const TOKEN = 'a'.repeat(43);

describe('the browser host under a client that misbehaves', () => {
  let host: BrowserHost | null = null;
  let dir = '';
  afterEach(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(dispatch: Dispatch): Promise<{ base: string; invoke: (body: string) => Promise<Response> }> {
    dir = mkdtempSync(join(tmpdir(), 'pos-host-'));
    writeFileSync(join(dir, 'index.html'), '<html><head></head><body></body></html>');
    host = await startBrowserHost({ dispatch, events: new EventBus(), rendererDir: dir, token: TOKEN, port: 0 });
    const base = host.url.replace(/\/$/, '');
    const invoke = (body: string) =>
      fetch(`${base}${TRANSPORT.httpInvoke}`, {
        method: 'POST',
        headers: { [TRANSPORT.tokenHeader]: TOKEN, 'content-type': 'application/json' },
        body,
      });
    return { base, invoke };
  }

  it('keeps serving after a client hangs up halfway through its request, and runs nothing of it', async () => {
    const calls: unknown[] = [];
    const { base, invoke } = await start(async (name) => {
      calls.push(name);
      return ok('fine');
    });
    const { port } = new URL(base);
    await new Promise<void>((done) => {
      const s = connect(Number(port), '127.0.0.1', () => {
        s.write(
          `POST ${TRANSPORT.httpInvoke} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${TRANSPORT.tokenHeader}: ${TOKEN}\r\n` +
            'content-length: 1000\r\n\r\n{"name":',
        );
        setTimeout(() => {
          s.destroy();
          done();
        }, 50);
      });
    });
    await new Promise((d) => setTimeout(d, 50)); // the server sees the reset
    expect(calls).toEqual([]);
    const r = await invoke(JSON.stringify({ name: 'orders.today', args: {} }));
    expect(await r.json()).toEqual({ ok: true, value: 'fine' });
    expect(calls).toEqual(['orders.today']);
  });

  it('answers 500 when a handler throws, and keeps serving', async () => {
    let fail = true;
    const { invoke } = await start(async () => {
      if (fail) throw new Error('a bug');
      return ok('fine');
    });
    const r = await invoke(JSON.stringify({ name: 'x', args: {} }));
    expect(r.status).toBe(500);
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
    fail = false;
    expect(await (await invoke(JSON.stringify({ name: 'x', args: {} }))).json()).toEqual({ ok: true, value: 'fine' });
  });
});
