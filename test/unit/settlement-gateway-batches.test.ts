import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { IssueStore } from '../../src-main/offline/issues';
import { ChangeApplier } from '../../src-main/orders/apply-change';
import { batchFromChange } from '../../src-main/settlement/batches';
import { createCore, type GatewayCore } from '../../src-gateway/core';
import { openGatewayDb } from '../../src-gateway/db/open';
import { PairingService } from '../../src-gateway/services/pairing';
import { statementRoute } from '../../src-gateway/routes/statement';
import { SettlementService } from '../../src-gateway/services/settlement';
import type { Change } from '../../src-shared/protocol/gateway';
import type { StatementReply } from '../../src-shared/protocol/statement';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { must, postQrSale, postRefund } from '../support/settlement';

// 2026-11-22 in Shanghai: 10:00 and 23:30 local; the next provider day starts 16:00 UTC.
const D_1000 = Date.UTC(2026, 10, 22, 2, 0);
const D_2330 = Date.UTC(2026, 10, 22, 15, 30);
const NEXT_1000 = D_1000 + 86_400_000;

let now: number;
let core: GatewayCore;
let terminalId: string;
let settlement: SettlementService;
let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  now = D_1000;
  let i = 0;
  core = createCore({
    db: openGatewayDb(':memory:'),
    masterKey: Buffer.alloc(32, 5),
    clock: { now: () => now },
    randomBytes: (n) => {
      const out = Buffer.alloc(n);
      for (let o = 0; o < n; o += 32) createHash('sha256').update(`b|${i++}`).digest().copy(out, o);
      return out;
    },
    log: { info: () => {}, error: () => {} },
    identity: { gatewayId: 'gw-test', merchantName: 'M', currency: 'CNY', publicUrl: 'http://gw.test' },
    changesCommitted: () => {},
  });
  const pairing = new PairingService(core);
  terminalId = pairing.redeem(pairing.issueCode(), 'Counter')!.terminal_id;
  settlement = new SettlementService(core);
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => {
  core.db.close();
  cleanup();
});

/** The console's change applier, booking settlement batches as the sync service's does. */
const consoleApplier = () =>
  new ChangeApplier(app.db, clock, app.journal, app.orders.repo, new IssueStore(app.db), null, (c) =>
    app.settlement.batches.record(batchFromChange(c)),
  );

let n = 0;
function paidAtGateway(channel: string, amount: number, atMs: number): void {
  n += 1;
  core.db
    .prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         paid_at_ms, channel, provider_trade_no, created_by_scan) VALUES (?, ?, ?, 'CNY', '', 'paid', ?, ?, ?, ?, ?, 0)`,
    )
    .run(
      `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`,
      terminalId,
      amount,
      atMs,
      atMs + 1,
      atMs,
      channel,
      `T${n}`,
    );
}

describe('settlement batches: gateway → change feed → console ledger', () => {
  it('batches a closed provider day per channel, pays it on T+1, and the console books fee and payout', () => {
    paidAtGateway('alipay', 100_00, D_1000);
    paidAtGateway('alipay', 50_00, D_2330);
    paidAtGateway('sandbox', 5_00, D_2330);
    expect(settlement.settleDue()).toBe(0); // the day has not closed yet

    now = NEXT_1000;
    paidAtGateway('alipay', 7_00, NEXT_1000); // tomorrow's, not in today's batch
    settlement.settleDue();
    expect(settlement.settleDue()).toBe(0); // idempotent
    const feed = core.changes
      .after(terminalId, 0, 50)
      .filter((c): c is Extract<Change, { type: 'settlement.batch' }> => c.type === 'settlement.batch');
    expect(feed.map((c) => [c.channel, c.status, c.business_date, c.gross_minor, c.fee_minor, c.net_minor])).toEqual([
      ['alipay', 'pending', '2026-11-22', 150_00, 38 + 19, 150_00 - 57],
      ['alipay', 'paid', '2026-11-22', 150_00, 57, 149_43],
      ['sandbox', 'pending', '2026-11-22', 5_00, 0, 5_00],
      ['sandbox', 'paid', '2026-11-22', 5_00, 0, 5_00],
    ]);
    expect(feed[1]).toMatchObject({ payout_date: '2026-11-23', sale_count: 2 });

    // the console sold the same, then applies the feed
    clock.ms = D_1000;
    postQrSale(app, 'alipay', 100_00);
    clock.ms = D_2330;
    postQrSale(app, 'alipay', 50_00);
    postQrSale(app, 'sandbox', 5_00);
    clock.ms = NEXT_1000;
    const applier = consoleApplier();
    for (const c of feed) applier.apply('gw-test', TEST_PAIRING.terminalId, c);
    for (const c of feed) expect(applier.apply('gw-test', TEST_PAIRING.terminalId, c).kind).toBe('already_applied');

    const day = must(app.settlement.reports.report('2026-11-22', '2026-11-22'));
    expect(day.channels.find((c) => c.channel === 'alipay')).toMatchObject({
      feesMinor: 57,
      feesBookedMinor: 57,
      expectedPayoutMinor: 149_43,
      paidMinor: 149_43,
      differenceMinor: 0,
      status: 'paid',
    });
    expect(day.total.status).toBe('paid');
    expect(app.journal.balance('clearing:alipay', 'CNY')).toBe(0);
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(0);
    expect(app.journal.balance('bank', 'CNY')).toBe(149_43 + 5_00);
  });

  it('a batch carries the refunds that succeeded that day on its channel, each returning its fee; net = gross − refunds − fee', () => {
    paidAtGateway('alipay', 100_00, D_1000);
    const refunded = `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`;
    const refund = (id: string, amount: number, status: string, atMs: number) =>
      core.db
        .prepare(
          `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status,
             provider_refund_no, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'CNY', 'r', ?, ?, ?, ?)`,
        )
        .run(id, terminalId, refunded, amount, status, status === 'succeeded' ? `P${id}` : null, atMs, atMs);
    refund('01JT0Z3Q8M6V9K2N4P5R7S8R01', 30_00, 'succeeded', D_2330);
    refund('01JT0Z3Q8M6V9K2N4P5R7S8R02', 5_00, 'failed', D_2330); // failed: not in the batch
    refund('01JT0Z3Q8M6V9K2N4P5R7S8R03', 7_00, 'succeeded', NEXT_1000); // tomorrow's
    paidAtGateway('sandbox', 5_00, D_2330); // other channel: no refunds
    now = NEXT_1000;
    settlement.settleDue();
    const feed = core.changes
      .after(terminalId, 0, 50)
      .filter((c): c is Extract<Change, { type: 'settlement.batch' }> => c.type === 'settlement.batch');
    expect(feed.map((c) => [c.channel, c.status, c.gross_minor, c.refunds_minor, c.fee_minor, c.net_minor])).toEqual([
      ['alipay', 'pending', 100_00, 30_00, 38 - 11, 100_00 - 30_00 - 27],
      ['alipay', 'paid', 100_00, 30_00, 27, 69_73],
      ['sandbox', 'pending', 5_00, 0, 0, 5_00],
      ['sandbox', 'paid', 5_00, 0, 0, 5_00],
    ]);
  });

  it('a day of refunds only is batched too: its fee comes back and the network takes the refund from the bank', () => {
    paidAtGateway('alipay', 100_00, D_1000);
    const orderId = `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`;
    now = NEXT_1000;
    settlement.settleDue(); // day D: the sale
    core.db
      .prepare(
        `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status,
           provider_refund_no, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'CNY', 'r', 'succeeded', 'PR1', ?, ?)`,
      )
      .run('01JT0Z3Q8M6V9K2N4P5R7S8R01', terminalId, orderId, 100_00, NEXT_1000, NEXT_1000);
    now = NEXT_1000 + 86_400_000;
    settlement.settleDue(); // day D+1: the refund only
    const batches = core.changes
      .after(terminalId, 0, 50)
      .filter((c): c is Extract<Change, { type: 'settlement.batch' }> => c.type === 'settlement.batch');
    expect(
      batches
        .filter((c) => c.status === 'paid')
        .map((c) => [c.business_date, c.gross_minor, c.refunds_minor, c.fee_minor, c.net_minor]),
    ).toEqual([
      ['2026-11-22', 100_00, 0, 38, 99_62],
      ['2026-11-23', 0, 100_00, -38, -99_62],
    ]);

    // the console sold and refunded the same, then applies the feed: the day closes even
    clock.ms = D_1000;
    postQrSale(app, 'alipay', 100_00);
    clock.ms = NEXT_1000;
    postRefund(app, 'alipay', 100_00);
    clock.ms = NEXT_1000 + 86_400_000;
    const applier = consoleApplier();
    for (const c of batches) expect(applier.apply('gw-test', TEST_PAIRING.terminalId, c).kind).toBe('applied');
    expect(app.journal.balance('clearing:alipay', 'CNY')).toBe(0);
    expect(app.journal.balance('bank', 'CNY')).toBe(0);
    expect(app.journal.balance('fees:alipay', 'CNY')).toBe(0);
    const refundDay = must(app.settlement.reports.report('2026-11-23', '2026-11-23'));
    expect(refundDay.channels.find((c) => c.channel === 'alipay')).toMatchObject({
      feesMinor: -38,
      expectedPayoutMinor: -99_62,
      paidMinor: -99_62,
      status: 'paid',
    });
  });

  it('a day with a sale and a part refund reads paid once its batch is paid: both sides return the refund’s fee', () => {
    paidAtGateway('alipay', 100_00, D_1000);
    const orderId = `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`;
    core.db
      .prepare(
        `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status,
           provider_refund_no, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'CNY', 'r', 'succeeded', 'PR1', ?, ?)`,
      )
      .run('01JT0Z3Q8M6V9K2N4P5R7S8R01', terminalId, orderId, 30_00, D_2330, D_2330);
    now = NEXT_1000;
    settlement.settleDue();
    clock.ms = D_1000;
    postQrSale(app, 'alipay', 100_00);
    clock.ms = D_2330;
    postRefund(app, 'alipay', 30_00);
    clock.ms = NEXT_1000;
    const applier = consoleApplier();
    for (const c of core.changes.after(terminalId, 0, 50)) applier.apply('gw-test', TEST_PAIRING.terminalId, c);
    const day = must(app.settlement.reports.report('2026-11-22', '2026-11-22'));
    expect(day.channels.find((c) => c.channel === 'alipay')).toMatchObject({
      feesMinor: 27,
      expectedPayoutMinor: 69_73,
      paidMinor: 69_73,
      differenceMinor: 0,
      status: 'paid',
    });
    expect(app.journal.balance('clearing:alipay', 'CNY')).toBe(0);
  });

  it('a sale refunded in two pieces: each side returns the sale’s fee once, not each piece’s own (reads paid)', () => {
    paidAtGateway('alipay', 2_64, D_1000); // fee 1.0032 fen → 1; each half 0.5016 fen → 1 on its own
    const orderId = `01JT0Z3Q8M6V9K2N4P5R7S8T${String(n).padStart(2, '0')}`;
    const insert = core.db.prepare(
      `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status,
         provider_refund_no, created_at_ms, updated_at_ms) VALUES (?, ?, ?, 132, 'CNY', 'r', 'succeeded', ?, ?, ?)`,
    );
    insert.run('01JT0Z3Q8M6V9K2N4P5R7S8R01', terminalId, orderId, 'PR1', D_2330, D_2330);
    insert.run('01JT0Z3Q8M6V9K2N4P5R7S8R02', terminalId, orderId, 'PR2', D_2330 + 1, D_2330 + 1);
    now = NEXT_1000;
    settlement.settleDue();
    const batch = core.changes
      .after(terminalId, 0, 50)
      .filter((c): c is Extract<Change, { type: 'settlement.batch' }> => c.type === 'settlement.batch')[0]!;
    expect([batch.gross_minor, batch.refunds_minor, batch.fee_minor, batch.net_minor]).toEqual([2_64, 2_64, 0, 0]);
    // the statement reconciliation reads says the same: 1 fen charged, 1 + 0 returned
    let body = '';
    const res = { headersSent: false, writeHead: () => res, end: (b: string) => (body = b) };
    statementRoute(core)(
      {
        res,
        query: new URLSearchParams({ from_ms: String(D_1000 - 1), to_ms: String(NEXT_1000), scope: 'store' }),
      } as never,
      terminalId,
      Buffer.alloc(0),
    );
    const entries = (JSON.parse(body) as StatementReply).entries;
    expect(entries.map((e) => [e.kind, e.amount_minor, e.fee_minor])).toEqual([
      ['payment', 2_64, 1],
      ['refund', 1_32, 1],
      ['refund', 1_32, 0],
    ]);
    clock.ms = D_1000;
    const sale = postQrSale(app, 'alipay', 2_64, orderId);
    // its payment, as the change applier records it beside the entry (refunds find the sale by it)
    app.db
      .prepare(
        `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
         VALUES ('T1', 'alipay', ?, 264, 'CNY', ?, ?)`,
      )
      .run(orderId, D_1000, sale.seq);
    clock.ms = D_2330;
    postRefund(app, 'alipay', 1_32, orderId);
    postRefund(app, 'alipay', 1_32, orderId);
    clock.ms = NEXT_1000;
    const applier = consoleApplier();
    for (const c of core.changes.after(terminalId, 0, 50)) applier.apply('gw-test', TEST_PAIRING.terminalId, c);
    const day = must(app.settlement.reports.report('2026-11-22', '2026-11-22'));
    expect(day.channels.find((c) => c.channel === 'alipay')).toMatchObject({
      feesMinor: 0,
      expectedPayoutMinor: 0,
      paidMinor: 0,
      status: 'paid',
    });
  });

  it('a payment applied after midnight (the shop was offline) is in the report of the day it was paid', () => {
    const o = must(app.orders.create({ amount: '25' }));
    clock.ms = D_2330 + 25 * 60_000; // 23:55 → the network came back at 00:05 the next day
    const applier = consoleApplier();
    const paidAt = D_2330 + 20 * 60_000; // 23:50 on the 22nd, Shanghai
    clock.ms = D_2330 + 35 * 60_000; // 00:05 on the 23rd
    applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: 1,
      type: 'payment.succeeded',
      at_ms: clock.ms,
      order_id: o.id,
      amount_minor: 25_00,
      currency: 'CNY',
      channel: 'alipay',
      provider_trade_no: 'T-LATE',
      paid_at_ms: paidAt,
    });
    const gross = (date: string) =>
      must(app.settlement.reports.report(date, date)).channels.find((c) => c.channel === 'alipay')?.grossMinor ?? 0;
    expect(gross('2026-11-22')).toBe(25_00);
    expect(gross('2026-11-23')).toBe(0);
    // the journal keeps its own time; only the reports' date follows the payment
    expect(app.db.prepare("SELECT created_at_ms FROM journal WHERE kind = 'sale.qr'").get()).toEqual({
      created_at_ms: clock.ms,
    });
  });
});
