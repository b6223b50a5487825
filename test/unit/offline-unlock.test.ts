import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CODE_ATTEMPTS_MAX, CODE_UNLOCKS_MAX } from '../../src-main/offline/service';
import type { OrderView } from '../../src-shared/api';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { codeOf, wrongCode } from '../support/offline-codes';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';

let app: App;
let cleanup: () => void;
let ownerId: string;
let cashierId: string;

beforeEach(async () => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  ownerId = await setupOwner(app);
  cashierId = await addCashier(app);
  // the cashier is at the till; the owner approves with a PIN only
  await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN });
});
afterEach(() => cleanup());

const create = (amount: string): OrderView => {
  const r = app.orders.create({ amount });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const accept = (o: OrderView, code: string) => app.dispatch('offline.acceptCode', { orderId: o.id, code });
const unlock = (o: OrderView, pin = OWNER_PIN, approverId = ownerId) =>
  app.dispatch('offline.unlockCode', { orderId: o.id, approverId, approverPin: pin, reason: 'customer misread' });
const lockOut = async (o: OrderView) => {
  for (let i = 0; i < CODE_ATTEMPTS_MAX; i++) await accept(o, wrongCode(o));
};
const auditKinds = () =>
  app.db
    .prepare<[], { kind: string; detail: string }>('SELECT kind, detail FROM audit_log ORDER BY seq')
    .all()
    .filter((r) => r.kind === 'offline.code_unlocked');

describe('owner unlock of an order locked by wrong codes', () => {
  it("the owner's PIN grants another round of tries; the right code then records the sale", async () => {
    const o = create('8.00');
    await lockOut(o);
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { codeLocked: true } });

    const r = await unlock(o);
    expect(r).toMatchObject({
      ok: true,
      value: { codeLocked: false, codeAttemptsLeft: CODE_ATTEMPTS_MAX, codeUnlocksLeft: CODE_UNLOCKS_MAX - 1 },
    });
    const audited = auditKinds();
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({
      order_id: o.id,
      approver_id: ownerId,
      wrong_codes: CODE_ATTEMPTS_MAX,
      unlock: 1,
      reason: 'customer misread',
    });
    expect(await accept(o, codeOf(o))).toMatchObject({ ok: true, value: { status: 'paid', offlineVerified: true } });
  });

  it('a wrong or non-owner PIN unlocks nothing and leaves no unlock record', async () => {
    const o = create('8.00');
    await lockOut(o);
    expect(await unlock(o, '9999')).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    expect(await unlock(o, CASHIER_PIN, cashierId)).toMatchObject({ ok: false, error: { code: 'owner_required' } });
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { codeLocked: true } });
    expect(auditKinds()).toHaveLength(0);
    expect(await accept(o, codeOf(o))).toMatchObject({ ok: false, error: { code: 'offline_code_locked' } });
  });

  it('refuses an order that is not locked, or no longer payable, and changes nothing', async () => {
    const open = create('3.00');
    await accept(open, wrongCode(open));
    expect(await unlock(open)).toMatchObject({ ok: false, error: { code: 'offline_code_not_locked' } });
    expect(app.orders.get(open.id)).toMatchObject({ ok: true, value: { codeAttemptsLeft: CODE_ATTEMPTS_MAX - 1 } });

    // a cancelled order can still take a late payment, so it can be unlocked; a paid one cannot
    const cancelled = create('3.00');
    await lockOut(cancelled);
    expect((await app.dispatch('orders.cancel', { id: cancelled.id })).ok).toBe(true);
    expect((await unlock(cancelled)).ok).toBe(true);
    expect(await accept(cancelled, codeOf(cancelled))).toMatchObject({ ok: true, value: { late: true } });
    expect(await unlock(cancelled)).toMatchObject({ ok: false, error: { code: 'offline_order_not_payable' } });
    expect(auditKinds()).toHaveLength(1);
  });

  it(`at most ${CODE_UNLOCKS_MAX} unlocks per order; then it waits for the gateway or reconciliation`, async () => {
    const o = create('8.00');
    for (let i = 0; i < CODE_UNLOCKS_MAX; i++) {
      await lockOut(o);
      expect((await unlock(o)).ok).toBe(true);
    }
    await lockOut(o);
    expect(await unlock(o)).toMatchObject({
      ok: false,
      error: { code: 'offline_unlocks_exhausted', params: { max: CODE_UNLOCKS_MAX } },
    });
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { codeLocked: true, codeUnlocksLeft: 0 } });
    expect(auditKinds()).toHaveLength(CODE_UNLOCKS_MAX);
    expect(app.journal.lastSeq()).toBe(0);
  });

  it('refuses bad arguments at the boundary', async () => {
    const o = create('8.00');
    await lockOut(o);
    const bad = await app.dispatch('offline.unlockCode', {
      orderId: o.id,
      approverId: ownerId,
      approverPin: OWNER_PIN,
      reason: '   ',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { codeLocked: true } });
  });
});
