import { describe, expect, it } from 'vitest';
import { GatewayClient, type FetchLike } from '../../src-main/sync/gateway-client';
import type { Outcome } from '../../src-main/sync/gateway-client';

/** A client whose network answers `reply`; the outcomes it reports are collected. */
function clientAnswering(reply: () => Response) {
  const outcomes: [Outcome, string | undefined][] = [];
  const fetch: FetchLike = async () => reply();
  const client = new GatewayClient(
    { baseUrl: 'http://127.0.0.1:1', terminalId: 'T000000001', secret: Buffer.alloc(32, 7) },
    {
      clock: { now: () => 1_700_000_000_000 },
      randomBytes: (n) => new Uint8Array(n).fill(1),
      onOutcome: (o, code) => outcomes.push([o, code]),
      fetch,
    },
  );
  return { client, outcomes };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('what a gateway answer does to the connectivity state', () => {
  it('a 200 that is not what the protocol says is a named failure, not "online"', async () => {
    const { client, outcomes } = clientAnswering(() => json(200, { acked_seq: 'lots' }));
    expect(await client.journalHead()).toMatchObject({ ok: false, error: { code: 'gateway_bad_reply' } });
    expect(outcomes).toEqual([['server_error', 'gateway_bad_reply']]);
  });

  it('a good answer is ok; a server error carries its code; a refusal stays a client error', async () => {
    const good = clientAnswering(() => json(200, { changes: [], cursor: 0, more: false }));
    expect((await good.client.changes(0, 10)).ok).toBe(true);
    expect(good.outcomes).toEqual([['ok', undefined]]);

    const down = clientAnswering(() => json(503, { error: { code: 'provider_unavailable', message: 'later' } }));
    expect(await down.client.changes(0, 10)).toMatchObject({ ok: false, error: { code: 'provider_unavailable' } });
    expect(down.outcomes).toEqual([['server_error', 'provider_unavailable']]);

    const refused = clientAnswering(() => json(409, { error: { code: 'journal_ahead', message: 'wait' } }));
    expect((await refused.client.journalHead()).ok).toBe(false);
    expect(refused.outcomes).toEqual([['client_error', undefined]]);
  });
});
