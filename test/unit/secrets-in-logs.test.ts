/**
 * Secrets never reach logs or error messages: drive the console through its paths that log or
 * fail (wrong PINs, lockout, refunds refused, handler exceptions, a broken gateway) while
 * capturing everything written to the console, then scan it — and every error returned — for
 * the PINs and the terminal secret.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src-main/app';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { SAMPLE_ID } from '../support/api-samples';
import { CASHIER_PIN, OWNER_PIN, addCashier, setupOwner } from '../support/operators';

let app: App;
let cleanup: () => void;
const captured: string[] = [];

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('secrets in logs and errors', () => {
  it('no PIN and no terminal secret appear in console output, audit details or error messages', async () => {
    app.terminal.save(TEST_PAIRING);
    const secretB64 = TEST_PAIRING.secret.toString('base64url');
    const secretHex = TEST_PAIRING.secret.toString('hex');
    const ownerId = await setupOwner(app);
    const cashierId = await addCashier(app);
    const replies: unknown[] = [];
    const call = async (name: string, args: unknown) => replies.push(await app.dispatch(name, args));
    await call('operators.logout', {});
    for (let i = 0; i < 4; i++) await call('operators.login', { operatorId: cashierId, pin: '8642' });
    await call('operators.login', { operatorId: ownerId, pin: OWNER_PIN });
    await call('refunds.create', {
      requestId: SAMPLE_ID,
      orderId: SAMPLE_ID,
      amount: '1',
      reason: 'x',
      approverId: ownerId,
      approverPin: '97531',
    });
    await call('operators.setupOwner', { name: 'Eve', pin: '112233' });
    await call('gateway.pair', { url: 'http://127.0.0.1:9', code: '12345678' });
    await call('orders.create', { amount: '1.00' });
    // a handler that throws: dispatch logs it
    const broken = app.handlers['orders.today'];
    (app.handlers as Record<string, unknown>)['orders.today'] = () => {
      throw new Error('boom');
    };
    await call('orders.today', {});
    (app.handlers as Record<string, unknown>)['orders.today'] = broken;

    const haystack = [
      ...captured,
      JSON.stringify(replies),
      JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all()),
      JSON.stringify(app.db.prepare('SELECT * FROM settings').all()),
    ].join('\n');
    expect(captured.length).toBeGreaterThan(0); // the scan saw real output
    for (const secret of [OWNER_PIN, CASHIER_PIN, '8642', '97531', '112233', secretB64, secretHex]) {
      expect(haystack).not.toContain(secret);
    }
  });
});
