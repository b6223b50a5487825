import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, REQUEST_TIMESTAMP_TOLERANCE_MS, SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import { verifySignedRequest, type SignedRequest, type VerifyDeps } from '../../src-gateway/auth/verify-request';
import type { TerminalKey } from '../../src-gateway/store/terminals';

const NOW = 1_780_000_000_000;
const A = { id: 'TA0000000A', secret: Buffer.alloc(32, 1) };
const B = { id: 'TB0000000B', secret: Buffer.alloc(32, 2) };
const REVOKED = 'TR0000000R';
const NONCE = '0123456789abcdef0123456789abcdef';
const BODY = '{"order_id":"x"}';
const bodyHash = createHash('sha256').update(BODY).digest('hex');

function sign(
  secret: Buffer,
  over: Partial<{ method: string; path: string; ts: number; nonce: string; bodyHash: string }> = {},
): string {
  const c = canonicalRequest(
    over.method ?? 'POST',
    over.path ?? '/v1/orders',
    over.ts ?? NOW,
    over.nonce ?? NONCE,
    over.bodyHash ?? bodyHash,
  );
  return createHmac('sha256', secret).update(c).digest('hex');
}

function request(
  over: Partial<{ terminal: string; ts: number; nonce: string; signature: string }> = {},
): SignedRequest {
  return {
    method: 'POST',
    pathWithQuery: '/v1/orders',
    bodySha256Hex: bodyHash,
    headers: {
      [SIGNATURE_HEADERS.terminal]: over.terminal ?? A.id,
      [SIGNATURE_HEADERS.timestamp]: String(over.ts ?? NOW),
      [SIGNATURE_HEADERS.nonce]: over.nonce ?? NONCE,
      [SIGNATURE_HEADERS.signature]: over.signature ?? sign(A.secret, { ts: over.ts, nonce: over.nonce }),
    },
  };
}

function deps(nowMs = NOW): VerifyDeps & { nonces: Set<string> } {
  const nonces = new Set<string>();
  const keys = new Map<string, TerminalKey>([
    [A.id, { status: 'active', secret: A.secret }],
    [B.id, { status: 'active', secret: B.secret }],
    [REVOKED, { status: 'revoked' }],
  ]);
  return {
    nowMs,
    nonces,
    lookupKey: (id) => keys.get(id) ?? null,
    rememberNonce: (id, nonce) => {
      const key = `${id}|${nonce}`;
      if (nonces.has(key)) return false;
      nonces.add(key);
      return true;
    },
  };
}

const codeOf = (r: ReturnType<typeof verifySignedRequest>) => (r.ok ? 'ok' : r.error.code);

describe('verifySignedRequest', () => {
  it('accepts a correctly signed request and names its terminal', () => {
    const r = verifySignedRequest(request(), deps());
    // the terminal, and what its reply will be signed with: its key and this request's nonce
    expect(r).toMatchObject({ ok: true, value: { terminalId: A.id, secret: A.secret } });
    expect(r.ok && r.value.nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses every single-byte mutation of the signature', () => {
    const good = Buffer.from(sign(A.secret), 'hex');
    let refused = 0;
    for (let i = 0; i < good.length; i++) {
      for (let v = 0; v < 256; v++) {
        if (v === good[i]) continue;
        const bad = Buffer.from(good);
        bad[i] = v;
        const r = verifySignedRequest(request({ signature: bad.toString('hex') }), deps());
        expect(codeOf(r)).toBe('signature_invalid');
        refused++;
      }
    }
    expect(refused).toBe(32 * 255);
  });

  it('refuses a signature over any other method, path, body, timestamp or nonce', () => {
    const variants = [
      sign(A.secret, { method: 'GET' }),
      sign(A.secret, { path: '/v1/orders?x=1' }),
      sign(A.secret, { bodyHash: createHash('sha256').update('').digest('hex') }),
      sign(A.secret, { ts: NOW + 1 }),
      sign(A.secret, { nonce: 'f'.repeat(32) }),
    ];
    for (const signature of variants)
      expect(codeOf(verifySignedRequest(request({ signature }), deps()))).toBe('signature_invalid');
  });

  it('refuses a request signed with another terminal’s key', () => {
    expect(codeOf(verifySignedRequest(request({ signature: sign(B.secret) }), deps()))).toBe('signature_invalid');
    // …and B's own request names B, never A.
    const asB = request({ terminal: B.id, signature: sign(B.secret) });
    expect(verifySignedRequest(asB, deps())).toMatchObject({ ok: true, value: { terminalId: B.id, secret: B.secret } });
  });

  it('accepts a timestamp up to the tolerance away and refuses ±301 s', () => {
    for (const skew of [-REQUEST_TIMESTAMP_TOLERANCE_MS, REQUEST_TIMESTAMP_TOLERANCE_MS]) {
      expect(codeOf(verifySignedRequest(request({ ts: NOW + skew }), deps()))).toBe('ok');
    }
    for (const skew of [-301_000, 301_000]) {
      expect(codeOf(verifySignedRequest(request({ ts: NOW + skew }), deps()))).toBe('request_stale');
    }
  });

  it('refuses a reused nonce, but only after a valid signature spent it', () => {
    const d = deps();
    const forged = request({ signature: sign(B.secret) });
    expect(codeOf(verifySignedRequest(forged, d))).toBe('signature_invalid');
    expect(d.nonces.size).toBe(0);
    expect(codeOf(verifySignedRequest(request(), d))).toBe('ok');
    expect(codeOf(verifySignedRequest(request(), d))).toBe('nonce_reused');
    // A stale request does not spend a nonce either.
    const stale = request({ ts: NOW - 400_000, nonce: 'a'.repeat(32) });
    expect(codeOf(verifySignedRequest(stale, d))).toBe('request_stale');
    expect(d.nonces.size).toBe(1);
  });

  it('refuses unknown and revoked terminals and malformed or missing headers', () => {
    expect(codeOf(verifySignedRequest(request({ terminal: 'TZZZZZZZZZ' }), deps()))).toBe('terminal_unknown');
    expect(codeOf(verifySignedRequest(request({ terminal: REVOKED }), deps()))).toBe('terminal_revoked');
    const malformed = [
      { terminal: 'nope' },
      { nonce: 'XYZ' },
      { signature: 'abc' },
      { signature: sign(A.secret).toUpperCase() },
    ];
    for (const m of malformed) expect(codeOf(verifySignedRequest(request(m), deps()))).toBe('unauthorized');
    const missing = { ...request(), headers: { [SIGNATURE_HEADERS.terminal]: A.id } };
    expect(codeOf(verifySignedRequest(missing, deps()))).toBe('unauthorized');
    const repeated = { ...request(), headers: { ...request().headers, [SIGNATURE_HEADERS.nonce]: [NONCE, NONCE] } };
    expect(codeOf(verifySignedRequest(repeated, deps()))).toBe('unauthorized');
  });
});
