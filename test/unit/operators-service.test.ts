import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { HOUR_MS } from '../../src-shared/time';
import { offlineConsole } from '../support/console';
import type { ManualClock } from '../support/fixtures';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
});
afterEach(() => cleanup());

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('operators', () => {
  it('opens locked; first run creates the owner once and logs them in', async () => {
    const before = await app.dispatch('operators.status', {});
    expect(before).toMatchObject({ ok: true, value: { hasOwner: false, current: null } });
    expect(codeOf(await app.dispatch('orders.today', {}))).toBe('login_required');
    const ownerId = await setupOwner(app);
    expect(app.session.currentOperatorId()).toBe(ownerId);
    expect(codeOf(await app.dispatch('operators.setupOwner', { name: 'Mallory', pin: '0000' }))).toBe('owner_exists');
    const row = app.db.prepare('SELECT pin_hash FROM operators WHERE id = ?').get(ownerId) as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(row.pin_hash).not.toContain(OWNER_PIN);
  });

  it('two operators with the same PIN get different hashes (salted)', async () => {
    await setupOwner(app, '1111');
    await addCashier(app, 'A', '1111');
    const hashes = app.db.prepare('SELECT pin_hash FROM operators').all() as { pin_hash: string }[];
    expect(new Set(hashes.map((h) => h.pin_hash)).size).toBe(2);
  });

  it('records the logged-in operator on every order', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe('ok');
    const { TEST_PAIRING } = await import('../support/console');
    app.terminal.save(TEST_PAIRING);
    const order = await app.dispatch('orders.create', { amount: '5.00' });
    expect(order.ok).toBe(true);
    const id = (order as { value: { id: string } }).value.id;
    expect(app.db.prepare('SELECT operator_id FROM orders WHERE id = ?').get(id)).toEqual({ operator_id: cashierId });
    expect(ownerId).not.toBe(cashierId);
  });

  it('cashiers cannot use owner calls; logged-out consoles cannot move money', async () => {
    await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    for (const name of ['orders.create', 'orders.cancel', 'refunds.create', 'orders.today'] as const) {
      const { VALID_ARGS } = await import('../support/api-samples');
      expect(codeOf(await app.dispatch(name, VALID_ARGS[name]))).toBe('login_required');
    }
    await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN });
    expect(codeOf(await app.dispatch('audit.list', {}))).toBe('owner_required');
    expect(codeOf(await app.dispatch('operators.create', { name: 'X', role: 'owner', pin: '9999' }))).toBe(
      'owner_required',
    );
    // closing the day is the owner's too: business-day rules, offline limits, reconciliation
    const { VALID_ARGS } = await import('../support/api-samples');
    for (const name of ['reports.setBusinessDay', 'offline.setLimits', 'reconcile.start', 'reconcile.act'] as const) {
      expect(codeOf(await app.dispatch(name, VALID_ARGS[name]))).toBe('owner_required');
    }
    expect(app.settings.get().businessDayCutoffHour).toBe(0);
  });

  it('locks after 3 wrong PINs for 3 hours (injected clock); a right PIN while locked is refused', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    const wrong = () => app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' });
    const r1 = await wrong();
    expect(r1).toMatchObject({ ok: false, error: { code: 'pin_wrong', params: { attempts_left: 2 } } });
    expect(codeOf(await wrong())).toBe('pin_wrong');
    const r3 = await wrong();
    expect(r3).toMatchObject({
      ok: false,
      error: { code: 'operator_locked', params: { until_ms: clock.now() + 3 * HOUR_MS } },
    });
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe(
      'operator_locked',
    );
    clock.advance(3 * HOUR_MS - 1);
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe(
      'operator_locked',
    );
    clock.advance(1);
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe('ok');
    expect(ownerId).toBeTruthy();
  });

  it('a right PIN resets the count; the owner can unlock early; settings change both limits', async () => {
    await setupOwner(app);
    const cashierId = await addCashier(app);
    // a shorter lockout loosens it: the caller's PIN again
    expect(codeOf(await app.dispatch('operators.setLockout', { attemptsMax: 2, lockoutMinutes: 10 }))).toBe(
      'pin_wrong',
    );
    expect(
      codeOf(await app.dispatch('operators.setLockout', { attemptsMax: 2, lockoutMinutes: 10, currentPin: OWNER_PIN })),
    ).toBe('ok');
    // tightening needs no PIN (a longer lockout)
    expect(codeOf(await app.dispatch('operators.setLockout', { attemptsMax: 2, lockoutMinutes: 20 }))).toBe('ok');
    expect(
      codeOf(await app.dispatch('operators.setLockout', { attemptsMax: 2, lockoutMinutes: 10, currentPin: OWNER_PIN })),
    ).toBe('ok');
    const ownerId = app.session.currentOperatorId()!;
    await app.dispatch('operators.logout', {});
    await app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' });
    await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN });
    await app.dispatch('operators.logout', {});
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' }))).toBe('pin_wrong');
    const locked = await app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'operator_locked', params: { until_ms: clock.now() + 600_000 } },
    });
    await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN });
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: cashierId }))).toBe('ok');
    await app.dispatch('operators.logout', {});
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe('ok');
  });

  it("no one clears their own lockout, and an owner's needs the caller's PIN: a till left open cannot loop PIN guesses", async () => {
    await setupOwner(app);
    const ownerId = app.session.currentOperatorId()!;
    // three wrong PINs where the refund approval asks for the owner's: locked
    for (let i = 0; i < 3; i++) await app.operators.checkPin(ownerId, '9999', 'owner');
    expect(codeOf(await app.operators.checkPin(ownerId, OWNER_PIN, 'owner'))).toBe('operator_locked');
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: ownerId }))).toBe('unlock_self');
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: ownerId, currentPin: OWNER_PIN }))).toBe(
      'unlock_self',
    );
    expect(codeOf(await app.operators.checkPin(ownerId, OWNER_PIN, 'owner'))).toBe('operator_locked');

    // another owner, locked the same way: unlocked only with the caller's PIN
    clock.advance(4 * HOUR_MS);
    must(await app.dispatch('operators.create', { name: 'B', role: 'owner', pin: '7777', currentPin: OWNER_PIN }));
    const other = (
      must(await app.dispatch('operators.list', {})) as { operators: { id: string; name: string }[] }
    ).operators.find((o) => o.name === 'B')!.id;
    for (let i = 0; i < 3; i++) await app.operators.checkPin(other, '9999', 'owner');
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: other }))).toBe('pin_wrong');
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: other, currentPin: '1111' }))).toBe('pin_wrong');
    expect(codeOf(await app.operators.checkPin(other, '7777', 'owner'))).toBe('operator_locked');
    expect(codeOf(await app.dispatch('operators.unlock', { operatorId: other, currentPin: OWNER_PIN }))).toBe('ok');
    expect(codeOf(await app.operators.checkPin(other, '7777', 'owner'))).toBe('ok');
  });

  it('the idle lock is a setting the window reads from the session: 15 minutes by default, 0 for never', async () => {
    await setupOwner(app);
    const session = async () => must(await app.dispatch('operators.status', {})) as { idleLockMinutes: number };
    expect((await session()).idleLockMinutes).toBe(15);
    const set = (idleLockMinutes: number) =>
      app.dispatch('operators.setLockout', {
        attemptsMax: 3,
        lockoutMinutes: 180,
        idleLockMinutes,
        currentPin: OWNER_PIN,
      });
    expect(codeOf(await set(0))).toBe('ok');
    expect((await session()).idleLockMinutes).toBe(0);
    expect(codeOf(await set(5))).toBe('ok');
    expect((await session()).idleLockMinutes).toBe(5);
    for (const bad of [-1, 241, 1.5]) expect(codeOf(await set(bad))).toBe('idle_lock_minutes_invalid');
    expect((await session()).idleLockMinutes).toBe(5);
    const audit = app.db
      .prepare("SELECT detail FROM audit_log WHERE kind = 'settings.changed' ORDER BY seq DESC LIMIT 1")
      .get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ idle_lock_minutes: 5 });
  });

  it('concurrent wrong PINs cannot exceed the limit', async () => {
    await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    const results = await Promise.all(
      Array.from({ length: 6 }, () => app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' })),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'pin_wrong')).toHaveLength(2);
    expect(codes.filter((c) => c === 'operator_locked')).toHaveLength(4);
  });

  it('logins, failures, lockouts and account changes are audited without PINs', async () => {
    await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    for (let i = 0; i < 3; i++) await app.dispatch('operators.login', { operatorId: cashierId, pin: '9753' });
    const kinds = (app.db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as { kind: string }[]).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual([
      'operator.owner_setup',
      'operator.login',
      'operator.created',
      'operator.logout',
      'operator.pin_wrong',
      'operator.pin_wrong',
      'operator.pin_wrong',
      'operator.locked',
    ]);
    const text = JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all());
    for (const pin of [OWNER_PIN, CASHIER_PIN, '9753']) expect(text).not.toContain(pin);
  });
});

describe('deactivating operators and resetting PINs', () => {
  it('a deactivated cashier leaves the lock screen, cannot log in or approve, and keeps their history', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, 'Li');
    const off = await app.dispatch('operators.setActive', { operatorId: cashierId, active: false });
    expect(off).toMatchObject({ ok: true });
    const listed = (off as { value: { operators: { id: string; disabled: boolean }[] } }).value.operators;
    expect(listed.find((o) => o.id === cashierId)?.disabled).toBe(true);
    const status = await app.dispatch('operators.status', {});
    expect((status as { value: { operators: { id: string }[] } }).value.operators.map((o) => o.id)).toEqual([ownerId]);
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe(
      'operator_disabled',
    );
    // the row stays: names in reports and the audit log still resolve
    expect(app.db.prepare('SELECT name FROM operators WHERE id = ?').get(cashierId)).toEqual({ name: 'Li' });
    // active again: logs in with the same PIN
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: cashierId, active: true }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe('ok');
    const kinds = app.db.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'operator.%abled'").all();
    expect(kinds).toEqual([{ kind: 'operator.disabled' }, { kind: 'operator.enabled' }]);
  });

  it('refuses a second active operator of the same name (the lock screen could not tell them apart)', async () => {
    await setupOwner(app);
    const li = await addCashier(app, '小李');
    const count = () => (app.db.prepare('SELECT COUNT(*) AS n FROM operators').get() as { n: number }).n;
    const before = count();
    for (const name of ['小李', ' 小李 ', 'owner']) {
      expect(await app.dispatch('operators.create', { name, role: 'cashier', pin: '1111' }), name).toMatchObject({
        ok: false,
        error: { code: 'operator_name_taken', params: { name: name.trim() } },
      });
    }
    expect(count()).toBe(before);
    // letter case beyond ASCII, and one name typed in two Unicode forms
    await addCashier(app, 'Émile', '3333');
    for (const name of ['ÉMILE', 'E\u0301mile']) {
      expect(await app.dispatch('operators.create', { name, role: 'cashier', pin: '1111' }), name).toMatchObject({
        ok: false,
        error: { code: 'operator_name_taken' },
      });
    }
    // two adds of one name at once (a double click): one lands
    const both = await Promise.all(
      [1, 2].map(() => app.dispatch('operators.create', { name: 'Wang', role: 'cashier', pin: '4444' })),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM operators WHERE name = 'Wang'").get()).toEqual({ n: 1 });
    // the name of one who left may be given again; the one who left cannot come back beside them
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: li, active: false }))).toBe('ok');
    const newLi = await addCashier(app, '小李', '2222');
    expect(newLi).not.toBe(li);
    expect(await app.dispatch('operators.setActive', { operatorId: li, active: true })).toMatchObject({
      ok: false,
      error: { code: 'operator_name_taken' },
    });
  });

  it('never the last owner, never oneself; a second owner can be deactivated', async () => {
    const ownerId = await setupOwner(app);
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: ownerId, active: false }))).toBe(
      'operator_self',
    );
    const r = await app.dispatch('operators.create', {
      name: 'Second',
      role: 'owner',
      pin: '9753',
      currentPin: OWNER_PIN,
    });
    const second = (r as { value: { operators: { id: string; name: string }[] } }).value.operators.find(
      (o) => o.name === 'Second',
    )!.id;
    expect(codeOf(await app.dispatch('operators.login', { operatorId: second, pin: '9753' }))).toBe('ok');
    // the first owner is not the last active owner while Second is active
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: ownerId, active: false }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe(
      'operator_disabled',
    );
    // Second is now the only owner; as a cashier cannot call this, try it as Second on themself
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: second, active: false }))).toBe(
      'operator_self',
    );
    expect(app.operators.store.countOwners.get()).toEqual({ n: 1 });
  });

  it('the owner resets a forgotten PIN (clearing a lockout); their own needs the current one', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, 'Li');
    for (let i = 0; i < 3; i++) await app.dispatch('operators.login', { operatorId: cashierId, pin: '0000' });
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe(
      'operator_locked',
    );
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.setPin', { operatorId: cashierId, pin: '8642' }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe(
      'pin_wrong',
    );
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: '8642' }))).toBe('ok');

    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.setPin', { operatorId: ownerId, pin: '1122' }))).toBe('pin_wrong');
    expect(
      codeOf(await app.dispatch('operators.setPin', { operatorId: ownerId, pin: '1122', currentPin: '9999' })),
    ).toBe('pin_wrong');
    expect(
      codeOf(await app.dispatch('operators.setPin', { operatorId: ownerId, pin: '1122', currentPin: OWNER_PIN })),
    ).toBe('ok');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: '1122' }))).toBe('ok');
    const audit = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'operator.pin_reset'").all() as {
      detail: string;
    }[];
    expect(audit).toHaveLength(2);
    for (const a of audit) expect(a.detail).not.toMatch(/8642|1122/);
  });

  it('a till left open with an owner logged in does not give an owner’s account away', async () => {
    const ownerId = await setupOwner(app);
    const count = () =>
      (app.db.prepare("SELECT COUNT(*) AS n FROM operators WHERE role = 'owner'").get() as { n: number }).n;
    // no recovery code, no new owner, no other owner's PIN without the caller's own PIN
    expect(codeOf(await app.dispatch('operators.newRecoveryCode', { currentPin: '0000' }))).toBe('pin_wrong');
    expect(codeOf(await app.dispatch('operators.create', { name: 'Mallory', role: 'owner', pin: '2468' }))).toBe(
      'pin_wrong',
    );
    expect(count()).toBe(1);
    expect(
      codeOf(await app.dispatch('operators.create', { name: 'Co', role: 'owner', pin: '2468', currentPin: OWNER_PIN })),
    ).toBe('ok');
    const coId = (app.db.prepare("SELECT id FROM operators WHERE name = 'Co'").get() as { id: string }).id;
    expect(codeOf(await app.dispatch('operators.setPin', { operatorId: coId, pin: '1357' }))).toBe('pin_wrong');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: coId, pin: '2468' }))).toBe('ok');
    // a cashier is added and reset without it, as before
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe('ok');
    const cashierId = await addCashier(app, 'Li');
    expect(codeOf(await app.dispatch('operators.setPin', { operatorId: cashierId, pin: '8642' }))).toBe('ok');
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM owner_recovery').get()).toEqual({ n: 0 });
  });

  it('the language switch at the lock screen writes no audit row; a logged-in change is audited', async () => {
    const ownerId = await setupOwner(app);
    await app.dispatch('operators.logout', {});
    const rows = () =>
      (app.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'settings.changed'").get() as { n: number }).n;
    for (let i = 0; i < 10; i++) {
      expect(codeOf(await app.dispatch('settings.setLocale', { locale: i % 2 ? 'zh-CN' : 'en' }))).toBe('ok');
    }
    expect(rows()).toBe(0);
    expect(app.settings.get().locale).toBe('zh-CN');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe('ok');
    await app.dispatch('settings.setLocale', { locale: 'en' });
    expect(rows()).toBe(1);
  });

  it('a cashier cannot deactivate anyone or reset a PIN', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, 'Li');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }))).toBe('ok');
    expect(codeOf(await app.dispatch('operators.setActive', { operatorId: ownerId, active: false }))).toBe(
      'owner_required',
    );
    expect(codeOf(await app.dispatch('operators.setPin', { operatorId: ownerId, pin: '0000' }))).toBe('owner_required');
  });
});
