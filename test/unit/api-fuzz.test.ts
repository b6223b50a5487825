/**
 * The whole API surface through the guarded dispatch, with fast-check arguments: random values,
 * and valid samples with one field replaced by something hostile. Every call answers (never
 * throws), every failure carries a known error code, nothing is an `internal` error (a crash),
 * and the ledger is unchanged (no gateway: no money can move).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { apiCalls, type CallName } from '../../src-shared/api';
import { isErrorCode } from '../../src-shared/errors';
import { VALID_ARGS } from '../support/api-samples';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';

let app: App;
let cleanup: () => void;
let ownerId: string;

beforeAll(async () => {
  ({ app, cleanup } = offlineConsole(11));
  app.terminal.save(TEST_PAIRING);
  ownerId = await setupOwner(app);
});
afterAll(() => cleanup());

/** Calls that reach the network with valid-looking args; fuzzed with random values only. */
const NETWORK = new Set<CallName>(['gateway.pair', 'gateway.useDemo']);
const NAMES = Object.keys(apiCalls) as CallName[];

const hostile = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom("' OR 1=1 --", '__proto__', 'constructor', '9'.repeat(400), '-1', '1e309', 'NaN', '０１２３'),
  fc.integer(),
  fc.double(),
);
const mutatedArgs = (name: CallName) => {
  const sample = VALID_ARGS[name] as Record<string, unknown>;
  const keys = [...Object.keys(sample), '__proto__', 'extra'];
  return fc.record({ key: fc.constantFrom(...keys), v: hostile }).map(({ key, v }) => {
    const out: Record<string, unknown> = { ...sample };
    Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  });
};

const ledger = () => ({
  entries: app.journal.lastSeq(),
  postings: (app.db.prepare('SELECT COUNT(*) AS n FROM postings').get() as { n: number }).n,
});

describe('API fuzzing through dispatch', () => {
  it('every call answers with ok or a known error code; no internal errors; the ledger is unchanged', async () => {
    const before = ledger();
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...NAMES)
          .chain((name) =>
            fc.tuple(fc.constant(name), NETWORK.has(name) ? fc.anything() : fc.oneof(fc.anything(), mutatedArgs(name))),
          ),
        fc.boolean(),
        async ([name, args], loggedIn) => {
          app.session.set(loggedIn ? { id: ownerId, role: 'owner' } : null);
          const r = await app.dispatch(name, args);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(isErrorCode(r.error.code)).toBe(true);
            expect(r.error.code).not.toBe('internal');
            codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 1500, seed: 42 },
    );
    expect(ledger()).toEqual(before);
    expect(verifyJournal(app.db).ok).toBe(true);
    // the fuzz exercised both the guard and the validation
    expect(codes.get('invalid_argument') ?? 0).toBeGreaterThan(100);
    expect(codes.get('login_required') ?? 0).toBeGreaterThan(50);
  });

  it('unknown names and non-string names are answered, not thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (name, args) => {
        const r = await app.dispatch(name, args);
        if (!r.ok) expect(isErrorCode(r.error.code)).toBe(true);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
