import type { TFunction } from 'i18next';
import type { RunView } from '../../src-shared/api/index';
import type { ResultClass } from '../../src-shared/api/reconcile-views';

/** Classes that need nothing from the owner: agreement, and orders nobody paid. */
const SETTLED: ReadonlySet<ResultClass> = new Set(['matched', 'no_payment']);

/** Rows of a run the owner has to look at; null until the run has totals. */
export function mismatchCount(run: Pick<RunView, 'totals'>): number | null {
  if (!run.totals) return null;
  let n = 0;
  for (const [cls, k] of Object.entries(run.totals.byClass) as [ResultClass, { count: number }][]) {
    if (!SETTLED.has(cls)) n += k.count;
  }
  return n;
}

/** A finished run's result for the history list: " · 3 处不符" or " · 全部相符"; nothing before. */
export function historyResult(t: TFunction, run: Pick<RunView, 'totals'>): string {
  const n = mismatchCount(run);
  if (n === null) return '';
  return ` · ${n === 0 ? t('reconcile.allMatch') : t('reconcile.mismatches', { n })}`;
}
