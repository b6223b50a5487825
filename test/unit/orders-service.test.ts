import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { IssueStore } from '../../src-main/offline/issues';
import { ChangeApplier } from '../../src-main/orders/apply-change';
import { RefundRepo } from '../../src-main/refunds/repo';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { Change } from '../../src-shared/protocol/gateway';
import { parseQrPath } from '../../src-shared/protocol/qr-url';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;
let applier: ChangeApplier;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  applier = new ChangeApplier(app.db, clock, app.journal, app.orders.repo, new IssueStore(app.db));
});
afterEach(() => cleanup());

const orderCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
let nextChange = 1;
const payment = (orderId: string, amount: number, trade = `SBX${nextChange}`): Change => ({
  change_id: nextChange++,
  type: 'payment.succeeded',
  at_ms: clock.now(),
  order_id: orderId,
  amount_minor: amount,
  currency: 'CNY',
  channel: 'sandbox',
  provider_trade_no: trade,
  paid_at_ms: clock.now(),
});

/** A refund row as the refund service saves one (by the owner), in a given state. */
const refundRow = (id: string, orderId: string, amountMinor: number, status: 'requested' | 'failed') =>
  new RefundRepo(app.db).insert.run({
    id,
    order_id: orderId,
    amount_minor: amountMinor,
    currency: 'CNY',
    reason: 'r',
    status,
    operator_id: null,
    approver_id: 'OWNER',
    created_at_ms: clock.now(),
    updated_at_ms: clock.now(),
    provider_refund_no: null,
    entry_seq: null,
  });

describe('the order a customer may still be paying (orders.open)', () => {
  it('is the newest awaiting payment and not expired; none once it is paid, cancelled or expired', () => {
    expect(app.orders.open()).toBeNull();
    const first = must(app.orders.create({ amount: '1.00' }));
    clock.advance(1_000);
    const second = must(app.orders.create({ amount: '2.00' }));
    expect(app.orders.open()?.id).toBe(second.id);
    must(app.orders.cancel(second.id));
    expect(app.orders.open()?.id).toBe(first.id);
    applier.apply('gw-test', 'T000000001', payment(first.id, 100));
    expect(app.orders.open()).toBeNull();
    const third = must(app.orders.create({ amount: '3.00' }));
    expect(app.orders.open()?.id).toBe(third.id);
    clock.advance(third.expiresAtMs - clock.now()); // expired, though not swept yet
    expect(app.orders.open()).toBeNull();
  });
});

describe('creating an order', () => {
  it('saves it awaiting payment with a signed QR for the exact amount', () => {
    const r = app.orders.create({ amount: '12.30', note: '  two  coffees ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      amountMinor: 1230,
      currency: 'CNY',
      status: 'awaiting_payment',
      note: 'two coffees',
    });
    expect(r.value.expiresAtMs - r.value.createdAtMs).toBe(app.settings.get().orderTtlMs);
    const qr = parseQrPath(r.value.qrUrl!.slice(TEST_PAIRING.publicUrl.length));
    expect(qr).toMatchObject({ terminalId: 'T000000001', orderId: r.value.id, amountMinor: 1230, currency: 'CNY' });
    expect(orderCount()).toBe(1);
  });

  it.each([
    ['0', 'amount_zero'],
    ['0.00', 'amount_zero'],
    ['-5', 'amount_not_number'],
    ['1.234', 'amount_too_many_decimals'],
    ['abc', 'amount_not_number'],
    ['', 'amount_empty'],
    ['100000.01', 'amount_too_large'],
    ['9'.repeat(5000), 'amount_not_number'],
  ])('refuses amount %j with %s and saves nothing', (amount, code) => {
    const r = app.orders.create({ amount });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(orderCount()).toBe(0);
  });

  it('refuses a note that is too long', () => {
    expect(app.orders.create({ amount: '1', note: 'x'.repeat(121) })).toMatchObject({
      ok: false,
      error: { code: 'note_too_long' },
    });
    expect(orderCount()).toBe(0);
  });

  it('refuses to sell before pairing', () => {
    const c = offlineConsole(2);
    try {
      expect(c.app.orders.create({ amount: '1' })).toMatchObject({ ok: false, error: { code: 'not_paired' } });
    } finally {
      c.cleanup();
    }
  });
});

describe('order life', () => {
  it('expires when its time is up, and only then', () => {
    const r = app.orders.create({ amount: '5' });
    if (!r.ok) throw new Error('create');
    clock.advance(app.settings.get().orderTtlMs - 1);
    expect(app.orders.expireDue()).toBe(0);
    clock.advance(1);
    expect(app.orders.expireDue()).toBe(1);
    expect(app.orders.get(r.value.id)).toMatchObject({ ok: true, value: { status: 'expired', qrUrl: null } });
  });

  it('cancels an unpaid order, but not twice and not a paid one', () => {
    const a = app.orders.create({ amount: '5' });
    const b = app.orders.create({ amount: '6' });
    if (!a.ok || !b.ok) throw new Error('create');
    expect(app.orders.cancel(a.value.id)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(app.orders.cancel(a.value.id)).toMatchObject({ ok: false, error: { code: 'order_transition_refused' } });
    applier.apply('gw-test', 'T000000001', payment(b.value.id, 600));
    expect(app.orders.cancel(b.value.id)).toMatchObject({ ok: false, error: { code: 'order_transition_refused' } });
    expect(app.orders.cancel('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    });
  });
});

describe('applying payments from the gateway', () => {
  it('marks the order paid and writes one balanced journal entry; re-applying changes nothing', () => {
    const r = app.orders.create({ amount: '12.34' });
    if (!r.ok) throw new Error('create');
    const c = payment(r.value.id, 1234);
    expect(applier.apply('gw-test', 'T000000001', c).kind).toBe('applied');
    expect(applier.apply('gw-test', 'T000000001', c).kind).toBe('already_applied');
    expect(app.orders.get(r.value.id)).toMatchObject({
      ok: true,
      value: { status: 'paid', late: false, channel: 'sandbox' },
    });
    expect(app.journal.lastSeq()).toBe(1);
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(1234);
    expect(app.journal.balance('sales', 'CNY')).toBe(-1234);
    expect(applier.cursor('gw-test')).toBe(c.change_id);
    expect(verifyJournal(app.db).ok).toBe(true);
  });

  it('records a payment after expiry or cancel as a late payment, never dropping it', () => {
    const a = app.orders.create({ amount: '1' });
    const b = app.orders.create({ amount: '2' });
    if (!a.ok || !b.ok) throw new Error('create');
    app.orders.cancel(a.value.id);
    clock.advance(app.settings.get().orderTtlMs);
    app.orders.expireDue();
    applier.apply('gw-test', 'T000000001', payment(a.value.id, 100));
    applier.apply('gw-test', 'T000000001', payment(b.value.id, 200));
    expect(app.orders.get(a.value.id)).toMatchObject({ ok: true, value: { status: 'paid', late: true } });
    expect(app.orders.get(b.value.id)).toMatchObject({ ok: true, value: { status: 'paid', late: true } });
    const kinds = app.db.prepare('SELECT kind FROM journal ORDER BY seq').all();
    expect(kinds).toEqual([{ kind: 'sale.qr.late' }, { kind: 'sale.qr.late' }]);
  });

  it('records a second payment of one order as a duplicate (money kept, order unchanged)', () => {
    const r = app.orders.create({ amount: '3' });
    if (!r.ok) throw new Error('create');
    applier.apply('gw-test', 'T000000001', payment(r.value.id, 300, 'SBX-A'));
    applier.apply('gw-test', 'T000000001', payment(r.value.id, 300, 'SBX-B'));
    // the same provider trade under a new change id is the same payment: ignored
    applier.apply('gw-test', 'T000000001', payment(r.value.id, 300, 'SBX-B'));
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(600);
    expect(app.db.prepare('SELECT kind FROM journal ORDER BY seq').all()).toEqual([
      { kind: 'sale.qr' },
      { kind: 'sale.qr.duplicate' },
    ]);
    expect(app.orders.get(r.value.id)).toMatchObject({ ok: true, value: { status: 'paid', providerTradeNo: 'SBX-A' } });
    // Today counts the second payment as the reports do, and names the order to give it back
    expect(app.orders.today()).toMatchObject({
      paidCount: 1,
      paidTotalMinor: 600,
      extraPayments: [{ orderId: r.value.id, count: 1, minor: 300 }],
    });
  });

  it('keeps a payment for an order this console never saw (lost in a crash) as a late sale', () => {
    const id = '01JD0000000000000000000000';
    applier.apply('gw-test', 'T000000001', payment(id, 999));
    expect(app.orders.get(id)).toMatchObject({ ok: true, value: { status: 'paid', late: true, amountMinor: 999 } });
    expect(app.journal.balance('sales', 'CNY')).toBe(-999);
  });

  it('applies order.closed only to awaiting orders', () => {
    const r = app.orders.create({ amount: '3' });
    if (!r.ok) throw new Error('create');
    applier.apply('gw-test', 'T000000001', {
      change_id: nextChange++,
      type: 'order.closed',
      at_ms: clock.now(),
      order_id: r.value.id,
      status: 'cancelled',
    });
    expect(app.orders.get(r.value.id)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('books a refund marked failed here once the gateway reports it accepted and succeeded (the gateway’s word wins)', () => {
    const o = must(app.orders.create({ amount: '5' }));
    applier.apply('gw-test', 'T000000001', payment(o.id, 500));
    const refundId = '01JC0000000000000000000RF9';
    refundRow(refundId, o.id, 500, 'failed');
    const update = (status: 'accepted' | 'succeeded') =>
      applier.apply('gw-test', 'T000000001', {
        change_id: nextChange++,
        type: 'refund.updated',
        at_ms: clock.now(),
        order_id: o.id,
        refund_id: refundId,
        amount_minor: 500,
        currency: 'CNY',
        channel: 'sandbox',
        status,
        provider_refund_no: status === 'succeeded' ? 'R9' : null,
      });
    update('accepted');
    expect(new RefundRepo(app.db).byId.get(refundId)?.status).toBe('accepted');
    new RefundRepo(app.db).setStatus.run('failed', clock.now(), refundId, 'accepted'); // refused here again
    expect(update('succeeded').kind).toBe('applied');
    expect(new RefundRepo(app.db).byId.get(refundId)?.status).toBe('succeeded');
    expect(app.journal.balance('refunds', 'CNY')).toBe(500);
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { status: 'refunded' } });
  });
});

describe('today', () => {
  it('lists the business day’s orders with paid totals, and not yesterday’s', () => {
    const old = app.orders.create({ amount: '50' });
    if (!old.ok) throw new Error('create');
    clock.advance(24 * 3_600_000);
    const a = app.orders.create({ amount: '1.50' });
    const b = app.orders.create({ amount: '2' });
    if (!a.ok || !b.ok) throw new Error('create');
    applier.apply('gw-test', 'T000000001', payment(a.value.id, 150));
    const t = app.orders.today();
    expect(t.orders.map((o) => o.id).sort()).toEqual([a.value.id, b.value.id].sort());
    expect(t).toMatchObject({ paidCount: 1, paidTotalMinor: 150, currency: 'CNY' });
  });

  it('says how much of the day’s paid total went back, and how many refunds are still on their way', () => {
    const a = must(app.orders.create({ amount: '10' }));
    const b = must(app.orders.create({ amount: '4' }));
    applier.apply('gw-test', 'T000000001', payment(a.id, 1000));
    applier.apply('gw-test', 'T000000001', payment(b.id, 400));
    expect(app.orders.today()).toMatchObject({ paidTotalMinor: 1400, refundedMinor: 0, refundsPending: 0 });
    applier.apply('gw-test', 'T000000001', {
      change_id: nextChange++,
      type: 'refund.updated',
      at_ms: clock.now(),
      order_id: a.id,
      refund_id: '01JC0000000000000000000RF1',
      amount_minor: 300,
      currency: 'CNY',
      channel: 'sandbox',
      status: 'succeeded',
      provider_refund_no: 'R1',
    });
    refundRow('01JC0000000000000000000RF2', b.id, 400, 'requested');
    expect(app.orders.today()).toMatchObject({
      paidTotalMinor: 1400,
      refundedMinor: 300,
      refundsPending: 1,
      refundsPendingMinor: 400,
      refundPendingOrderIds: [b.id],
      refundFailures: [],
    });
    // refused by the gateway: marked until a later request for that order goes through
    app.db.prepare("UPDATE refunds SET status = 'failed' WHERE id = ?").run('01JC0000000000000000000RF2');
    expect(app.orders.today()).toMatchObject({ refundFailures: [{ orderId: b.id }], refundPendingOrderIds: [] });
    clock.advance(1);
    refundRow('01JC0000000000000000000RF3', b.id, 100, 'requested');
    expect(app.orders.today()).toMatchObject({ refundFailures: [], refundPendingOrderIds: [b.id] });
  });

  it('shows any business day’s orders when given its date, and refuses a day that does not exist', async () => {
    const first = must(app.orders.create({ amount: '3' }));
    const firstDay = must(await app.handlers['orders.today']({})).businessDate;
    clock.advance(3 * 24 * 3_600_000);
    must(app.orders.create({ amount: '4' }));
    const then = must(await app.handlers['orders.today']({ date: firstDay }));
    expect(then.businessDate).toBe(firstDay);
    expect(then.orders.map((o) => o.id)).toEqual([first.id]);
    expect(must(await app.handlers['orders.today']({})).orders.map((o) => o.amountMinor)).toEqual([400]);
    await setupOwner(app);
    const bad = await app.dispatch('orders.today', { date: '2026-02-30' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_argument');
  });

  it('finds an order by the end of its number (as on screen), its whole number or its trade number', async () => {
    const a = must(app.orders.create({ amount: '1' }));
    const b = must(app.orders.create({ amount: '2' }));
    applier.apply('gw-test', 'T000000001', payment(b.id, 200, '2026120222001400000042'));
    const find = async (query: string) => must(await app.handlers['orders.find']({ query })).map((o) => o.id);
    expect(await find(a.id.slice(-8))).toEqual([a.id]);
    expect(await find(a.id.slice(-8).toLowerCase())).toEqual([a.id]);
    expect(await find(a.id)).toEqual([a.id]);
    expect(await find('2026120222001400000042')).toEqual([b.id]);
    expect(await find('ZZZZZZZZ')).toEqual([]);
    // Crockford look-alikes typed by a person read as the digits they resemble
    const withOne = a.id.slice(-8).replace(/1/g, 'I').replace(/0/g, 'O');
    expect(await find(withOne)).toEqual([a.id]);
    // a part of a number other than its end or the whole: nothing (every form is an index lookup)
    expect(await find(a.id.slice(-7))).toEqual([]);
    expect(await find(a.id.slice(0, 8))).toEqual([]);
    // old orders too: a customer may come back within the networks' refund window (a year)
    clock.advance(300 * 24 * 3_600_000);
    expect(await find(a.id.slice(-8))).toEqual([a.id]);
    const plan = app.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE substr(id, -8) = ?').all('X') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join()).toContain('orders_tail');
    await setupOwner(app);
    const short = await app.dispatch('orders.find', { query: 'A1' });
    expect(short.ok ? 'ok' : short.error.code).toBe('invalid_argument');
  });

  it('shows the day’s cash sales beside the orders (they are not orders), and not yesterday’s', async () => {
    must(app.handlers['shift.open']({ float: '100' }) as never);
    must(app.settlement.cash.sale('7', '10'));
    clock.advance(24 * 3_600_000);
    must(app.settlement.cash.sale('12.34', '20'));
    must(app.settlement.cash.sale('0.66', ''));
    const t = must(await app.handlers['orders.today']({}));
    expect(t).toMatchObject({ cashSaleCount: 2, cashSalesMinor: 13_00, paidCount: 0, orders: [] });
  });
});
