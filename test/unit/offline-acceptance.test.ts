import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { consoleRecords } from '../../src-main/reconcile/console-records';
import { CODE_ATTEMPTS_MAX } from '../../src-main/offline/service';
import type { OrderView } from '../../src-shared/api';
import type { Change } from '../../src-shared/protocol/gateway';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { codeOf, wrongCode } from '../support/offline-codes';
import { addCashier, CASHIER_PIN, setupOwner } from '../support/operators';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const create = (amount: string): OrderView => {
  const r = app.orders.create({ amount });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const accept = (id: string, code: string) => app.handlers['offline.acceptCode']({ orderId: id, code });
const outboxCount = () => app.sync.status().unsyncedEntries;

describe('offline acceptance by confirmation code', () => {
  it('a right code records paid (offline-verified): order, journal entry and outbox row together', async () => {
    const o = create('25.00');
    const r = await accept(o.id, codeOf(o));
    expect(r).toMatchObject({ ok: true, value: { status: 'paid', offlineVerified: true, late: false } });
    expect(app.journal.balance('clearing:offline', 'CNY')).toBe(2500);
    expect(app.journal.balance('sales', 'CNY')).toBe(-2500);
    expect(outboxCount()).toBe(1);
    expect(app.offline.pending()).toMatchObject({ count: 1, totalMinor: 2500, ageLevel: 'ok' });
    expect(verifyJournal(app.db).ok).toBe(true);
    // a second acceptance of the same order is refused; nothing more is written
    expect(await accept(o.id, codeOf(o))).toMatchObject({ ok: false, error: { code: 'offline_order_not_payable' } });
    expect(app.journal.lastSeq()).toBe(1);
  });

  it('reconciliation reads a code-verified sale as offline_verified, not unpaid, until the gateway confirms it', async () => {
    const verified = create('25.00');
    const unpaid = create('3.00');
    expect((await accept(verified.id, codeOf(verified))).ok).toBe(true);
    const byOrder = new Map(
      [...consoleRecords(app.db, 0, Number.MAX_SAFE_INTEGER)].map((r) => [r.orderNo, r.status] as const),
    );
    expect(byOrder.get(verified.id)).toBe('offline_verified');
    expect(byOrder.get(unpaid.id)).toBe('unpaid');
  });

  it('wrong codes are counted per order, then the order locks and needs the owner', async () => {
    const o = create('5.00');
    for (let i = 1; i < CODE_ATTEMPTS_MAX; i++) {
      expect(await accept(o.id, wrongCode(o))).toMatchObject({
        ok: false,
        error: { code: 'offline_code_wrong', params: { attemptsLeft: CODE_ATTEMPTS_MAX - i } },
      });
    }
    expect(await accept(o.id, wrongCode(o))).toMatchObject({ ok: false, error: { code: 'offline_code_locked' } });
    // even the right code is refused now
    expect(await accept(o.id, codeOf(o))).toMatchObject({ ok: false, error: { code: 'offline_code_locked' } });
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { status: 'awaiting_payment', codeLocked: true } });
    expect(app.journal.lastSeq()).toBe(0);
    // another order is not affected
    const other = create('5.00');
    expect((await accept(other.id, codeOf(other))).ok).toBe(true);
  });

  it('refuses malformed codes without counting them', async () => {
    const o = create('5.00');
    expect(await accept(o.id, '12a456')).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { codeAttemptsLeft: CODE_ATTEMPTS_MAX } });
  });

  it('enforces the owner limits: per sale, total awaiting, and age — with a named reason', async () => {
    await app.handlers['offline.setLimits']({ orderMaxMinor: 100_00, totalMaxMinor: 150_00, maxAgeMs: 3_600_000 });
    const big = create('100.01');
    expect(await accept(big.id, codeOf(big))).toMatchObject({ ok: false, error: { code: 'offline_limit_order' } });
    const a = create('100.00');
    expect((await accept(a.id, codeOf(a))).ok).toBe(true);
    const b = create('60.00');
    expect(await accept(b.id, codeOf(b))).toMatchObject({ ok: false, error: { code: 'offline_limit_total' } });
    const c = create('50.00');
    expect(app.offline.ageLevelMoved()).toBe(false);
    clock.advance(0.8 * 3_600_000);
    expect(app.sync.status().offlineAgeLevel).toBe('warning');
    expect(app.offline.ageLevelMoved()).toBe(true); // the sweep sends the status once per move
    expect(app.offline.ageLevelMoved()).toBe(false);
    clock.advance(0.2 * 3_600_000);
    expect(app.sync.status().offlineAgeLevel).toBe('expired');
    expect(app.offline.ageLevelMoved()).toBe(true);
    expect(await accept(c.id, codeOf(c))).toMatchObject({ ok: false, error: { code: 'offline_limit_age' } });
    // past the age the unconfirmed sale is surfaced for the owner
    expect(app.offline.sweepAged()).toBe(1);
    expect(app.offline.sweepAged()).toBe(0); // opened once: the window is not told again each second
    const issues = await app.handlers['offline.issues']({});
    expect(issues).toMatchObject({ ok: true, value: [{ kind: 'offline_unconfirmed', orderId: a.id }] });
    // a refused try changes nothing
    expect(app.journal.lastSeq()).toBe(1);
  });

  it('refuses limits that contradict each other, named with both amounts, and keeps the old ones', async () => {
    const before = await app.handlers['offline.limits']({});
    const r = await app.handlers['offline.setLimits']({
      orderMaxMinor: 300_00,
      totalMaxMinor: 100_00,
      maxAgeMs: 3_600_000,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'offline_limits_inconsistent', params: { order: '300.00', total: '100.00' } },
    });
    expect(await app.handlers['offline.limits']({})).toEqual(before);
    // equal is fine: one sale may use the whole total
    expect(
      await app.handlers['offline.setLimits']({ orderMaxMinor: 100_00, totalMaxMinor: 100_00, maxAgeMs: 3_600_000 }),
    ).toMatchObject({ ok: true, value: { orderMaxMinor: 100_00, totalMaxMinor: 100_00 } });
  });

  it('tells, before the customer pays, whether the code would be refused: the same limits, nothing written', async () => {
    await app.handlers['offline.setLimits']({ orderMaxMinor: 100_00, totalMaxMinor: 150_00, maxAgeMs: 3_600_000 });
    const check = async (id: string) => {
      const r = await app.handlers['offline.check']({ orderId: id });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.refusal;
    };
    const big = create('100.01');
    expect(await check(big.id)).toMatchObject({ code: 'offline_limit_order', params: { max: 100_00 } });
    const a = create('100.00');
    expect(await check(a.id)).toBeNull();
    expect((await accept(a.id, codeOf(a))).ok).toBe(true);
    // the total awaiting the gateway moved: a sale that fits alone no longer does
    const b = create('60.00');
    expect(await check(b.id)).toMatchObject({ code: 'offline_limit_total', params: { max: 150_00, pending: 100_00 } });
    expect(await accept(b.id, codeOf(b))).toMatchObject({ ok: false, error: { code: 'offline_limit_total' } });
    const c = create('50.00');
    expect(await check(c.id)).toBeNull();
    clock.advance(3_600_000);
    expect(await check(c.id)).toMatchObject({ code: 'offline_limit_age', params: { maxAgeMs: 3_600_000 } });
    // the owner raises the limits: the same order is taken by code again
    await app.handlers['offline.setLimits']({ orderMaxMinor: 200_00, totalMaxMinor: 500_00, maxAgeMs: 7_200_000 });
    expect(await check(big.id)).toBeNull();
    // a paid order is not payable by code; an unknown one is named
    expect(await check(a.id)).toMatchObject({ code: 'offline_order_not_payable', params: { status: 'paid' } });
    expect(await app.handlers['offline.check']({ orderId: '01J00000000000000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    });
    // asking counts no try and writes nothing
    expect(app.orders.get(big.id)).toMatchObject({ ok: true, value: { codeAttemptsLeft: CODE_ATTEMPTS_MAX } });
    expect(app.journal.lastSeq()).toBe(1);
  });

  it('an expired order paid by code is a late sale', async () => {
    const o = create('8.00');
    clock.advance(o.expiresAtMs - clock.now());
    app.orders.expireDue();
    expect(await accept(o.id, codeOf(o))).toMatchObject({ ok: true, value: { late: true, offlineVerified: true } });
  });

  it("the gateway's payment confirms it once: clearing moves to the channel, sales count once", async () => {
    const o = create('25.00');
    await accept(o.id, codeOf(o));
    const pay: Change = {
      change_id: 1,
      type: 'payment.succeeded',
      at_ms: clock.now(),
      order_id: o.id,
      amount_minor: 2500,
      currency: 'CNY',
      channel: 'sandbox',
      provider_trade_no: 'SBX1',
      paid_at_ms: clock.now(),
    };
    const applier = app.applier;
    applier.apply('gw-test', TEST_PAIRING.terminalId, pay);
    applier.apply('gw-test', TEST_PAIRING.terminalId, pay);
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { offlineVerified: false, channel: 'sandbox' } });
    expect(app.journal.balance('sales', 'CNY')).toBe(-2500);
    expect(app.journal.balance('clearing:offline', 'CNY')).toBe(0);
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(2500);
    expect(app.offline.pending().count).toBe(0);
  });

  it('a gateway closing an offline-verified order without payment is an issue, resolved by a late payment', async () => {
    const o = create('25.00');
    await accept(o.id, codeOf(o));
    const applier = app.applier;
    applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: 1,
      type: 'order.closed',
      at_ms: clock.now(),
      order_id: o.id,
      status: 'expired',
    });
    expect(app.sync.status().openIssues).toBe(1);
    applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: 2,
      type: 'payment.succeeded',
      at_ms: clock.now(),
      order_id: o.id,
      amount_minor: 2500,
      currency: 'CNY',
      channel: 'sandbox',
      provider_trade_no: 'SBX2',
      paid_at_ms: clock.now(),
    });
    expect(app.sync.status().openIssues).toBe(0);
  });
  it('a confirmation for another amount is raised with both amounts, not a crash; what was verified moves', async () => {
    const o = create('25.00');
    await accept(o.id, codeOf(o));
    const outcome = app.applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: 1,
      type: 'payment.succeeded',
      at_ms: clock.now(),
      order_id: o.id,
      amount_minor: 2000,
      currency: 'CNY',
      channel: 'sandbox',
      provider_trade_no: 'SBX9',
      paid_at_ms: clock.now(),
    });
    expect(outcome).toMatchObject({ kind: 'applied', orderId: o.id });
    // the code's amount moves: the offline clearing nets out, sales stay as verified
    expect(app.journal.balance('clearing:offline', 'CNY')).toBe(0);
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(2500);
    expect(app.journal.balance('sales', 'CNY')).toBe(-2500);
    expect(verifyJournal(app.db).ok).toBe(true);
    expect(app.offline.pending().count).toBe(0); // no longer waits (the limits are free again)
    expect(app.sync.status().openIssues).toBe(1);
    const issues = await app.handlers['offline.issues']({});
    expect(issues).toMatchObject({
      ok: true,
      value: [
        {
          kind: 'offline_amount_mismatch',
          orderId: o.id,
          amountMinor: 2500,
          gatewayAmountMinor: 2000,
          gatewayCurrency: 'CNY',
          handleable: true,
          handledBy: null,
        },
      ],
    });
    // the day's close sees it: the console's record is the verified amount, against the statement's
    const rec = [...consoleRecords(app.db, 0, Number.MAX_SAFE_INTEGER)].find((r) => r.orderNo === o.id);
    expect(rec).toMatchObject({ amountMinor: 2500, tradeNo: 'SBX9' });
  });

  it('the owner marks a handled issue closed: out of the count, kept with who and when, audited, not reopened', async () => {
    const ownerId = await setupOwner(app);
    const lost = '01JBXZ0000000000000000LOST';
    const payment = (changeId: number, tradeNo: string): Change => ({
      change_id: changeId,
      type: 'payment.succeeded',
      at_ms: clock.now(),
      order_id: lost,
      amount_minor: 700,
      currency: 'CNY',
      channel: 'sandbox',
      provider_trade_no: tradeNo,
      paid_at_ms: clock.now(),
    });
    app.applier.apply('gw-test', TEST_PAIRING.terminalId, payment(1, 'SBXL1'));
    expect(app.sync.status().openIssues).toBe(1);
    const list = await app.handlers['offline.issues']({});
    if (!list.ok) throw new Error(list.error.code);
    const id = list.value[0]!.id;
    clock.advance(60_000);
    const r = await app.dispatch('offline.resolveIssue', { id });
    expect(r).toMatchObject({
      ok: true,
      value: [{ id, kind: 'payment_unknown_order', handledBy: 'Owner', resolvedAtMs: clock.now(), handleable: false }],
    });
    expect(app.sync.status().openIssues).toBe(0);
    const audit = app.audit.list(undefined, 10).entries.find((e) => e.kind === 'sync_issue.handled');
    expect(audit).toMatchObject({ operatorId: ownerId, detail: { issue_id: id, order_id: lost, amount_minor: 700 } });
    // handled again: nothing changes, no second audit record
    expect((await app.dispatch('offline.resolveIssue', { id })).ok).toBe(true);
    expect(app.audit.list(undefined, 10).entries.filter((e) => e.kind === 'sync_issue.handled')).toHaveLength(1);
    // recorded again for the same order (another delivery path): stays handled
    expect(app.offline.issues.record('payment_unknown_order', lost, 700, 'CNY', 'again', clock.now())).toBe(false);
    expect(app.sync.status().openIssues).toBe(0);
    // unknown ids and ids that wait for the gateway are refused, named
    expect(await app.dispatch('offline.resolveIssue', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const o = create('5.00');
    await accept(o.id, codeOf(o));
    clock.advance(app.settings.get().offlineMaxAgeMs + 1);
    app.offline.sweepAged();
    const waiting = await app.handlers['offline.issues']({});
    if (!waiting.ok) throw new Error(waiting.error.code);
    const aged = waiting.value.find((i) => i.kind === 'offline_unconfirmed')!;
    expect(await app.dispatch('offline.resolveIssue', { id: aged.id })).toMatchObject({
      ok: false,
      error: { code: 'sync_issue_waits_for_gateway' },
    });
    // and a cashier may not close issues at all
    const cashier = await addCashier(app);
    await app.dispatch('operators.logout', {});
    expect((await app.dispatch('operators.login', { operatorId: cashier, pin: CASHIER_PIN })).ok).toBe(true);
    expect(await app.dispatch('offline.resolveIssue', { id })).toMatchObject({
      ok: false,
      error: { code: 'owner_required' },
    });
  });

  it('the owner’s new limits are saved together and audited with what they were', async () => {
    await setupOwner(app);
    const before = await app.handlers['offline.limits']({});
    if (!before.ok) throw new Error(before.error.code);
    const r = await app.dispatch('offline.setLimits', {
      orderMaxMinor: 123_00,
      totalMaxMinor: 456_00,
      maxAgeMs: 90 * 60_000,
    });
    expect(r.ok).toBe(true);
    const audit = app.audit.list(undefined, 10).entries.find((e) => e.kind === 'settings.changed');
    expect(audit?.detail).toEqual({
      offline_order_max_minor: 123_00,
      offline_order_max_minor_before: before.value.orderMaxMinor,
      offline_total_max_minor: 456_00,
      offline_total_max_minor_before: before.value.totalMaxMinor,
      offline_max_age_minutes: 90,
      offline_max_age_minutes_before: before.value.maxAgeMs / 60_000,
    });
  });
});
