import { describe, expect, it } from 'vitest';
import { PIN_RE } from '../../src-shared/api/operators';
import { PIN_DIGITS_MAX, pinDigits } from '../../src-renderer/logic/pin-input';

describe('a PIN as the field keeps it', () => {
  it('reads full-width digits as digits and drops the rest', () => {
    expect(pinDigits('１２３４')).toBe('1234');
    expect(pinDigits('12 34')).toBe('1234');
    expect(pinDigits('12ab')).toBe('12');
  });
  it('keeps a paste longer than a PIN whole, for the form to refuse, instead of cutting it to 8', () => {
    const pasted = pinDigits('123456789');
    expect(pasted).toBe('123456789');
    expect(pasted.length).toBeGreaterThan(PIN_DIGITS_MAX);
    expect(PIN_RE.test(pasted)).toBe(false);
    expect(PIN_RE.test(pinDigits('12345678'))).toBe(true);
  });
});
