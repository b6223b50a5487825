import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairResponse } from '../../src-shared/protocol/gateway';
import { PAIR_FAILURES_PER_IP_MAX, PAIRING_CODE_TTL_MS } from '../../src-gateway/limits';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import { pairTerminal, signedFetch, signHeaders, startTestGateway, type TestGateway } from './gateway-helpers';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

async function pair(t: TestGateway, code: string, name = 'Counter 1') {
  const res = await fetch(`${t.url}/v1/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    body: JSON.stringify({ code, terminal_name: name }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('gateway pairing', () => {
  let t: TestGateway;
  beforeEach(async () => {
    t = await startTestGateway();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('answers health checks', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('pairs once with the right code and refuses its reuse', async () => {
    const code = t.gw.issuePairingCode();
    expect(code).toMatch(/^\d{8}$/);
    const first = await pair(t, code);
    expect(first.status).toBe(200);
    const body = pairResponse.parse(first.json);
    expect(body.merchant_name).toBe('测试商户');
    expect(body.currency).toBe('CNY');
    expect(body.public_url).toBe(t.url);
    expect(Buffer.from(body.secret, 'base64url')).toHaveLength(32);

    const again = await pair(t, code);
    expect(again.status).toBe(401);
    expect(again.json).toEqual({ error: { code: 'pairing_code_invalid', message: expect.any(String) } });
  });

  it('refuses a wrong code and an expired one, and never echoes the code', async () => {
    const code = t.gw.issuePairingCode();
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const res = await pair(t, wrong);
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.json)).not.toContain(wrong);

    t.clock.advance(PAIRING_CODE_TTL_MS);
    expect((await pair(t, code)).status).toBe(401);
    expect(t.logs.join('\n')).not.toContain(code);
  });

  it('accepts a code registered by the embedding console', async () => {
    t.gw.registerPairingCode('12345678');
    expect((await pair(t, '12345678')).status).toBe(200);
    expect((await pair(t, '12345678')).status).toBe(401);
  });

  it('refuses a console older than it serves by name, before the code is used; every answer names its protocol', async () => {
    const code = t.gw.issuePairingCode();
    for (const version of [null, '2']) {
      const res = await fetch(`${t.url}/v1/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(version ? { [PROTOCOL_HEADER]: version } : {}) },
        body: JSON.stringify({ code, terminal_name: 'Old' }),
      });
      expect(res.status).toBe(426);
      expect(res.headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
      expect(await res.json()).toMatchObject({ error: { code: 'console_outdated' } });
    }
    // the code still pairs an up-to-date console; the refusals did not count as failed attempts
    expect((await pair(t, code)).status).toBe(200);
    expect((await fetch(`${t.url}/healthz`)).headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect((await fetch(`${t.url}/v1/nothing`)).headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
  });

  it('refuses a paired console that names an older protocol, signed, so the console takes it as final', async () => {
    const terminal = await pairTerminal(t);
    const headers = signHeaders(terminal, 'GET', '/v1/changes/head', '', t.clock.now());
    delete headers[PROTOCOL_HEADER];
    const res = await fetch(`${t.url}/v1/changes/head`, { headers });
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: { code: 'console_outdated' } });
    expect(res.headers.get(SIGNATURE_HEADERS.replySignature)).toMatch(/^[0-9a-f]{64}$/);
    expect((await signedFetch(t, terminal, 'GET', '/v1/changes/head')).status).toBe(200);
  });

  it('gives every terminal its own id and secret', async () => {
    const a = await pairTerminal(t, 'A');
    const b = await pairTerminal(t, 'B');
    expect(a.id).not.toBe(b.id);
    expect(a.secret.equals(b.secret)).toBe(false);
  });

  it('rate-limits failed attempts per address, then recovers after the window', async () => {
    for (let i = 0; i < PAIR_FAILURES_PER_IP_MAX; i++) {
      expect((await pair(t, String(10_000_000 + i))).status).toBe(401);
    }
    const code = t.gw.issuePairingCode();
    const limited = await pair(t, code);
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ error: { code: 'rate_limited' } });
    t.clock.advance(60_000);
    expect((await pair(t, code)).status).toBe(200);
  });

  it('refuses a malformed pairing body with 400', async () => {
    const res = await fetch(`${t.url}/v1/pair`, {
      method: 'POST',
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: '{"code":"1234"',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_argument' } });
    const short = await pair(t, '1234');
    expect(short.status).toBe(400);
  });

  it('keeps terminals and their secrets across a restart on the same database', async () => {
    const terminal = await pairTerminal(t);
    const dbPath = join(t.dir, 'gateway.db');
    await t.gw.close();
    const again = await startTestGateway({ dbPath }, 'restart');
    try {
      const res = await signedFetch(again, terminal, 'GET', '/v1/changes');
      expect(res.status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('runs on an in-memory database', async () => {
    const mem = await startTestGateway({ dbPath: ':memory:' }, 'memory');
    try {
      const terminal = await pairTerminal(mem);
      expect((await signedFetch(mem, terminal, 'GET', '/v1/changes')).status).toBe(200);
    } finally {
      await mem.stop();
    }
  });

  it('refuses a revoked terminal', async () => {
    const terminal = await pairTerminal(t);
    expect((await signedFetch(t, terminal, 'GET', '/v1/changes')).status).toBe(200);
    expect(t.gw.revokeTerminal(terminal.id)).toBe(true);
    const res = await signedFetch(t, terminal, 'GET', '/v1/changes');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'terminal_revoked' } });
  });
});
