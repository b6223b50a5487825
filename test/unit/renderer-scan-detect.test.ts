import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCAN_CODE_LENGTH_MAX,
  SCAN_CODE_LENGTH_MIN,
  SCAN_KEY_GAP_MAX_MS,
  scanKey,
  scanSequence,
  EMPTY_SCAN,
} from '../../src-renderer/logic/scan-detect';

const typed = (text: string, startMs: number, gapMs: number): [string, number][] =>
  [...text, 'Enter'].map((k, i) => [k === 'Enter' ? 'Enter' : k, startMs + i * gapMs]);

describe('scan detection', () => {
  it('recognises a scanner burst ending in Enter', () => {
    expect(scanSequence(typed('284567890123456789', 1000, 8))).toEqual(['284567890123456789']);
  });

  it('ignores the same digits typed by a person', () => {
    expect(scanSequence(typed('284567890123456789', 1000, 120))).toEqual([]);
  });

  it('ignores short bursts and Enter after a pause', () => {
    expect(scanSequence(typed('12345', 0, 5))).toEqual([]);
    const late: [string, number][] = [...typed('284567890123456789', 0, 5).slice(0, -1), ['Enter', 5000]];
    expect(scanSequence(late)).toEqual([]);
  });

  it('starts over after a slow key, so a burst after typing still scans', () => {
    const keys: [string, number][] = [['1', 0], ['2', 300], ...typed('284567890123456789', 1000, 10)];
    expect(scanSequence(keys)).toEqual(['284567890123456789']);
  });

  it('drops runs longer than any payment code, and other keys break a run', () => {
    expect(scanSequence(typed('9'.repeat(SCAN_CODE_LENGTH_MAX + 1), 0, 5))).toEqual([]);
    const broken = typed('2845678901234567', 0, 5);
    broken.splice(8, 0, ['a', 40]);
    expect(scanSequence(broken)).toEqual([]);
  });

  it('marks keys of a burst so the caller can swallow them', () => {
    const first = scanKey(EMPTY_SCAN, '2', 0);
    expect(first.inBurst).toBe(false);
    expect(scanKey(first.state, '8', 5).inBurst).toBe(true);
  });

  it('property: any digit run of scanner speed and valid length is returned exactly', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'0123456789'),
          minLength: SCAN_CODE_LENGTH_MIN,
          maxLength: SCAN_CODE_LENGTH_MAX,
        }),
        fc.integer({ min: 0, max: SCAN_KEY_GAP_MAX_MS }),
        (code, gap) => {
          expect(scanSequence(typed(code, 10_000, gap))).toEqual([code]);
        },
      ),
    );
  });
});
