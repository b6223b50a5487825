import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, feeHalfUp } from '../../src-main/settlement/fees';

describe('feeHalfUp: per transaction, half up to the fen', () => {
  it.each([
    // amount (fen), rate (bps), fee (fen), why
    [0, 38, 0, 'nothing sold, no fee'],
    [1, 38, 0, '0.0038 fen rounds down'],
    [131, 38, 0, '0.4978 fen: just below half'],
    [132, 38, 1, '0.5016 fen: just above half'],
    [125, 40, 1, 'exactly 0.5 fen rounds up'],
    [124, 40, 0, '0.496 fen rounds down'],
    [375, 40, 2, 'exactly 1.5 fen rounds up (not to even)'],
    [8800, 38, 33, '88.00 at 0.38 % = 33.44 fen'],
    [10000, 38, 38, '100.00 at 0.38 % = 38 fen exactly'],
    [3000, 60, 18, '30.00 at 0.6 % = 18 fen exactly'],
    [2583, 60, 15, '15.498 fen rounds down'],
    [2584, 60, 16, '15.504 fen rounds up'],
    [12_345_678, 38, 46_914, '123,456.78 at 0.38 % = 46,913.5764 fen'],
    [5000, 0, 0, 'sandbox: no fee'],
  ])('%i fen at %i bps → %i fen (%s)', (amount, bps, fee) => {
    expect(feeHalfUp(amount, bps)).toBe(fee);
  });

  it('refuses negative amounts and impossible rates (a bug, not input)', () => {
    expect(() => feeHalfUp(-1, 38)).toThrow(/assertion/);
    expect(() => feeHalfUp(100, 1_001)).toThrow(/assertion/);
    expect(() => feeHalfUp(100, 0.5)).toThrow(/assertion/);
  });

  it('never differs from the exact product by more than half a fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 1_000 }), (a, r) => {
        const fee = feeHalfUp(a, r);
        const exact10k = a * r; // fee × 10 000
        expect(Math.abs(fee * 10_000 - exact10k)).toBeLessThanOrEqual(5_000);
        if (fee * 10_000 - exact10k === -5_000) throw new Error('a half fen was rounded down');
      }),
    );
  });
});

describe('allocate: a batch fee over its transactions', () => {
  it('sums to the batch fee exactly, in proportion, ties to the earlier part', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(33, [8800, 0, 200])).toEqual([32, 0, 1]);
    expect(allocate(7, [0, 0])).toEqual([7, 0]);
    expect(allocate(0, [5, 9])).toEqual([0, 0]);
  });

  it('always sums to the total and each part is within one fen of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 50 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum > 0) parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1));
        },
      ),
    );
  });
});
