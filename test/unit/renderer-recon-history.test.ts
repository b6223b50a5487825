import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../../src-shared/api/index';
import { RESULT_CLASSES } from '../../src-shared/api/reconcile-views';
import { historyResult, mismatchCount } from '../../src-renderer/logic/recon-history';

const t = ((key: string, o?: { n?: number }) => (o?.n === undefined ? key : `${key}:${o.n}`)) as unknown as TFunction;
function run(counts: Partial<Record<(typeof RESULT_CLASSES)[number], number>>): Pick<RunView, 'totals'> {
  const byClass = Object.fromEntries(
    RESULT_CLASSES.map((c) => [c, { count: counts[c] ?? 0, consoleMinor: 0, statementMinor: 0, feeMinor: 0 }]),
  );
  return { totals: { byClass } as unknown as RunView['totals'] };
}

describe('a run in the history list', () => {
  it('says how many rows need the owner (not matched, not unpaid on both sides)', () => {
    expect(mismatchCount(run({ matched: 5, no_payment: 3, duplicate_payment: 1, only_statement: 2 }))).toBe(3);
    expect(historyResult(t, run({ matched: 5, refund_mismatch: 1 }))).toBe(' · reconcile.mismatches:1');
    expect(historyResult(t, run({ matched: 5, no_payment: 3 }))).toBe(' · reconcile.allMatch');
    expect(historyResult(t, { totals: null })).toBe('');
  });
});
