import { afterEach, describe, expect, it } from 'vitest';
import { saleUnderWay } from '../../src-renderer/logic/sale-under-way';

afterEach(() => saleUnderWay.set(null));

describe('a sale under way, as the idle lock reads it', () => {
  it('holds until the order expires, never past it, even if the expiry never reached the screen', () => {
    expect(saleUnderWay.get(1_000)).toBe(false);
    saleUnderWay.set(5_000);
    expect(saleUnderWay.get(4_999)).toBe(true);
    expect(saleUnderWay.get(5_000)).toBe(false);
    saleUnderWay.set(null);
    expect(saleUnderWay.get(1_000)).toBe(false);
  });
});
