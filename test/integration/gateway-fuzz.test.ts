/**
 * The gateway under hostile input, over real HTTP: every terminal endpoint with fast-check bodies
 * (malformed JSON, wrong types, unicode, SQL-looking strings, huge bodies), signed correctly so
 * they reach the handlers, and unsigned: never a 5xx, never a crash. Then signature mutations:
 * every single-byte change of a signed request, ±301 s, a reused nonce, another terminal's key —
 * all refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_BODY_BYTES_MAX } from '../../src-shared/protocol/gateway';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import {
  freshNonce,
  pairTerminal,
  signedFetch,
  signHeaders,
  startTestGateway,
  type Terminal,
  type TestGateway,
} from './gateway-helpers';

let t: TestGateway;
let terminal: Terminal;
let other: Terminal;
let orderId: string;

beforeAll(async () => {
  t = await startTestGateway({}, 'fuzz');
  terminal = await pairTerminal(t, 'A');
  other = await pairTerminal(t, 'B');
  orderId = t.nextOrderId();
  const now = t.clock.now();
  const reg = await signedFetch(t, terminal, 'POST', '/v1/orders', {
    order_id: orderId,
    amount_minor: 1000,
    currency: 'CNY',
    created_at_ms: now,
    expires_at_ms: now + 300_000,
    note: '',
  });
  expect(reg.status).toBe(200);
});
afterAll(async () => {
  expect(t.logs.filter((l) => l.startsWith('error'))).toEqual([]);
  await t.stop();
});

const SQLISH = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE orders; --',
  "1; DELETE FROM refunds WHERE '1'='1",
  '\u0000',
);
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  SQLISH,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 5 }),
);
const FIELDS = [
  'order_id',
  'amount_minor',
  'currency',
  'created_at_ms',
  'expires_at_ms',
  'note',
  'refund_id',
  'reason',
];
/** A body: a JSON object with plausible and wrong fields, or text that is not JSON at all. */
const bodyArb = fc.oneof(
  fc
    .dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), value, { maxKeys: 8 })
    .map((o) => JSON.stringify(o)),
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '[1,2', '{"order_id":', 'null', '""', '{"__proto__":{"x":1}}'),
);
const pathArb = fc.constantFrom(
  '/v1/orders',
  `/v1/orders/ORDER`,
  `/v1/orders/ORDER/cancel`,
  `/v1/orders/ORDER/refunds`,
  '/v1/changes?after=0',
  '/v1/changes?after=-1&limit=99999',
  "/v1/changes?after=1'%20OR%201=1",
  '/v1/pair',
);

async function send(path: string, body: string, signed: boolean): Promise<number> {
  t.clock.advance(50); // keep under the per-terminal rate limit
  const method = path.startsWith('/v1/changes') ? 'GET' : 'POST';
  const text = method === 'GET' ? '' : body;
  const headers = signed ? signHeaders(terminal, method, path, text, t.clock.now()) : {};
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: text }),
  });
  const raw = await res.text();
  if (res.status >= 400) expect(JSON.parse(raw)).toMatchObject({ error: { code: expect.any(String) } });
  return res.status;
}

describe('gateway endpoint fuzzing', () => {
  it('signed and unsigned random bodies on every terminal endpoint: 0 crashes, 0 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(pathArb, bodyArb, fc.boolean(), async (p, body, signed) => {
        const status = await send(p.replace('ORDER', orderId), body, signed);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 6 },
    );
    // the fuzz reached the handlers (400s), not only the signature check (401s)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(20);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('huge and unicode bodies are refused cleanly', async () => {
    const huge = `{"note":"${'汉'.repeat(GATEWAY_BODY_BYTES_MAX)}"}`;
    const res = await fetch(`${t.url}/v1/orders`, {
      method: 'POST',
      headers: {
        ...signHeaders(terminal, 'POST', '/v1/orders', huge, t.clock.now()),
        'content-type': 'application/json',
      },
      body: huge,
    });
    expect(res.status).toBe(413);
    const r = await signedFetch(t, terminal, 'POST', `/v1/orders/${orderId}/refunds`, {
      refund_id: t.nextOrderId(),
      amount_minor: 1,
      currency: 'CNY',
      reason: '🙂 退款 \u202e evil',
    });
    expect(r.status).toBe(409); // the order is not paid: refused by the rules, not a crash
    expect(r.json).toMatchObject({ error: { code: 'refund_not_allowed' } });
  });
});

describe('signature mutations over HTTP', () => {
  const body = JSON.stringify({
    refund_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    amount_minor: 1,
    currency: 'CNY',
    reason: 'r',
  });
  const path = () => `/v1/orders/${orderId}/refunds`;

  async function post(p: string, text: string, headers: Record<string, string>): Promise<number> {
    const res = await fetch(`${t.url}${p}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
    });
    await res.text();
    return res.status;
  }
  const flip = (s: string, i: number) => {
    const c = s.charCodeAt(i);
    const alt = /[0-9a-f]/.test(s[i]!) ? (s[i] === '0' ? '1' : '0') : String.fromCharCode(c === 0x41 ? 0x42 : 0x41);
    return s.slice(0, i) + alt + s.slice(i + 1);
  };

  it('every single-byte change of body, path, timestamp, nonce or signature is refused', async () => {
    let tried = 0;
    let accepted = 0;
    const check = async (p: string, text: string, headers: Record<string, string>) => {
      t.clock.advance(50);
      tried++;
      const status = await post(p, text, headers);
      if (status < 400 || status === 409) accepted++; // 409 would mean the handler ran
    };
    const base = () => signHeaders(terminal, 'POST', path(), body, t.clock.now());
    for (let i = 0; i < body.length; i++) await check(path(), flip(body, i), base());
    for (let i = 1; i < path().length; i++) await check(flip(path(), i), body, base());
    for (const name of [SIGNATURE_HEADERS.timestamp, SIGNATURE_HEADERS.nonce, SIGNATURE_HEADERS.signature]) {
      const h = base();
      for (let i = 0; i < h[name]!.length; i++) {
        const fresh = base();
        await check(path(), body, { ...fresh, [name]: flip(fresh[name]!, i) });
      }
    }
    const h = base();
    expect(tried).toBe(
      body.length +
        path().length -
        1 +
        h[SIGNATURE_HEADERS.timestamp]!.length +
        h[SIGNATURE_HEADERS.nonce]!.length +
        h[SIGNATURE_HEADERS.signature]!.length,
    );
    expect(accepted).toBe(0);
    // the unmutated request is accepted by the signature check (then refused by the rules: 409)
    expect(await post(path(), body, base())).toBe(409);
  });

  it('refuses a timestamp 301 s old or ahead, a reused nonce and another terminal’s key', async () => {
    const now = t.clock.now();
    expect(await post(path(), body, signHeaders(terminal, 'POST', path(), body, now - 301_000))).toBe(401);
    expect(await post(path(), body, signHeaders(terminal, 'POST', path(), body, now + 301_000))).toBe(401);
    const nonce = freshNonce();
    expect(await post(path(), body, signHeaders(terminal, 'POST', path(), body, now, nonce))).toBe(409);
    expect(await post(path(), body, signHeaders(terminal, 'POST', path(), body, now, nonce))).toBe(401);
    const forged = signHeaders({ id: terminal.id, secret: other.secret }, 'POST', path(), body, now);
    expect(await post(path(), body, forged)).toBe(401);
  });
});
