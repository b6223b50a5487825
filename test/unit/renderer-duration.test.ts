import { describe, expect, it } from 'vitest';
import { ageParts, clockOffsetMs, formatCountdown, remainingMs } from '../../src-renderer/logic/duration';

describe('countdown', () => {
  it('formats minutes and zero-padded seconds', () => {
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(60_000)).toBe('1:00');
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
  });

  it('rounds up, so 0:00 means the time is really over', () => {
    expect(formatCountdown(100)).toBe('0:01');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(0)).toBe('0:00');
  });

  it('never goes negative', () => {
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('counts on main’s clock, corrected by the offset measured at app.info', () => {
    // Main says 10_000 when our clock reads 7_000: we are 3 s behind.
    const offset = clockOffsetMs(10_000, 7_000);
    expect(offset).toBe(3_000);
    // Order expires at 70_000 on main's clock; our clock reads 37_000 → main is at 40_000.
    expect(remainingMs(70_000, 37_000, offset)).toBe(30_000);
  });
});

describe('age', () => {
  it('picks the coarsest whole unit', () => {
    expect(ageParts(59_999)).toEqual({ unit: 'seconds', n: 59 });
    expect(ageParts(61_000)).toEqual({ unit: 'minutes', n: 1 });
    expect(ageParts(3 * 3_600_000 + 59 * 60_000)).toEqual({ unit: 'hours', n: 3 });
    expect(ageParts(25 * 3_600_000)).toEqual({ unit: 'days', n: 1 });
  });

  it('treats a future instant (clock skew) as zero', () => {
    expect(ageParts(-10_000)).toEqual({ unit: 'seconds', n: 0 });
  });
});
