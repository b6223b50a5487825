import { describe, expect, it } from 'vitest';
import { idleExpired } from '../../src-renderer/logic/idle';

describe('the idle lock', () => {
  it('locks after the minutes without input, never when set to 0', () => {
    expect(idleExpired(0, 14 * 60_000, 15)).toBe(false);
    expect(idleExpired(0, 15 * 60_000, 15)).toBe(true);
    expect(idleExpired(0, 10 ** 12, 0)).toBe(false);
  });
});
