import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { createDispatcher, type Dispatch } from '../../src-main/host/dispatch';
import { apiCalls } from '../../src-shared/api';
import { offlineConsole, TEST_PAIRING } from '../support/console';

let app: App;
let cleanup: () => void;
let dispatch: Dispatch;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  dispatch = createDispatcher(app.handlers);
});
afterEach(() => cleanup());

const snapshot = () =>
  app.db.prepare('SELECT (SELECT COUNT(*) FROM orders) AS o, (SELECT COUNT(*) FROM journal) AS j').get();

describe('dispatch', () => {
  it('refuses unknown names, including prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined, { a: 1 }]) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
  });

  it('refuses extra keys and wrong types for every call, and changes nothing', async () => {
    const before = snapshot();
    for (const name of Object.keys(apiCalls)) {
      expect(await dispatch(name, { unexpected: 1 }), name).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      });
      expect(await dispatch(name, 'text'), name).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      expect(await dispatch(name, [1, 2]), name).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(snapshot()).toEqual(before);
  });

  it('turns a handler exception into an internal error without leaking it', async () => {
    const d = createDispatcher({
      ...app.handlers,
      'orders.today': () => {
        throw new Error('secret detail');
      },
    });
    const r = await d('orders.today', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret detail');
  });

  it('answers any generated argument with a Result and never moves money', async () => {
    const names = Object.keys(apiCalls).filter((n) => n !== 'gateway.pair' && n !== 'gateway.useDemo');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (name, args) => {
        const r = await dispatch(name, args);
        expect(typeof r.ok).toBe('boolean');
        expect(app.journal.lastSeq()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('serves a valid call', async () => {
    const r = await dispatch('orders.create', { amount: '8.80' });
    expect(r).toMatchObject({ ok: true, value: { amountMinor: 880 } });
  });
});
