import { describe, expect, it } from 'vitest';
import {
  pastedAmount,
  AMOUNT_INTEGER_DIGITS_MAX,
  applyAmountKey,
  keyFromKeyboard,
  type AmountKey,
} from '../../src-renderer/logic/amount-input';
import { amountDisplayParts } from '../../src-renderer/logic/amount-display';

const type = (keys: AmountKey[], exponent = 2, from = ''): string =>
  keys.reduce((text, k) => applyAmountKey(text, k, exponent).text, from);

describe('keypad input', () => {
  it('builds an amount from digits and one point', () => {
    expect(type(['1', '2', '.', '3', '4'])).toBe('12.34');
  });

  it('refuses a second point', () => {
    const step = applyAmountKey('1.2', '.', 2);
    expect(step).toEqual({ text: '1.2', accepted: false });
  });

  it('refuses more decimals than the currency has', () => {
    expect(applyAmountKey('1.23', '4', 2)).toEqual({ text: '1.23', accepted: false });
    expect(type(['1', '.', '5', '5', '5'])).toBe('1.55');
  });

  it('refuses a point for a currency without decimals (JPY)', () => {
    expect(applyAmountKey('100', '.', 0)).toEqual({ text: '100', accepted: false });
    expect(type(['1', '0', '0', '0'], 0)).toBe('1000');
  });

  it('starts with "0." when the point comes first', () => {
    expect(type(['.', '5'])).toBe('0.5');
  });

  it('replaces a lone leading zero instead of repeating it', () => {
    expect(type(['0', '5'])).toBe('5');
    expect(applyAmountKey('0', '0', 2).accepted).toBe(false);
    expect(type(['0', '.', '0', '1'])).toBe('0.01');
  });

  it('limits the integer digits', () => {
    const max = '9'.repeat(AMOUNT_INTEGER_DIGITS_MAX);
    expect(applyAmountKey(max, '9', 2)).toEqual({ text: max, accepted: false });
    expect(applyAmountKey(max, '.', 2).text).toBe(`${max}.`);
  });

  it('"00" adds as many zeros as fit', () => {
    expect(type(['1', '00'])).toBe('100');
    expect(type(['1', '.', '5', '00'])).toBe('1.50');
    expect(applyAmountKey('1.50', '00', 2).accepted).toBe(false);
    expect(type(['00'])).toBe('0');
  });

  it('backspace and clear', () => {
    expect(type(['1', '2', '.', 'backspace', 'backspace'])).toBe('1');
    expect(applyAmountKey('', 'backspace', 2).accepted).toBe(false);
    expect(type(['1', '2', 'clear'])).toBe('');
  });

  it('maps the physical keyboard', () => {
    expect(keyFromKeyboard('7')).toBe('7');
    expect(keyFromKeyboard('.')).toBe('.');
    expect(keyFromKeyboard(',')).toBe('.');
    expect(keyFromKeyboard('Backspace')).toBe('backspace');
    expect(keyFromKeyboard('a')).toBeNull();
    expect(keyFromKeyboard('Enter')).toBeNull();
  });
});

describe('amount display', () => {
  it('groups the integer part and keeps the typed decimals', () => {
    const p = amountDisplayParts('1234567.5', 'CNY', 'en');
    expect(p.number).toBe('1,234,567.5');
    expect(p.symbolFirst).toBe(true);
    expect(p.symbol).toContain('¥');
  });

  it('shows what was typed, not a rounded float', () => {
    expect(amountDisplayParts('0.10', 'CNY', 'zh-CN').number).toBe('0.10');
    expect(amountDisplayParts('12.', 'CNY', 'zh-CN').number).toBe('12.');
    expect(amountDisplayParts('99999999999.99', 'CNY', 'en').number).toBe('99,999,999,999.99');
  });

  it('shows 0 for nothing typed, and the symbol of the currency', () => {
    const p = amountDisplayParts('', 'CNY', 'zh-CN');
    expect(p.number).toBe('0');
    expect(p.symbol).toBe('¥');
    expect(amountDisplayParts('500', 'JPY', 'en').symbol).toContain('¥');
  });
});

describe('a pasted amount', () => {
  it('is taken as the keypad would build it, grouping, a currency sign and spaces dropped', () => {
    expect(pastedAmount('1,280.50', 2)).toBe('1280.50');
    expect(pastedAmount(' ¥12 ', 2)).toBe('12');
    expect(pastedAmount('CN¥0012.5', 2)).toBe('12.5');
    expect(pastedAmount('7.', 2)).toBe('7.');
    expect(pastedAmount('1500', 0)).toBe('1500');
  });
  it('is refused when it is not an amount this currency takes', () => {
    for (const bad of ['', '-5', '1e3', '12.3.4', '12.345', 'abc', '1234567890123', '５', '12,50', '1,2,3']) {
      expect(pastedAmount(bad, 2), bad).toBeNull();
    }
    expect(pastedAmount('12.5', 0)).toBeNull();
  });
});
