import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksOf, toBase64 } from '../../src-renderer/logic/reconcile-upload';
import { pagesFor, visibleRange } from '../../src-renderer/logic/virtual-window';

describe('virtual window', () => {
  it('renders only what is on screen plus overscan, within bounds', () => {
    expect(visibleRange(0, 360, 36, 100_000, 8)).toEqual({ start: 0, end: 19 });
    expect(visibleRange(36 * 50_000, 360, 36, 100_000, 8)).toEqual({ start: 49_992, end: 50_019 });
    expect(visibleRange(36 * 200_000, 360, 36, 100_000, 8)).toEqual({ start: 99_991, end: 100_000 });
    expect(visibleRange(0, 360, 36, 0)).toEqual({ start: 0, end: 0 });
  });
  it('always covers the rows in the viewport, and few more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 200_000 }), (top, total) => {
        const r = visibleRange(top, 360, 36, total, 8);
        const first = Math.min(total - 1, Math.floor(top / 36));
        expect(r.start).toBeLessThanOrEqual(first);
        expect(r.end).toBeLessThanOrEqual(total);
        expect(r.end - r.start).toBeLessThanOrEqual(11 + 16);
      }),
    );
  });
  it('pages a range touches', () => {
    expect(pagesFor({ start: 190, end: 420 }, 200)).toEqual([0, 1, 2]);
    expect(pagesFor({ start: 0, end: 0 }, 200)).toEqual([]);
  });
});

describe('upload chunks', () => {
  it('cover the bytes in order and base64 round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 700 }), (bytes, size) => {
        const parts = chunksOf(bytes, size);
        expect(parts.every((p) => p.bytes.length <= size)).toBe(true);
        const joined = Buffer.concat(parts.map((p) => Buffer.from(toBase64(p.bytes), 'base64')));
        expect(new Uint8Array(joined)).toEqual(bytes);
        parts.forEach((p, i) => expect(p.offset).toBe(i * size));
      }),
    );
  });
});
