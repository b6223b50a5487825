import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQrPath, buildQrUrl } from '../../src-shared/protocol/qr-url';
import { createCore, type GatewayCore } from '../../src-gateway/core';
import { openGatewayDb } from '../../src-gateway/db/open';
import { qrSignature } from '../../src-gateway/auth/qr-signature';
import { SESSIONS_PER_ORDER_MAX } from '../../src-gateway/limits';
import { OrderService } from '../../src-gateway/services/orders';
import { PairingService } from '../../src-gateway/services/pairing';
import { SandboxWallet } from '../../src-gateway/services/sandbox-wallet';

const T0 = 1_780_000_000_000;
const TTL_MS = 120_000;
const ORDER_ID = '01JT0Z3Q8M6V9K2N4P5R7S8T9V';

function seeded(seed: string): (n: number) => Uint8Array {
  let i = 0;
  return (n) => {
    const out = Buffer.alloc(n);
    for (let o = 0; o < n; o += 32) createHash('sha256').update(`${seed}|${i++}`).digest().copy(out, o);
    return out;
  };
}

describe('gateway services on one database', () => {
  let now: number;
  let core: GatewayCore;
  let woken: string[];
  let terminalId: string;
  let secret: Buffer;
  let orders: OrderService;
  let wallet: SandboxWallet;

  beforeEach(() => {
    now = T0;
    woken = [];
    const db = openGatewayDb(':memory:');
    core = createCore({
      db,
      masterKey: Buffer.alloc(32, 5),
      clock: { now: () => now },
      randomBytes: seeded('services'),
      log: { info: () => {}, error: () => {} },
      identity: { gatewayId: 'gw-test', merchantName: 'M', currency: 'CNY', publicUrl: 'http://gw.test' },
      changesCommitted: (id) => woken.push(id),
    });
    const pairing = new PairingService(core);
    const paired = pairing.redeem(pairing.issueCode(), 'Counter');
    if (!paired) throw new Error('pairing failed');
    terminalId = paired.terminal_id;
    secret = Buffer.from(paired.secret, 'base64url');
    orders = new OrderService(core);
    wallet = new SandboxWallet(core);
  });
  afterEach(() => core.db.close());

  function scan() {
    const fields = { terminalId, orderId: ORDER_ID, amountMinor: 500, currency: 'CNY', expiresAtMs: T0 + TTL_MS };
    const url = new URL(buildQrUrl('http://gw.test', fields, qrSignature(secret, fields)));
    return wallet.scan(parseQrPath(url.pathname + url.search)!);
  }

  it('stores the terminal secret sealed, never in the clear', () => {
    const row = core.db.prepare<[], { secret_sealed: Buffer }>('SELECT secret_sealed FROM terminals').get()!;
    expect(row.secret_sealed.includes(secret)).toBe(false);
    const codes = core.db.prepare('SELECT * FROM pairing_codes').all();
    expect(JSON.stringify(codes)).not.toMatch(/"\d{8}"/);
  });

  it('sweeps an expired order into the feed, and still takes a late payment on its open session', () => {
    const opened = scan();
    expect(opened.kind).toBe('wallet');
    if (opened.kind !== 'wallet') return;
    now = T0 + TTL_MS;
    expect(orders.sweepExpired()).toBe(1);
    expect(orders.sweepExpired()).toBe(0);
    expect(woken).toEqual([terminalId]);

    now += 60_000;
    const paid = wallet.pay(terminalId, ORDER_ID, opened.sessionId);
    expect(paid.kind).toBe('paid');
    const feed = core.changes.after(terminalId, 0, 10);
    expect(
      feed.map((c) => [
        c.type,
        c.type === 'order.closed' ? c.status : c.type === 'payment.succeeded' ? c.paid_at_ms : null,
      ]),
    ).toEqual([
      ['order.closed', 'expired'],
      ['payment.succeeded', T0 + TTL_MS + 60_000],
    ]);
    expect(orders.get(terminalId, ORDER_ID)?.status).toBe('paid');
    // Paid orders are never swept or cancelled.
    now += TTL_MS;
    expect(orders.sweepExpired()).toBe(0);
    expect(orders.cancel(terminalId, ORDER_ID)?.status).toBe('paid');
  });

  it('never appends a change that does not fit the protocol', () => {
    expect(() =>
      core.db.transaction(() =>
        core.changes.append(
          terminalId,
          {
            type: 'payment.succeeded',
            order_id: ORDER_ID,
            amount_minor: 0,
            currency: 'CNY',
            channel: 'sandbox',
            provider_trade_no: 'X',
            paid_at_ms: now,
          },
          now,
        ),
      )(),
    ).toThrow(/assertion failed/);
    expect(core.changes.after(terminalId, 0, 10)).toEqual([]);
  });

  it('limits wallet sessions per order', () => {
    let last = scan();
    for (let i = 1; i < SESSIONS_PER_ORDER_MAX; i++) last = scan();
    expect(last.kind).toBe('wallet');
    expect(scan().kind).toBe('busy');
  });
});
