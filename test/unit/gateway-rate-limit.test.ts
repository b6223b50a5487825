import { describe, expect, it } from 'vitest';
import { FailureWindows, TokenBuckets } from '../../src-gateway/rate-limit';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate', () => {
    const buckets = new TokenBuckets(3, 2, 10);
    expect([1, 2, 3, 4].map(() => buckets.take('t', 0))).toEqual([true, true, true, false]);
    expect(buckets.take('t', 499)).toBe(false);
    expect(buckets.take('t', 500)).toBe(true);
    expect(buckets.take('other', 500)).toBe(true);
    // Never more than the burst, however long the pause.
    const after = [1, 2, 3, 4].map(() => buckets.take('t', 1_000_000));
    expect(after).toEqual([true, true, true, false]);
  });

  it('forgets the least recently used keys beyond its cap', () => {
    const buckets = new TokenBuckets(1, 0.001, 2);
    expect(buckets.take('a', 0)).toBe(true);
    expect(buckets.take('a', 0)).toBe(false);
    buckets.take('b', 0);
    buckets.take('c', 0);
    expect(buckets.take('a', 0)).toBe(true);
  });
});

describe('FailureWindows', () => {
  it('blocks a key at the maximum until its window ends', () => {
    const w = new FailureWindows(2, 60_000, 10);
    w.fail('ip', 0);
    expect(w.blocked('ip', 1)).toBe(false);
    w.fail('ip', 2);
    expect(w.blocked('ip', 3)).toBe(true);
    expect(w.blocked('other', 3)).toBe(false);
    expect(w.blocked('ip', 59_999)).toBe(true);
    expect(w.blocked('ip', 60_000)).toBe(false);
  });
});
