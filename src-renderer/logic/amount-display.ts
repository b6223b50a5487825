/**
 * Shows the text being typed ("1234.5") as money for the locale and currency, keeping what
 * the cashier typed (no rounding, no padding): { symbol "¥", number "1,234.5" }. Uses Intl only
 * for the symbol and the separators; digits come from the text, never through a float.
 */
import type { Currency } from '../../src-shared/money';

export interface AmountDisplayParts {
  readonly symbol: string;
  /** True when the locale writes the symbol before the number. */
  readonly symbolFirst: boolean;
  readonly number: string;
}

interface Separators {
  readonly symbol: string;
  readonly symbolFirst: boolean;
  readonly group: string;
  readonly decimal: string;
}

const cache = new Map<string, Separators>();

function separatorsFor(currency: Currency, locale: string): Separators {
  const key = `${locale}|${currency}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1234567.5);
  const types = parts.map((p) => p.type);
  const symbolIndex = types.indexOf('currency');
  const integerIndex = types.indexOf('integer');
  const seps: Separators = {
    symbol: parts[symbolIndex]?.value ?? currency,
    symbolFirst: symbolIndex < integerIndex,
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
  cache.set(key, seps);
  return seps;
}

function groupDigits(digits: string, group: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += group;
    out += digits[i];
  }
  return out;
}

export function amountDisplayParts(text: string, currency: Currency, locale: string): AmountDisplayParts {
  const seps = separatorsFor(currency, locale);
  const [intPart = '', fracPart] = text.split('.');
  const integer = groupDigits(intPart === '' ? '0' : intPart, seps.group);
  const number = fracPart === undefined ? integer : `${integer}${seps.decimal}${fracPart}`;
  return { symbol: seps.symbol, symbolFirst: seps.symbolFirst, number };
}
