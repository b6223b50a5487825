import { describe, expect, it } from 'vitest';
import { GatewayClient, type FetchLike, type Outcome } from '../../src-main/sync/gateway-client';
import { nonceOf, signedReply } from '../support/signed-reply';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

const SECRET = Buffer.alloc(32, 7);

const signed = (nonce: string, status: number, body: unknown, secret = SECRET) =>
  signedReply(secret, nonce, status, body);

/** A client whose network answers with `reply(nonce)`; the outcomes it reports are collected. */
function clientAnswering(reply: (nonce: string) => Response) {
  const outcomes: [Outcome, string | undefined][] = [];
  const fetch: FetchLike = async (_url, init) => reply(nonceOf(init));
  let n = 0;
  const client = new GatewayClient(
    { baseUrl: 'http://127.0.0.1:1', terminalId: 'T000000001', secret: SECRET },
    {
      clock: { now: () => 1_700_000_000_000 },
      randomBytes: (k) => new Uint8Array(k).fill(++n),
      onOutcome: (o, code) => outcomes.push([o, code]),
      fetch,
    },
  );
  return { client, outcomes };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
const EMPTY_PAGE = { changes: [], cursor: 0, more: false };

describe('what a gateway answer does to the connectivity state', () => {
  it('a 200 that is not what the protocol says is a named failure, not "online"', async () => {
    const { client, outcomes } = clientAnswering((nonce) => signed(nonce, 200, { acked_seq: 'lots' }));
    expect(await client.journalHead()).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    expect(outcomes).toEqual([['server_error', 'gateway_bad_reply']]);
  });

  it('a good answer is ok; a server error carries its code; a refusal stays a client error', async () => {
    const good = clientAnswering((nonce) => signed(nonce, 200, EMPTY_PAGE));
    expect((await good.client.changes(0, 10)).ok).toBe(true);
    expect(good.outcomes).toEqual([['ok', undefined]]);

    const down = clientAnswering((nonce) =>
      signed(nonce, 503, { error: { code: 'provider_unavailable', message: 'later' } }),
    );
    expect(await down.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'provider_unavailable' } });
    expect(down.outcomes).toEqual([['server_error', 'provider_unavailable']]);

    const refused = clientAnswering((nonce) =>
      signed(nonce, 409, { error: { code: 'journal_ahead', message: 'wait' } }),
    );
    expect((await refused.client.journalHead()).ok).toBe(false);
    expect(refused.outcomes).toEqual([['client_error', undefined]]);
  });
});

describe('a reply is the gateway’s own, or it is not used', () => {
  it('a refusal counts only when signed, except those the gateway sends before it knows whose request it is', async () => {
    const refusal = (code: string) => ({ error: { code, message: 'm' } });
    const forged = clientAnswering(() => json(409, refusal('refund_not_allowed')));
    expect(await forged.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    expect(forged.outcomes).toEqual([['server_error', 'gateway_bad_reply']]);

    const genuine = clientAnswering((nonce) => signed(nonce, 409, refusal('refund_not_allowed')));
    expect(await genuine.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'refund_not_allowed' } });

    for (const [status, code] of [
      [401, 'signature_invalid'],
      [401, 'terminal_unknown'],
      [401, 'terminal_revoked'],
      [413, 'payload_too_large'],
    ] as const) {
      const early = clientAnswering(() => json(status, refusal(code)));
      expect(await early.client.changes(0, 10)).toMatchObject({ ok: false, error: { code } });
    }

    // the router's "no such endpoint / method" (an older gateway) is unsigned; a route's own answer is signed
    const noRoute = clientAnswering(() => json(404, refusal('not_found')));
    expect(await noRoute.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_outdated' } });
    const noMethod = clientAnswering(() => json(405, refusal('invalid_argument')));
    expect(await noMethod.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_outdated' } });
    // rate_limited is sent after verification: unsigned, it is not the gateway's
    const limited = clientAnswering(() => json(429, refusal('rate_limited')));
    expect(await limited.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    const notFound = clientAnswering((nonce) => signed(nonce, 404, refusal('not_found')));
    expect(await notFound.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an answer without the signature, one signed with another key, and one replayed from another request', async () => {
    const unsigned = clientAnswering(() => json(200, EMPTY_PAGE));
    expect(await unsigned.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    expect(unsigned.outcomes).toEqual([['server_error', 'gateway_bad_reply']]);

    const otherKey = clientAnswering((nonce) => signed(nonce, 200, EMPTY_PAGE, Buffer.alloc(32, 8)));
    expect((await otherKey.client.changes(0, 10)).ok).toBe(false);

    let first: Response | null = null;
    const replayed = clientAnswering((nonce) => {
      first ??= signed(nonce, 200, EMPTY_PAGE);
      return first.clone();
    });
    expect((await replayed.client.changes(0, 10)).ok).toBe(true); // its own request
    expect((await replayed.client.changes(0, 10)).ok).toBe(false); // the same answer to the next one

    // a forged "status" or body under a genuine signature is refused too
    const tampered = clientAnswering((nonce) => {
      const real = signed(nonce, 200, EMPTY_PAGE);
      return new Response(JSON.stringify({ ...EMPTY_PAGE, more: true }), { status: 200, headers: real.headers });
    });
    expect((await tampered.client.changes(0, 10)).ok).toBe(false);
  });
});

describe('the protocol each side names', () => {
  /** A signed answer whose protocol header is `version` (null: none, as before the header existed). */
  const naming = (version: string | null) => (nonce: string) => {
    const real = signed(nonce, 200, EMPTY_PAGE);
    const headers = new Headers(real.headers);
    if (version === null) headers.delete(PROTOCOL_HEADER);
    else headers.set(PROTOCOL_HEADER, version);
    return new Response(real.body, { status: 200, headers });
  };

  it('names a gateway older than this console, or one that names no protocol, and uses nothing it said', async () => {
    for (const [version, said] of [
      [null, 'unnamed'],
      ['2', 'protocol 2'],
      ['x', 'unnamed'],
    ] as const) {
      const old = clientAnswering(naming(version));
      const r = await old.client.changes(0, 10);
      expect(r).toMatchObject({ ok: false, error: { code: 'gateway_outdated' } });
      expect(!r.ok && r.error.message).toContain(said);
      expect(old.outcomes).toEqual([['server_error', 'gateway_outdated']]);
    }
    // unsigned (forged on the way, or a proxy that strips headers): a bad reply, retried — not a
    // verdict that stops the push
    const forged = clientAnswering(() => new Response(JSON.stringify(EMPTY_PAGE), { status: 200 }));
    expect(await forged.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    const same = clientAnswering(naming(String(PROTOCOL_VERSION)));
    expect((await same.client.changes(0, 10)).ok).toBe(true);
    const newer = clientAnswering(naming(String(PROTOCOL_VERSION + 1)));
    expect((await newer.client.changes(0, 10)).ok).toBe(true);
  });

  it('does not judge a proxy’s error page by the header it lacks', async () => {
    const proxy = clientAnswering(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    expect(await proxy.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'gateway_rejected' } });
    // a 503 in the protocol's error shape without the header (a balancer's canned reply): retried, not "outdated"
    const canned = clientAnswering(
      () =>
        new Response(JSON.stringify({ error: { code: 'provider_unavailable', message: 'later' } }), { status: 503 }),
    );
    const r = await canned.client.changes(0, 10);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).not.toBe('gateway_outdated');
    expect(canned.outcomes[0]?.[0]).toBe('server_error');
  });

  it('names its own protocol on every request, and takes the gateway’s signed console_outdated as final', async () => {
    let sent: unknown;
    const { client } = clientAnswering(() => json(200, EMPTY_PAGE));
    const seen = new GatewayClient(client.endpoint, {
      clock: { now: () => 1_700_000_000_000 },
      randomBytes: (k) => new Uint8Array(k).fill(1),
      fetch: async (_url, init) => {
        sent = (init.headers as Record<string, string>)[PROTOCOL_HEADER];
        return signed(nonceOf(init), 426, { error: { code: 'console_outdated', message: 'update' } });
      },
    });
    expect(await seen.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'console_outdated' } });
    expect(sent).toBe(String(PROTOCOL_VERSION));
  });
});
