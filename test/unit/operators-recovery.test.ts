/** The owner's recovery code: an owner who forgot their PIN sets a new one at the lock screen. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { offlineConsole } from '../support/console';
import type { ManualClock } from '../support/fixtures';
import { addCashier, OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
});
afterEach(() => cleanup());

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('the owner’s recovery code', () => {
  it('sets a forgotten owner PIN at the lock screen, once; the code is never stored or logged', async () => {
    const ownerId = await setupOwner(app);
    expect((must(await app.dispatch('operators.status', {})) as { recoveryAvailable: boolean }).recoveryAvailable).toBe(
      false,
    );
    const { code } = must(await app.dispatch('operators.newRecoveryCode', { currentPin: OWNER_PIN })) as {
      code: string;
    };
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await app.dispatch('operators.logout', {});
    expect((must(await app.dispatch('operators.status', {})) as { recoveryAvailable: boolean }).recoveryAvailable).toBe(
      true,
    );
    // typed by a person: lower case, spaces instead of dashes
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const r = await app.dispatch('operators.recover', { operatorId: ownerId, code: typed, pin: '7531' });
    expect(codeOf(r)).toBe('ok');
    expect(app.session.currentOperatorId()).toBe(ownerId);
    await app.dispatch('operators.logout', {});
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: OWNER_PIN }))).toBe('pin_wrong');
    expect(codeOf(await app.dispatch('operators.login', { operatorId: ownerId, pin: '7531' }))).toBe('ok');
    await app.dispatch('operators.logout', {});
    // used up
    expect(codeOf(await app.dispatch('operators.recover', { operatorId: ownerId, code, pin: '1111' }))).toBe(
      'recovery_unavailable',
    );
    const stored = JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all());
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(/-/g, ''));
  });

  it('counts wrong codes and locks after five; only an owner can be recovered; a new code replaces the old', async () => {
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app, 'Li');
    const first = (must(await app.dispatch('operators.newRecoveryCode', { currentPin: OWNER_PIN })) as { code: string })
      .code;
    const { code } = must(await app.dispatch('operators.newRecoveryCode', { currentPin: OWNER_PIN })) as {
      code: string;
    };
    await app.dispatch('operators.logout', {});
    expect(codeOf(await app.dispatch('operators.recover', { operatorId: ownerId, code: first, pin: '1111' }))).toBe(
      'recovery_code_wrong',
    );
    expect(codeOf(await app.dispatch('operators.recover', { operatorId: cashierId, code, pin: '1111' }))).toBe(
      'owner_required',
    );
    for (let i = 0; i < 3; i++) {
      await app.dispatch('operators.recover', { operatorId: ownerId, code: 'AAAA-AAAA-AAAA-AAAA', pin: '1111' });
    }
    const fifth = await app.dispatch('operators.recover', {
      operatorId: ownerId,
      code: 'AAAA-AAAA-AAAA-AAAA',
      pin: '1111',
    });
    expect(codeOf(fifth)).toBe('recovery_locked');
    // locked: even the right code waits
    expect(codeOf(await app.dispatch('operators.recover', { operatorId: ownerId, code, pin: '1111' }))).toBe(
      'recovery_locked',
    );
    clock.advance(61 * 60_000);
    expect(codeOf(await app.dispatch('operators.recover', { operatorId: ownerId, code, pin: '1111' }))).toBe('ok');
  });
});
