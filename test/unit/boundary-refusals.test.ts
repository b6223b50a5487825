/**
 * Values out of range are refused in main with a code naming the field and its range, and
 * change nothing: the lockout settings, a drawer count, a pairing URL or code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CASH_DRAWER_MAX_MINOR } from '../../src-main/settlement/shifts';
import { lockoutFieldRefusal, wholeNumberAsTyped } from '../../src-shared/lockout-limits';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(async () => {
  ({ app, cleanup } = offlineConsole());
  await setupOwner(app);
});
afterEach(() => cleanup());

type Refusal = { ok: boolean; error?: { code: string; params?: Record<string, unknown> } };
const refusal = (r: Refusal) => (r.ok ? 'ok' : { code: r.error!.code, params: r.error!.params });
const settingsRows = () => app.db.prepare('SELECT key, value FROM settings ORDER BY key').all();

describe('operators.setLockout', () => {
  const set = (attemptsMax: number, lockoutMinutes: number, idleLockMinutes?: number) =>
    app.dispatch('operators.setLockout', { attemptsMax, lockoutMinutes, idleLockMinutes, currentPin: OWNER_PIN });

  it('names the field and its range for each value out of it, and saves nothing', async () => {
    const before = settingsRows();
    const attempts = { code: 'lockout_attempts_invalid', params: { min: 1, max: 10 } };
    const minutes = { code: 'lockout_minutes_invalid', params: { min: 1, max: 1440 } };
    const idle = { code: 'idle_lock_minutes_invalid', params: { min: 0, max: 240 } };
    for (const bad of [0, 1000, -1, 0.5, 11]) expect(refusal(await set(bad, 60, 15))).toEqual(attempts);
    for (const bad of [0, 999_999, -1, 1.5, 1441]) expect(refusal(await set(3, bad, 15))).toEqual(minutes);
    for (const bad of [100_000, -1, 0.5, 241]) expect(refusal(await set(3, 60, bad))).toEqual(idle);
    expect(settingsRows()).toEqual(before);
    expect(app.db.prepare("SELECT seq FROM audit_log WHERE kind = 'settings.changed'").all()).toEqual([]);
  });

  it('takes the ends of each range', async () => {
    expect(refusal(await set(1, 1, 0))).toBe('ok');
    expect(refusal(await set(10, 1440, 240))).toBe('ok');
    expect(app.settings.get()).toMatchObject({
      pinAttemptsMax: 10,
      pinLockoutMs: 1440 * 60_000,
      idleLockMs: 240 * 60_000,
    });
  });

  it('the window reads what was typed as it stands: "-1" and "0.5" are no numbers, not 1 and 5', () => {
    expect(wholeNumberAsTyped(' 12 ')).toBe(12);
    for (const typed of ['-1', '0.5', '', '1e3', '５', 'abc']) {
      expect(wholeNumberAsTyped(typed), typed).toBeNaN();
      expect(lockoutFieldRefusal('attemptsMax', wholeNumberAsTyped(typed))?.error.code).toBe(
        'lockout_attempts_invalid',
      );
    }
  });
});

describe('closing a shift with a count over what a drawer holds', () => {
  it('is refused in its own words, with the limit as minor units and currency for the window to format', async () => {
    app.terminal.save(TEST_PAIRING);
    must(await app.dispatch('shift.open', { float: '100' }));
    const seq = app.journal.lastSeq();
    expect(refusal(await app.dispatch('shift.close', { counted: '99999999999' }))).toEqual({
      code: 'cash_count_too_large',
      params: { max: '1000000.00', max_minor: CASH_DRAWER_MAX_MINOR, currency: 'CNY' },
    });
    expect(app.journal.lastSeq()).toBe(seq);
    expect(app.db.prepare('SELECT closed_at_ms FROM shifts').all()).toEqual([{ closed_at_ms: null }]);
    // a paid-in over the limit keeps the general wording, with the limit as money too
    expect(
      refusal(await app.dispatch('shift.cashMove', { direction: 'in', amount: '99999999999', reason: 'x' })),
    ).toEqual({
      code: 'amount_too_large',
      params: { max: '1000000.00', max_minor: CASH_DRAWER_MAX_MINOR, currency: 'CNY' },
    });
  });
});

describe('gateway.pair', () => {
  it('refuses a code that is not 8 digits and a URL that is not http(s), by their own codes, sending nothing', async () => {
    const before = app.terminal.get();
    // no gateway listens on these: a refusal that reached the network would be gateway_unreachable
    const url = 'http://127.0.0.1:9';
    for (const code of ['1234', 'abcdefgh', '1234567a', '123456789']) {
      expect(refusal(await app.dispatch('gateway.pair', { url, code }))).toEqual({
        code: 'pairing_code_malformed',
        params: { digits: 8 },
      });
    }
    for (const bad of ['not a url', 'ftp://example.com', 'http://u:p@example.com', 'example.com']) {
      expect(refusal(await app.dispatch('gateway.pair', { url: bad, code: '12345678' }))).toMatchObject({
        code: 'pairing_url_invalid',
      });
    }
    expect(app.terminal.get()).toEqual(before);
    expect(app.db.prepare("SELECT seq FROM audit_log WHERE kind = 'gateway.paired'").all()).toEqual([]);
  });
});
