import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src-main/app';
import { consoleRecords } from '../../src-main/reconcile/console-records';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { OrderView, RefundView, ShiftReportView } from '../../src-shared/api';
import { err } from '../../src-shared/result';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { gatewayFeed } from '../support/gateway-feed';
import { ulidSource } from '../support/ids';
import { OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;
let ownerId: string;
const newId = ulidSource();
let feed: ReturnType<typeof gatewayFeed>;

beforeEach(async () => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  ownerId = await setupOwner(app);
  feed = gatewayFeed(app, clock);
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

type Outcome = { ok: true; value: unknown } | { ok: false; error: { code: string; params?: unknown } };
const code = (r: Outcome) => (r.ok ? 'ok' : r.error.code);

/** An order the customer paid through the gateway (the change feed's payment). */
async function paidOrder(amount: string): Promise<OrderView> {
  const o = must(await app.dispatch('orders.create', { amount })) as OrderView;
  feed.pays(o);
  return o;
}

const args = (orderId: string, amount: string, requestId = newId(), approverPin = OWNER_PIN) => ({
  requestId,
  orderId,
  amount,
  reason: 'returned, paid back in cash',
  approverId: ownerId,
  approverPin,
});
const cash = (orderId: string, amount: string, requestId?: string, pin?: string) =>
  app.dispatch('refunds.createCash', args(orderId, amount, requestId, pin)) as Promise<Outcome>;
/** A wallet refund: the gateway is not reached here, so it stays `requested` (and reserved). */
const wallet = (orderId: string, amount: string, requestId?: string) =>
  app.dispatch('refunds.create', args(orderId, amount, requestId)) as Promise<Outcome>;

const refundRows = (orderId: string) =>
  app.db
    .prepare('SELECT id, status, method, amount_minor, entry_seq, failure_code FROM refunds WHERE order_id = ?')
    .all(orderId) as {
    id: string;
    status: string;
    method: string;
    amount_minor: number;
    entry_seq: number | null;
    failure_code: string | null;
  }[];
const cashRefundEntries = () =>
  app.db.prepare("SELECT seq, order_id, memo FROM journal WHERE kind = 'cash.refund' ORDER BY seq").all() as {
    seq: number;
    order_id: string | null;
    memo: string;
  }[];
const drawer = async () => (must(await app.dispatch('shift.report', {})) as ShiftReportView).expectedCashMinor;
const orderStatus = (id: string) => app.orders.repo.byId.get(id)!.status;

describe('a refund of an order in cash (refunds.createCash)', () => {
  it('hands cash back from the drawer: one cash.refund entry with the order, a succeeded cash row, audited', async () => {
    must(await app.dispatch('shift.open', { float: '100' }));
    const o = await paidOrder('30.00');
    const r = await cash(o.id, '12.50');
    expect(r).toMatchObject({
      ok: true,
      value: {
        status: 'succeeded',
        method: 'cash',
        amountMinor: 12_50,
        orderRefundableMinor: 17_50,
        failureCode: null,
      },
    });
    // the journal: Dr refunds, Cr cash:drawer, carrying the order, memo = the reason
    const [entry, ...more] = cashRefundEntries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ order_id: o.id, memo: 'returned, paid back in cash' });
    expect(app.db.prepare('SELECT account, amount_minor FROM postings WHERE entry_seq = ? ORDER BY idx').all(entry!.seq))
      .toEqual([
        { account: 'cash:drawer', amount_minor: -12_50 },
        { account: 'refunds', amount_minor: 12_50 },
      ]); // prettier-ignore
    expect(verifyJournal(app.db).ok).toBe(true);
    // the row: paid in cash, succeeded at once, tied to its entry; never a gateway request
    expect(refundRows(o.id)).toEqual([
      {
        id: (r as { value: RefundView }).value.id,
        status: 'succeeded',
        method: 'cash',
        amount_minor: 12_50,
        entry_seq: entry!.seq,
        failure_code: null,
      },
    ]);
    expect(orderStatus(o.id)).toBe('partially_refunded');
    const audit = app.db.prepare("SELECT operator_id, detail FROM audit_log WHERE kind = 'cash.refunded'").get() as {
      operator_id: string;
      detail: string;
    };
    expect(audit.operator_id).toBe(ownerId);
    expect(JSON.parse(audit.detail)).toEqual({
      amount_minor: 12_50,
      reason: 'returned, paid back in cash',
      approver_id: ownerId,
      order_id: o.id,
      refund_id: (r as { value: RefundView }).value.id,
    });
    expect(audit.detail).not.toContain(OWNER_PIN);
    // the rest in cash: refunded
    expect(code(await cash(o.id, '17.50'))).toBe('ok');
    expect(orderStatus(o.id)).toBe('refunded');
  });

  it('is never sent to the gateway: not by the resend loop, not as a gateway refund', async () => {
    must(await app.dispatch('shift.open', { float: '100' }));
    const o = await paidOrder('10.00');
    const forward = vi.spyOn(app.sync, 'forwardRefund');
    expect(code(await cash(o.id, '10'))).toBe('ok');
    clock.advance(3_600_000);
    await app.refunds.resendRequested();
    app.refunds.resendDue();
    await app.refunds.resendRequested();
    expect(forward).not.toHaveBeenCalled();
    // and no statement has it: reconciliation leaves it out (a wallet refund that succeeded is in)
    const refundsInRecon = [...consoleRecords(app.db, 0, clock.now() + 1)].filter((rec) => rec.status === 'refund');
    expect(refundsInRecon).toEqual([]);
  });

  it('the reports add up: the drawer falls, refunds rise once, under cash; the wallet channel keeps its sale', async () => {
    must(await app.dispatch('shift.open', { float: '50' }));
    const o = await paidOrder('30.00');
    expect(await drawer()).toBe(50_00);
    expect(code(await cash(o.id, '12.50'))).toBe('ok');
    const x = must(await app.dispatch('shift.report', {})) as ShiftReportView;
    expect(x).toMatchObject({ cashRefundsMinor: 12_50, expectedCashMinor: 50_00 - 12_50 });
    expect(x.movements).toEqual([
      { atMs: expect.any(Number), direction: 'refund', amountMinor: 12_50, reason: 'returned, paid back in cash' },
    ]);
    const day = must(await app.handlers['reports.settlement']({ from: '2026-11-22', to: '2026-11-22' }));
    expect(day.channels.find((c) => c.channel === 'cash')).toMatchObject({ grossMinor: 0, refundsMinor: 12_50 });
    // the wallet channel: its sale stands and its payout is whole (the provider returned nothing)
    expect(day.channels.find((c) => c.channel === 'sandbox')).toMatchObject({ grossMinor: 30_00, refundsMinor: 0 });
    expect(day.total).toMatchObject({ grossMinor: 30_00, refundsMinor: 12_50, refundCount: 1, netMinor: 17_50 });
    expect(app.journal.balance('refunds', 'CNY')).toBe(12_50);
    // Today: the order's refunded amount counts it
    expect(app.orders.today()).toMatchObject({ refundedMinor: 12_50, refundsPending: 0 });
  });

  it('never refunds more than was paid: cash alone, cash after a wallet refund, a wallet refund after cash', async () => {
    must(await app.dispatch('shift.open', { float: '500' }));
    const o = await paidOrder('30.00');
    const before = app.journal.lastSeq();
    expect(await cash(o.id, '30.01')).toMatchObject({
      ok: false,
      error: { code: 'refund_exceeds_paid', params: { refundable_minor: 30_00, refundable: '30.00' } },
    });
    expect(app.journal.lastSeq()).toBe(before);
    // a wallet refund on its way holds its amount
    expect(await wallet(o.id, '20')).toMatchObject({ ok: true, value: { status: 'requested' } });
    expect(await cash(o.id, '10.01')).toMatchObject({
      ok: false,
      error: { code: 'refund_exceeds_paid', params: { refundable: '10.00' } },
    });
    expect(code(await cash(o.id, '10'))).toBe('ok');
    // nothing left, by either way
    expect(code(await wallet(o.id, '0.01'))).toBe('refund_exceeds_paid');
    expect(code(await cash(o.id, '0.01'))).toBe('refund_exceeds_paid');
    expect(cashRefundEntries()).toHaveLength(1);
    expect(refundRows(o.id).map((r) => [r.method, r.status, r.amount_minor])).toEqual([
      ['wallet', 'requested', 20_00],
      ['cash', 'succeeded', 10_00],
    ]);
  });

  it('concurrent submits: one id refunds once; different ids for the whole amount, exactly one goes through', async () => {
    must(await app.dispatch('shift.open', { float: '500' }));
    const o = await paidOrder('40.00');
    const id = newId();
    const same = await Promise.all(Array.from({ length: 5 }, () => cash(o.id, '15', id)));
    expect(same.map(code)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(new Set(same.map((r) => (r as { value: RefundView }).value.id))).toEqual(new Set([id]));
    expect(cashRefundEntries()).toHaveLength(1);
    // what is left (25.00), asked five times at once, in cash and by wallet: one of them
    const racing = await Promise.all([
      cash(o.id, '25'),
      wallet(o.id, '25'),
      cash(o.id, '25'),
      wallet(o.id, '25'),
      cash(o.id, '25'),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).map(code)).toEqual(Array(4).fill('refund_exceeds_paid'));
    const reserved = refundRows(o.id).reduce((n, r) => n + r.amount_minor, 0);
    expect(reserved).toBe(40_00);
  });

  it('a retry with the same request id is the same refund; the id with other details is a conflict', async () => {
    must(await app.dispatch('shift.open', { float: '100' }));
    const o = await paidOrder('30.00');
    const id = newId();
    const first = must(await cash(o.id, '5', id)) as RefundView;
    const again = must(await cash(o.id, '5.00', id)) as RefundView;
    expect(again).toMatchObject({ id: first.id, status: 'succeeded', method: 'cash' });
    expect(cashRefundEntries()).toHaveLength(1);
    expect(await drawer()).toBe(95_00);
    expect(code(await cash(o.id, '6', id))).toBe('refund_conflict');
    // a wallet refund's id is not a cash refund's, either way
    const walletId = newId();
    expect(code(await wallet(o.id, '1', walletId))).toBe('ok');
    expect(code(await cash(o.id, '1', walletId))).toBe('refund_conflict');
    expect(code(await wallet(o.id, '5', id))).toBe('refund_conflict');
    expect(cashRefundEntries()).toHaveLength(1);
  });

  it('refuses, changing nothing: no shift, the drawer too short, a wrong PIN (counted), an unpaid or written-off order', async () => {
    const o = await paidOrder('80.00');
    const unchanged = () => ({
      seq: app.journal.lastSeq(),
      refunds: refundRows(o.id).length,
      status: orderStatus(o.id),
    });
    const start = unchanged();
    expect(code(await cash(o.id, '5'))).toBe('shift_not_open');
    expect(unchanged()).toEqual(start);
    must(await app.dispatch('shift.open', { float: '20' }));
    const opened = unchanged();
    expect(code(await cash(o.id, '20.01'))).toBe('cash_exceeds_drawer');
    expect(unchanged()).toEqual(opened);
    // a wrong PIN counts towards the owner's lockout, as for a wallet refund
    expect(code(await cash(o.id, '5', newId(), '9999'))).toBe('pin_wrong');
    expect(code(await cash(o.id, '5', newId(), '9999'))).toBe('pin_wrong');
    expect(code(await cash(o.id, '5', newId(), '9999'))).toBe('operator_locked');
    expect(code(await cash(o.id, '5'))).toBe('operator_locked');
    expect(unchanged()).toEqual(opened);
    const owner = app.db.prepare('SELECT locked_until_ms FROM operators WHERE id = ?').get(ownerId) as {
      locked_until_ms: number | null;
    };
    expect(owner.locked_until_ms).toBeGreaterThan(clock.now());
  });

  it('refuses an order not paid, or written off (refund_not_allowed), and bad arguments at the API', async () => {
    must(await app.dispatch('shift.open', { float: '100' }));
    const awaiting = must(await app.dispatch('orders.create', { amount: '5' })) as OrderView;
    expect(await cash(awaiting.id, '5')).toMatchObject({
      ok: false,
      error: { code: 'refund_not_allowed', params: { status: 'awaiting_payment' } },
    });
    const writtenOff = await paidOrder('8.00');
    // as OfflineService.writeOff leaves a sale verified by code and never confirmed
    app.db
      .prepare('UPDATE orders SET offline_state = NULL, offline_written_off_at_ms = ? WHERE id = ?')
      .run(clock.now(), writtenOff.id);
    expect(await cash(writtenOff.id, '8')).toMatchObject({
      ok: false,
      error: { code: 'refund_not_allowed', params: { status: 'written_off' } },
    });
    expect(code(await cash(newId(), '1'))).toBe('order_not_found');
    const o = await paidOrder('10.00');
    expect(code(await cash(o.id, '-1'))).toBe('amount_not_number');
    expect(code(await cash(o.id, '1.001'))).not.toBe('ok');
    const bad = (over: Record<string, unknown>) =>
      app.dispatch('refunds.createCash', { ...args(o.id, '1'), ...over } as never) as Promise<Outcome>;
    for (const over of [
      { reason: '   ' },
      { reason: 'x'.repeat(121) },
      { approverPin: '12' },
      { requestId: 'not-an-id' },
      { orderId: 42 },
      { amount: '1'.repeat(65) },
      { extra: true },
    ]) {
      expect(code(await bad(over)), JSON.stringify(over)).toBe('invalid_argument');
    }
    expect(cashRefundEntries()).toEqual([]);
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM refunds WHERE method = 'cash'").get()).toEqual({ n: 0 });
  });
});

describe('an order paid twice', () => {
  it('its duplicate payment can be given back too: the limit is what was paid, and nothing reads as refunded too much', async () => {
    const o = await paidOrder('20.00');
    feed.pays(o, 'SBX-SECOND');
    must(await app.dispatch('shift.open', { float: '100' }));
    clock.advance(1);
    must(await cash(o.id, '20'));
    clock.advance(1);
    must(await cash(o.id, '20')); // the second payment, handed back too
    expect(orderStatus(o.id)).toBe('refunded');
    expect(app.orders.today().overRefunds).toEqual([]);
    expect(code(await cash(o.id, '0.01'))).toBe('refund_exceeds_paid'); // and no more
    expect(app.journal.balance('refunds', 'CNY')).toBe(40_00);
  });
});

describe('why a refund failed, kept on the row', () => {
  it('a definite refusal from the gateway: its code and message stored, in the view, on Today; cash clears the flag', async () => {
    const o = await paidOrder('20.00');
    vi.spyOn(app.sync, 'forwardRefund').mockResolvedValueOnce(err('not_found', 'no such order'));
    expect(code(await wallet(o.id, '20'))).toBe('not_found');
    const row = app.db.prepare('SELECT status, failure_code, failure_message FROM refunds').get();
    expect(row).toEqual({ status: 'failed', failure_code: 'not_found', failure_message: 'no such order' });
    const [view] = must(await app.dispatch('refunds.forOrder', { orderId: o.id })) as RefundView[];
    expect(view).toMatchObject({ status: 'failed', method: 'wallet', failureCode: 'not_found' });
    expect(app.orders.today()).toMatchObject({
      refundFailures: [{ orderId: o.id, code: 'not_found' }],
    });
    // the shop hands the money back in cash: the order is refunded and the flag clears
    must(await app.dispatch('shift.open', { float: '50' }));
    clock.advance(1);
    expect(await cash(o.id, '20')).toMatchObject({ ok: true, value: { orderRefundableMinor: 0 } });
    expect(orderStatus(o.id)).toBe('refunded');
    expect(app.orders.today()).toMatchObject({ refundFailures: [] });
  });

  it('a failed wallet refund paid after all, after cash went back: booked (the money left), and Today says how much too much', async () => {
    const o = await paidOrder('20.00');
    const r = must(await wallet(o.id, '20')) as RefundView;
    feed.refund(r, 'failed');
    must(await app.dispatch('shift.open', { float: '50' }));
    clock.advance(1);
    must(await cash(o.id, '20'));
    expect(app.orders.today().overRefunds).toEqual([]);
    // the provider paid the wallet refund after all: it happened, so it is booked…
    feed.refund(r, 'succeeded');
    expect(app.journal.balance('refunds', 'CNY')).toBe(40_00);
    // …and the order is marked, with the amount to ask back
    expect(app.orders.today().overRefunds).toEqual([{ orderId: o.id, minor: 20_00 }]);
  });

  it('an order of an earlier day refunded twice today is flagged on today, not only on its own day', async () => {
    const o = await paidOrder('20.00');
    const r = must(await wallet(o.id, '20')) as RefundView;
    feed.refund(r, 'failed');
    clock.advance(26 * 3_600_000); // the customer comes back the next day
    must(await app.dispatch('shift.open', { float: '50' }));
    must(await cash(o.id, '20'));
    feed.refund(r, 'succeeded');
    const today = app.orders.today();
    expect(today.orders.map((x) => x.id)).not.toContain(o.id);
    expect(today.overRefunds).toEqual([{ orderId: o.id, minor: 20_00 }]);
  });

  it('the gateway says the order was refunded already (refund_exceeds_paid): cash is refused, nothing booked', async () => {
    const o = await paidOrder('20.00');
    vi.spyOn(app.sync, 'forwardRefund').mockResolvedValueOnce(
      err('refund_exceeds_paid', 'refunds would exceed what is left to refund'),
    );
    expect(code(await wallet(o.id, '20'))).toBe('refund_exceeds_paid');
    must(await app.dispatch('shift.open', { float: '50' }));
    const seq = app.journal.lastSeq();
    expect(code(await cash(o.id, '20'))).toBe('refund_gateway_refunded');
    expect(app.journal.lastSeq()).toBe(seq);
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM refunds WHERE method = 'cash'").get()).toEqual({ n: 0 });
  });

  it('the provider’s failure through the change feed: provider_failed; a later acceptance clears the reason', async () => {
    const o = await paidOrder('20.00');
    const r = must(await wallet(o.id, '5')) as RefundView;
    feed.refund(r, 'failed');
    expect(app.refunds.forOrder(o.id)).toMatchObject([{ status: 'failed', failureCode: 'provider_failed' }]);
    expect(app.orders.today().refundFailures).toEqual([{ orderId: o.id, code: 'provider_failed' }]);
    feed.refund(r, 'accepted');
    expect(app.refunds.forOrder(o.id)).toMatchObject([{ status: 'accepted', failureCode: null }]);
    expect(app.db.prepare('SELECT failure_code FROM refunds').get()).toEqual({ failure_code: null });
  });
});
