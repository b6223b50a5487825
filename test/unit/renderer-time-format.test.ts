import { describe, expect, it } from 'vitest';
import { shopTimeFormats } from '../../src-renderer/logic/time-format';

describe('shop time formats', () => {
  // 2026-12-07 21:04:26 UTC: 05:04:26 the next morning in Shanghai
  const at = Date.UTC(2026, 11, 7, 21, 4, 26);

  it('the shop’s wall clock, 24-hour, year first', () => {
    const f = shopTimeFormats('Asia/Shanghai');
    expect(f.time.format(at)).toBe('05:04:26');
    expect(f.dateTime.format(at)).toBe('2026-12-08 05:04');
    expect(f.dateTimeSeconds.format(at)).toBe('2026-12-08 05:04:26');
  });

  it('midnight is 00, not 24; the afternoon 17, not 5 PM', () => {
    const f = shopTimeFormats('UTC');
    expect(f.time.format(Date.UTC(2026, 0, 1, 0, 0, 5))).toBe('00:00:05');
    expect(f.dateTime.format(Date.UTC(2026, 0, 1, 17, 30))).toBe('2026-01-01 17:30');
  });

  it('another zone, another wall clock', () => {
    expect(shopTimeFormats('America/New_York').dateTime.format(at)).toBe('2026-12-07 16:04');
  });
});
