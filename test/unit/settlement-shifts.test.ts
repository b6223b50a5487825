import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';
import { RefundRepo } from '../../src-main/refunds/repo';
import { paymentChange } from '../support/offline-codes';
import { must, postQrSale, postRefund } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;
let h: App['handlers'];

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  h = app.handlers;
});
afterEach(() => cleanup());

const MIN = 60_000;
const lastSeq = () => app.journal.lastSeq();
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('a scripted day with two shifts', () => {
  it('gives Z reports with every figure, and a day settlement that adds them up', async () => {
    // Shift A: 12:00 Shanghai, float 200.00, cashier unknown (no operators module yet)
    const a = must(await h['shift.open']({ float: '200' }));
    expect(a).toMatchObject({ openingFloatMinor: 200_00, operatorId: 'unknown', closedAtMs: null });
    clock.advance(MIN);
    const s1 = must(await h['shift.cashSale']({ amount: '12.34', tendered: '20' }));
    expect(s1).toMatchObject({ amountMinor: 12_34, tenderedMinor: 20_00, changeMinor: 7_66 });
    must(await h['shift.cashSale']({ amount: '50', tendered: '100' }));
    postQrSale(app, 'alipay', 88_00);
    postQrSale(app, 'wechat', 30_00);
    postRefund(app, 'alipay', 8_00);
    postRefund(app, 'cash', 2_34);
    must(await h['shift.cashMove']({ direction: 'out', amount: '15', reason: ' milk  for coffee ' }));
    must(await h['shift.cashMove']({ direction: 'in', amount: '5.00', reason: 'coins from bank' }));

    const x = must(await h['shift.report']({}));
    expect(x.kind).toBe('X');
    expect(x.expectedCashMinor).toBe(200_00 + 12_34 + 50_00 - 2_34 - 15_00 + 5_00);
    expect(x.countedCashMinor).toBeNull();

    clock.advance(60 * MIN);
    const za = must(await h['shift.close']({ counted: '249.50' }));
    expect(za.kind).toBe('Z');
    expect(za.channels).toEqual([
      {
        channel: 'alipay',
        saleCount: 1,
        grossMinor: 88_00,
        refundCount: 1,
        refundsMinor: 8_00,
        writtenOffMinor: 0,
        feesMinor: 30,
        netMinor: 79_70,
      },
      {
        channel: 'cash',
        saleCount: 2,
        grossMinor: 62_34,
        refundCount: 1,
        refundsMinor: 2_34,
        writtenOffMinor: 0,
        feesMinor: 0,
        netMinor: 60_00,
      },
      {
        channel: 'wechat',
        saleCount: 1,
        grossMinor: 30_00,
        refundCount: 0,
        refundsMinor: 0,
        writtenOffMinor: 0,
        feesMinor: 18,
        netMinor: 29_82,
      },
    ]);
    expect(za.total).toEqual({
      channel: 'total',
      saleCount: 4,
      grossMinor: 180_34,
      refundCount: 2,
      refundsMinor: 10_34,
      writtenOffMinor: 0,
      feesMinor: 48,
      netMinor: 169_52, // the Reports screen's net for the shift: fees out too
    });
    expect(za).toMatchObject({
      cashSalesMinor: 62_34,
      cashRefundsMinor: 2_34,
      paidInMinor: 5_00,
      paidOutMinor: 15_00,
      expectedCashMinor: 250_00,
      countedCashMinor: 249_50,
      differenceMinor: -50,
    });
    expect(za.movements).toEqual([
      { atMs: expect.any(Number), direction: 'out', amountMinor: 15_00, reason: 'milk for coffee' },
      { atMs: expect.any(Number), direction: 'in', amountMinor: 5_00, reason: 'coins from bank' },
    ]);
    expect(za.shift.closedAtMs).toBe(clock.now());

    // closing twice: an error, nothing written
    const seq = lastSeq();
    expect(code(await h['shift.close']({ counted: '249.50' }))).toBe('shift_already_closed');
    expect(lastSeq()).toBe(seq);

    // Shift B
    clock.advance(MIN);
    const b = must(await h['shift.open']({ float: '100' }));
    must(await h['shift.cashSale']({ amount: '10', tendered: '' }));
    postQrSale(app, 'sandbox', 5_00);
    const zb = must(await h['shift.close']({ counted: '110' }));
    expect(zb).toMatchObject({ expectedCashMinor: 110_00, countedCashMinor: 110_00, differenceMinor: 0 });
    expect(zb.total).toMatchObject({ saleCount: 2, grossMinor: 15_00 });

    // the Z report of shift A is unchanged after B
    expect(must(await h['shift.report']({ id: a.id }))).toEqual({ ...za, generatedAtMs: clock.now() });

    // the ledger: drawer emptied to the safe at each close, the short booked, chain intact
    expect(app.journal.balance('cash:drawer', 'CNY')).toBe(0);
    expect(app.journal.balance('cash:overshort', 'CNY')).toBe(50);
    expect(app.journal.balance('cash:safe', 'CNY')).toBe(-(200_00 + 100_00) + 249_50 + 110_00);
    expect(verifyJournal(app.db).ok).toBe(true);

    // the day: both shifts add up, fees per transaction half up (alipay 0.38 %, wechat 0.6 %)
    const day = must(await h['reports.settlement']({ from: '2026-11-22', to: '2026-11-22' }));
    const ch = Object.fromEntries(day.channels.map((c) => [c.channel, c]));
    expect(ch.alipay).toMatchObject({ grossMinor: 88_00, refundsMinor: 8_00, feesMinor: 33 - 3, netMinor: 79_70 });
    expect(ch.alipay).toMatchObject({ expectedPayoutMinor: 79_70, paidMinor: 0, status: 'pending' });
    expect(ch.wechat).toMatchObject({ feesMinor: 18, netMinor: 29_82 });
    expect(ch.cash).toMatchObject({ saleCount: 3, grossMinor: 72_34, refundsMinor: 2_34, status: 'none' });
    expect(ch.sandbox).toMatchObject({ feesMinor: 0, netMinor: 5_00 });
    expect(day.total).toMatchObject({ saleCount: 6, grossMinor: 195_34, refundsMinor: 10_34, feesMinor: 48 });
    expect(day.total.expectedPayoutMinor).toBe(79_70 + 29_82 + 5_00);
    // net by shift and cashier is the channels' net: after the network fees (48 fen, all in shift a)
    expect(day.byShift.map((g) => [g.key, g.feesMinor, g.netMinor])).toEqual(
      [
        [a.id, 48, 169_52],
        [b.id, 0, 15_00],
      ].sort(),
    );
    expect(day.byCashier).toEqual([
      {
        key: 'unknown',
        name: null,
        openedAtMs: null,
        saleCount: 6,
        grossMinor: 195_34,
        refundsMinor: 10_34,
        feesMinor: 48,
        writtenOffMinor: 0,
        netMinor: 184_52,
      },
    ]);
    expect(day.byCashier[0]!.netMinor).toBe(day.total.netMinor);
    expect(day.days[0]).toMatchObject({ businessDate: '2026-11-22', payoutDate: '2026-11-23' });
  });
});

describe('cashiers by name', () => {
  it('names the cashier on the shift, in the by-cashier and by-shift lines and in their exports', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, '李四');
    must(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }));
    const shift = must(await h['shift.open']({ float: '100' }));
    expect(shift).toMatchObject({ operatorId: cashierId, operatorName: '李四' });
    must(await h['shift.cashSale']({ amount: '12.34', tendered: '' }));
    must(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }));
    postQrSale(app, 'alipay', 8_00);

    const day = must(await h['reports.settlement']({ from: '2026-11-22', to: '2026-11-22' }));
    expect(day.byCashier.map((g) => [g.name, g.key, g.grossMinor]).sort()).toEqual(
      [
        ['Owner', ownerId, 8_00],
        ['李四', cashierId, 12_34],
      ].sort(),
    );
    expect(day.byShift.map((g) => [g.name, g.key, g.grossMinor])).toEqual([['李四', shift.id, 20_34]]);
    // named as the Shift screen names it: when it opened, and whose it is
    expect(day.byShift[0]!.openedAtMs).toBe(shift.openedAtMs);

    const csv = must(
      await h['reports.export']({ table: 'settlement.cashiers', format: 'csv', from: '2026-11-22', to: '2026-11-22' }),
    );
    const lines = Buffer.from(csv.base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('cashier,cashier_id,sales,gross,refunds,fees,written_off,net');
    expect(lines).toContain(`李四,${cashierId},1,12.34,0.00,0.00,0.00,12.34`);
  });
});

describe('a QR sale counts for the cashier who rang it up', () => {
  it('also when its payment, or its refund, completes while someone else is logged in', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, '小李');
    must(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }));
    const order = must(app.orders.create({ amount: '15.00' }));
    // the cashier's turn ends; the owner is at the till when the payment comes in
    must(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }));
    app.applier.apply('gw-test', TEST_PAIRING.terminalId, paymentChange(order, 'alipay', 1, clock.now()));
    must(await h['shift.open']({ float: '0' }));
    must(app.settlement.cash.sale('3.00', '')); // the owner's own cash sale counts for the owner
    // a refund 小李 asked for succeeds at the network while the owner is at the till: hers too
    const refundId = '01JC0000000000000000000RF1';
    new RefundRepo(app.db).insert.run({
      id: refundId,
      order_id: order.id,
      amount_minor: 5_00,
      currency: 'CNY',
      reason: 'r',
      status: 'accepted',
      operator_id: cashierId,
      approver_id: ownerId,
      created_at_ms: clock.now(),
      updated_at_ms: clock.now(),
      provider_refund_no: null,
      entry_seq: null,
    });
    app.applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: 2,
      type: 'refund.updated',
      at_ms: clock.now(),
      order_id: order.id,
      refund_id: refundId,
      amount_minor: 5_00,
      currency: 'CNY',
      channel: 'alipay',
      status: 'succeeded',
      provider_refund_no: 'R1',
    });
    const day = must(await h['reports.settlement']({ from: '2026-11-22', to: '2026-11-22' }));
    expect(day.byCashier.map((g) => [g.name, g.grossMinor, g.refundsMinor]).sort()).toEqual(
      [
        ['Owner', 3_00, 0],
        ['小李', 15_00, 5_00],
      ].sort(),
    );
  });
});

describe('bad input changes nothing', () => {
  it('refuses bad floats, counts, tenders, payouts and double opens with clear codes', async () => {
    const seq = lastSeq();
    expect(code(await h['shift.open']({ float: '-5' }))).toBe('amount_not_number');
    expect(code(await h['shift.open']({ float: 'abc' }))).toBe('amount_not_number');
    expect(code(await h['shift.open']({ float: '1.234' }))).toBe('amount_too_many_decimals');
    expect(code(await h['shift.cashSale']({ amount: '5', tendered: '10' }))).toBe('shift_not_open');
    expect(code(await h['shift.close']({ counted: '0' }))).toBe('shift_already_closed');
    expect(code(await h['shift.report']({}))).toBe('shift_not_open');
    expect(lastSeq()).toBe(seq);
    expect(must(await h['shift.current']({}))).toBeNull();

    must(await h['shift.open']({ float: '0' }));
    expect(code(await h['shift.open']({ float: '10' }))).toBe('shift_already_open');
    must(await h['shift.cashSale']({ amount: '30', tendered: '50' }));
    const seq2 = lastSeq();
    expect(code(await h['shift.cashSale']({ amount: '30', tendered: '20' }))).toBe('tendered_too_little');
    expect(code(await h['shift.cashSale']({ amount: '0', tendered: '20' }))).toBe('amount_zero');
    expect(code(await h['shift.cashMove']({ direction: 'out', amount: '30.01', reason: 'x' }))).toBe(
      'cash_exceeds_drawer',
    );
    expect(code(await h['shift.cashMove']({ direction: 'out', amount: '1', reason: '   ' }))).toBe('reason_required');
    expect(code(await h['shift.close']({ counted: '-1' }))).toBe('amount_not_number');
    expect(code(await h['shift.close']({ counted: 'lots' }))).toBe('amount_not_number');
    expect(lastSeq()).toBe(seq2);
    expect(must(await h['shift.current']({}))).not.toBeNull();
    // paying out exactly what the drawer holds is fine; an empty count then balances
    must(await h['shift.cashMove']({ direction: 'out', amount: '30', reason: 'to the bank' }));
    expect(must(await h['shift.close']({ counted: '0' }))).toMatchObject({ expectedCashMinor: 0, differenceMinor: 0 });
  });

  it('refuses bad ranges, cutoffs and zones', async () => {
    expect(code(await h['reports.settlement']({ from: '2026-01-01', to: '2027-01-02' }))).toBe('range_too_long');
    expect(code(await h['reports.settlement']({ from: '2026-01-02', to: '2026-01-01' }))).toBe('range_invalid');
    expect(code(await h['reports.settlement']({ from: '2026-02-30', to: '2026-03-01' }))).toBe('range_invalid');
    expect(must(await h['reports.settlement']({ from: '2024-01-01', to: '2024-12-31' })).days).toEqual([]);
    expect(code(await h['reports.setBusinessDay']({ timeZone: 'Asia/Shanghai', cutoffHour: 13 }))).toBe(
      'cutoff_invalid',
    );
    expect(code(await h['reports.setBusinessDay']({ timeZone: 'Mars/Olympus', cutoffHour: 2 }))).toBe(
      'timezone_invalid',
    );
    expect(app.settings.get()).toMatchObject({ timeZone: 'Asia/Shanghai', businessDayCutoffHour: 0 });
  });
});
