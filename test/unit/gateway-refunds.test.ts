import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type GatewayCore } from '../../src-gateway/core';
import { openGatewayDb } from '../../src-gateway/db/open';
import { PairingService } from '../../src-gateway/services/pairing';
import { RefundService } from '../../src-gateway/services/refunds';

const T0 = 1_780_000_000_000;
const ORDER = '01JT0Z3Q8M6V9K2N4P5R7S8T9V';
const R = (n: number) => `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`;

describe('gateway refunds', () => {
  let core: GatewayCore;
  let refunds: RefundService;
  let terminalId: string;
  let otherId: string;
  let woken: string[];

  beforeEach(() => {
    woken = [];
    let i = 0;
    core = createCore({
      db: openGatewayDb(':memory:'),
      masterKey: Buffer.alloc(32, 5),
      clock: { now: () => T0 },
      randomBytes: (n) => createHash('sha512').update(`r${i++}`).digest().subarray(0, n),
      log: { info: () => {}, error: () => {} },
      identity: { gatewayId: 'gw', merchantName: 'M', currency: 'CNY', publicUrl: 'http://gw.test' },
      changesCommitted: (id) => woken.push(id),
    });
    const pairing = new PairingService(core);
    terminalId = pairing.redeem(pairing.issueCode(), 'A')!.terminal_id;
    otherId = pairing.redeem(pairing.issueCode(), 'B')!.terminal_id;
    core.db
      .prepare(
        `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
          paid_at_ms, channel, provider_trade_no, created_by_scan)
         VALUES (?, ?, 1000, 'CNY', '', 'paid', ?, ?, ?, 'sandbox', 'SB1', 0)`,
      )
      .run(ORDER, terminalId, T0, T0 + 1, T0);
    refunds = new RefundService(core);
  });
  afterEach(() => core.db.close());

  const ask = (id: string, amount: number, terminal = terminalId) =>
    refunds.request(terminal, ORDER, { refund_id: id, amount_minor: amount, currency: 'CNY', reason: 'r' });

  it('accepts, then the sandbox settles it; both states reach the change feed', () => {
    expect(ask(R(1), 400)).toMatchObject({ ok: true, value: { status: 'accepted', provider_refund_no: null } });
    expect(refunds.executeAccepted()).toBe(1);
    expect(refunds.executeAccepted()).toBe(0);
    const feed = core.changes.after(terminalId, 0, 10);
    expect(feed.map((c) => (c.type === 'refund.updated' ? c.status : c.type))).toEqual(['accepted', 'succeeded']);
    expect(woken).toEqual([terminalId, terminalId]);
  });

  it('is idempotent by refund id; other details under the same id conflict', () => {
    ask(R(1), 400);
    expect(ask(R(1), 400)).toMatchObject({ ok: true, value: { refund_id: R(1) } });
    expect(ask(R(1), 500)).toMatchObject({ ok: false, error: { code: 'refund_conflict' } });
    expect(core.changes.after(terminalId, 0, 10)).toHaveLength(1);
  });

  it('never refunds more than was paid, across ids; another terminal’s order is not found', () => {
    expect(ask(R(1), 600).ok).toBe(true);
    expect(ask(R(2), 401)).toMatchObject({
      ok: false,
      error: { code: 'refund_exceeds_paid', params: { refundable_minor: 400 } },
    });
    expect(ask(R(3), 400).ok).toBe(true);
    expect(ask(R(4), 1)).toMatchObject({ ok: false, error: { code: 'refund_exceeds_paid' } });
    expect(ask(R(5), 1, otherId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an unpaid order', () => {
    core.db
      .prepare("UPDATE orders SET status = 'cancelled', paid_at_ms = NULL, channel = NULL, provider_trade_no = NULL")
      .run();
    expect(ask(R(1), 1)).toMatchObject({ ok: false, error: { code: 'refund_not_allowed' } });
  });
});
