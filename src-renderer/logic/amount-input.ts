/**
 * The amount the cashier is typing, as text, and which keystrokes it accepts. Pure: the
 * checkout screen feeds it keypad presses and physical keys. It only blocks what is obviously
 * wrong (a second '.', more decimals than the currency has, too many integer digits); main
 * parses the text exactly and is the authority on what is a valid amount.
 */

/** Integer digits the keypad accepts; main refuses anything above the order maximum anyway. */
export const AMOUNT_INTEGER_DIGITS_MAX = 12;

export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'backspace' | 'clear';

export interface AmountStep {
  readonly text: string;
  /** False when the key was refused and the text is unchanged. */
  readonly accepted: boolean;
}

const DIGITS = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export const isDigit = (s: string): boolean => s.length === 1 && DIGITS.has(s);

/** Maps a physical keyboard `KeyboardEvent.key` to a keypad key, or null when it is not one. */
export function keyFromKeyboard(key: string): AmountKey | null {
  if (isDigit(key)) return key as AmountKey;
  if (key === '.' || key === ',' || key === 'Decimal') return '.';
  if (key === 'Backspace') return 'backspace';
  if (key === 'Delete') return 'clear';
  return null;
}

function appendDigit(text: string, digit: string, exponent: number): string | null {
  const dot = text.indexOf('.');
  if (dot >= 0) {
    if (text.length - dot - 1 >= exponent) return null;
    return text + digit;
  }
  // A leading zero is replaced, never repeated: "0" + "5" → "5", "0" + "0" → refused.
  if (text === '0') return digit === '0' ? null : digit;
  if (text.length >= AMOUNT_INTEGER_DIGITS_MAX) return null;
  return text + digit;
}

/** Applies one key to the text for a currency with `exponent` decimals (CNY 2, JPY 0). */
export function applyAmountKey(text: string, key: AmountKey, exponent: number): AmountStep {
  const refused: AmountStep = { text, accepted: false };
  switch (key) {
    case 'clear':
      return { text: '', accepted: text !== '' };
    case 'backspace':
      return text === '' ? refused : { text: text.slice(0, -1), accepted: true };
    case '.': {
      if (exponent === 0 || text.includes('.')) return refused;
      return { text: text === '' ? '0.' : `${text}.`, accepted: true };
    }
    case '00': {
      // As many of the two zeros as fit: "1.5" + "00" → "1.50" for CNY.
      const once = appendDigit(text, '0', exponent);
      if (once === null) return refused;
      const twice = appendDigit(once, '0', exponent);
      return { text: twice ?? once, accepted: true };
    }
    default: {
      const next = appendDigit(text, key, exponent);
      return next === null ? refused : { text: next, accepted: true };
    }
  }
}

/**
 * An amount pasted as text ("1,280.50", "¥12", " 35 "): the text the keypad would have built,
 * or null when it is not an amount this currency can take (a sign, letters, too many decimals
 * or digits). Grouping commas, a currency sign and spaces are dropped; nothing else is guessed.
 */
export function pastedAmount(raw: string, exponent: number): string | null {
  const bare = raw.replace(/[\s¥￥]/g, '').replace(/^CN/i, '');
  // Commas only as thousands separators: "12,50" (a decimal comma) is refused, not read as 1250.
  if (bare.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(bare)) return null;
  const text = bare.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m || text.length > 32) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = m[2];
  if (whole.length > AMOUNT_INTEGER_DIGITS_MAX) return null;
  if (frac !== undefined && (exponent === 0 || frac.length > exponent)) return null;
  return frac === undefined ? whole : `${whole}.${frac}`;
}
