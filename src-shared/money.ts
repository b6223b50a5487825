import { err, ok, type Result } from './result';

/** Integer minor units (fen for CNY). Never a float of major units. */
export type Minor = number & { readonly __brand: 'Minor' };

export const CURRENCIES = {
  CNY: { exponent: 2, numeric: '156' },
  HKD: { exponent: 2, numeric: '344' },
  USD: { exponent: 2, numeric: '840' },
  JPY: { exponent: 0, numeric: '392' },
} as const;
export type Currency = keyof typeof CURRENCIES;

export const isCurrency = (x: unknown): x is Currency =>
  typeof x === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, x);

export const exponentOf = (currency: Currency): number => CURRENCIES[currency].exponent;

/** Longest amount text we even look at: 13 integer digits + '.' + decimals, with margin. */
export const AMOUNT_TEXT_LENGTH_MAX = 24;

export function asMinor(n: number): Minor {
  if (!Number.isSafeInteger(n)) throw new Error(`assertion failed: minor units must be a safe integer, got ${n}`);
  return n as Minor;
}

/**
 * Parses what a person typed ("12", "12.3", "12.30", "0.01") into minor units, digit by digit,
 * never through a float. Refuses signs, exponents, grouping, more decimals than the currency
 * has, zero, and anything above `maxMinor`.
 */
export function parseAmount(text: string, currency: Currency, maxMinor: number): Result<Minor> {
  if (!Number.isSafeInteger(maxMinor) || maxMinor < 1) throw new Error(`assertion failed: maxMinor ${maxMinor}`);
  if (typeof text !== 'string') return err('amount_not_number', 'amount must be a string');
  if (text.length > AMOUNT_TEXT_LENGTH_MAX) return err('amount_not_number', 'amount text is too long');
  const s = text.trim();
  if (s === '') return err('amount_empty', 'amount is empty');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) {
    return err('amount_not_number', 'amount is not a plain decimal number');
  }
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  const exponent = exponentOf(currency);
  if (fracPart.length > exponent) {
    return err('amount_too_many_decimals', `at most ${exponent} decimals for ${currency}`, { decimals: exponent });
  }
  const digits = (intPart + fracPart.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 16)
    return err('amount_too_large', 'amount is too large', { max: formatPlain(maxMinor, currency) });
  let minor = 0;
  for (const ch of digits) minor = minor * 10 + (ch.charCodeAt(0) - 48);
  if (minor === 0) return err('amount_zero', 'amount must be greater than zero');
  if (minor > maxMinor) {
    // The limit in minor units with its currency too: the window says it as money (¥100,000.00).
    return err('amount_too_large', `amount exceeds the maximum of ${formatPlain(maxMinor, currency)}`, {
      max: formatPlain(maxMinor, currency),
      max_minor: maxMinor,
      currency,
    });
  }
  return ok(asMinor(minor));
}

/** Exact decimal text of minor units, e.g. 1234 CNY → "12.34", 5 JPY → "5", -5 CNY → "-0.05". */
export function formatPlain(minor: number, currency: Currency): string {
  asMinor(minor);
  const exponent = exponentOf(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Locale-formatted money ("¥12.34", "CN¥12.34"), exact: Intl gets the decimal string, not a float. */
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    const exponent = exponentOf(currency);
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, f);
  }
  // Intl.NumberFormat formats decimal strings exactly (ES2023); the cast is for older lib typings.
  return f.format(formatPlain(minor, currency) as unknown as number);
}
