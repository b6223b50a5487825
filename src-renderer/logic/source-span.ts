/**
 * The business days a statement's rows fall on, and how a chosen date range covers them: a bill
 * imported for one week and run against another day matches nothing, and says "done, ¥0" —
 * the screen offers the bill's own dates instead.
 */
import type { SourceView } from '../../src-shared/api/index';
import { RECON_RANGE_DAYS_MAX } from '../../src-shared/api/reconcile';
import { businessDate, parseDate } from '../../src-shared/time';

export interface DateSpan {
  readonly from: string;
  readonly to: string;
}

/** The first and last business day of the source's rows; null for a source with none. */
export function sourceDates(
  s: Pick<SourceView, 'minTimeMs' | 'maxTimeMs'>,
  timeZone: string,
  cutoffHour: number,
): DateSpan | null {
  if (s.minTimeMs === null || s.maxTimeMs === null) return null;
  return { from: businessDate(s.minTimeMs, timeZone, cutoffHour), to: businessDate(s.maxTimeMs, timeZone, cutoffHour) };
}

/** How the range [from, to] covers the span: all of it, part of it, or none of it. */
export function spanCoverage(span: DateSpan, from: string, to: string): 'inside' | 'partly' | 'outside' {
  if (span.from >= from && span.to <= to) return 'inside';
  if (span.to < from || span.from > to) return 'outside';
  return 'partly';
}

/** Whether a run may take the span as its range (a reconciliation covers at most RECON_RANGE_DAYS_MAX days). */
export function spanRunnable(span: DateSpan): boolean {
  const a = parseDate(span.from);
  const b = parseDate(span.to);
  return a !== null && b !== null && (b - a) / 86_400_000 + 1 <= RECON_RANGE_DAYS_MAX;
}
