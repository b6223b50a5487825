import { describe, expect, it } from 'vitest';
import { sourceDates, spanCoverage, spanRunnable } from '../../src-renderer/logic/source-span';

describe('a statement’s dates against the chosen range', () => {
  it('reads the business days of the first and last row, in the shop’s zone and cutoff', () => {
    // 2026-11-21 15:30 UTC is 23:30 in Shanghai; 2026-11-21 17:00 UTC is 01:00 on the 22nd
    const s = { minTimeMs: Date.UTC(2026, 10, 21, 15, 30), maxTimeMs: Date.UTC(2026, 10, 21, 17, 0) };
    expect(sourceDates(s, 'Asia/Shanghai', 0)).toEqual({ from: '2026-11-21', to: '2026-11-22' });
    // with a 04:00 cutoff, 01:00 still belongs to the day before
    expect(sourceDates(s, 'Asia/Shanghai', 4)).toEqual({ from: '2026-11-21', to: '2026-11-21' });
    expect(sourceDates({ minTimeMs: null, maxTimeMs: null }, 'Asia/Shanghai', 0)).toBeNull();
  });

  it('says whether the range holds all of it, part of it, or none of it', () => {
    const span = { from: '2026-11-21', to: '2026-11-22' };
    expect(spanCoverage(span, '2026-11-21', '2026-11-22')).toBe('inside');
    expect(spanCoverage(span, '2026-11-01', '2026-11-30')).toBe('inside');
    expect(spanCoverage(span, '2026-11-22', '2026-11-30')).toBe('partly');
    expect(spanCoverage(span, '2026-11-10', '2026-11-21')).toBe('partly');
    expect(spanCoverage(span, '2026-12-01', '2026-12-08')).toBe('outside');
    expect(spanCoverage(span, '2026-11-01', '2026-11-20')).toBe('outside');
  });

  it('offers the span as a range only within a run’s limit', () => {
    expect(spanRunnable({ from: '2026-01-01', to: '2026-12-31' })).toBe(true);
    expect(spanRunnable({ from: '2025-01-01', to: '2026-12-31' })).toBe(false);
  });
});
