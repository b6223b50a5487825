import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMOUNT_TEXT_LENGTH_MAX,
  asMinor,
  CURRENCIES,
  exponentOf,
  formatMoney,
  formatPlain,
  isCurrency,
  parseAmount,
  type Currency,
} from '../../src-shared/money';
import { PROTOCOL_AMOUNT_MINOR_MAX } from '../../src-shared/protocol/gateway';
import type { ErrorCode } from '../../src-shared/errors';

const CURRENCY_LIST = Object.keys(CURRENCIES) as Currency[];
const currencyArb = fc.constantFrom(...CURRENCY_LIST);
/** 15 digits: the most parseAmount reads (13 integer digits + 2 decimals, per AMOUNT_TEXT_LENGTH_MAX). */
const DESIGN_MAX = 999_999_999_999_999;

function expectOk(text: string, currency: Currency, max: number, expected: number): void {
  const r = parseAmount(text, currency, max);
  expect(r, `parseAmount(${JSON.stringify(text)}, ${currency})`).toEqual({ ok: true, value: expected });
}

function codeOf(text: string, currency: Currency = 'CNY', max: number = PROTOCOL_AMOUNT_MINOR_MAX): ErrorCode | 'ok' {
  const r = parseAmount(text, currency, max);
  return r.ok ? 'ok' : r.error.code;
}

/** Exact value of a plain decimal text in minor units, through BigInt (an independent oracle). */
function bigMinor(text: string, exponent: number): bigint {
  const [int = '', frac = ''] = text.split('.');
  return BigInt(int === '' ? '0' : int) * 10n ** BigInt(exponent) + BigInt(frac.padEnd(exponent, '0') || '0');
}

describe('parseAmount', () => {
  it('round-trips formatPlain for any amount 1..max in any currency (property)', () => {
    const arb = fc
      .tuple(currencyArb, fc.integer({ min: 1, max: DESIGN_MAX }))
      .chain(([currency, max]) => fc.tuple(fc.constant(currency), fc.constant(max), fc.integer({ min: 1, max })));
    fc.assert(
      fc.property(arb, ([currency, max, m]) => {
        const r = parseAmount(formatPlain(m, currency), currency, max);
        expect(r).toEqual({ ok: true, value: m });
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips at the boundaries of the protocol maximum', () => {
    for (const currency of CURRENCY_LIST) {
      for (const m of [1, 9, 10, 99, 100, 101, PROTOCOL_AMOUNT_MINOR_MAX - 1, PROTOCOL_AMOUNT_MINOR_MAX]) {
        expectOk(formatPlain(m, currency), currency, PROTOCOL_AMOUNT_MINOR_MAX, m);
      }
      expect(codeOf(formatPlain(PROTOCOL_AMOUNT_MINOR_MAX + 1, currency), currency)).toBe('amount_too_large');
    }
  });

  it('reads digits exactly, with leading zeros and fewer decimals than the exponent', () => {
    expectOk('007.50', 'CNY', 100_000, 750);
    expectOk('7.5', 'CNY', 100_000, 750);
    expectOk('7.50', 'CNY', 100_000, 750);
    expectOk('7.', 'CNY', 100_000, 700);
    expectOk('7', 'CNY', 100_000, 700);
    expectOk('.5', 'CNY', 100_000, 50);
    expectOk('0.01', 'CNY', 100_000, 1);
    expectOk('00000.01', 'CNY', 100_000, 1);
    // Leading zeros do not count towards the 15-digit limit (up to the 24-character text limit).
    expectOk('0000000000000000000001', 'JPY', 100_000, 1);
    expectOk('00000000000000000012.34', 'CNY', 100_000, 1234);
    expectOk('000000009999999999999.99', 'CNY', DESIGN_MAX, DESIGN_MAX);
    expectOk('12.34', 'USD', 100_000, 1234);
    expectOk('12.3', 'HKD', 100_000, 1230);
    expectOk('007', 'JPY', 100_000, 7);
    expectOk('1234', 'JPY', 100_000, 1234);
    expectOk('1234.', 'JPY', 100_000, 1234);
    // 0.1 + 0.2 style float traps: the result must be the exact integer, not 29.999…
    expectOk('0.29', 'CNY', 100_000, 29);
    expectOk('1.13', 'CNY', 100_000, 113);
    expectOk('9999999999999.99', 'CNY', DESIGN_MAX, 999_999_999_999_999);
  });

  it('agrees with a BigInt oracle on every plain decimal it accepts (property)', () => {
    const text = fc.tuple(
      fc.stringMatching(/^\d{0,16}$/),
      fc.option(fc.stringMatching(/^\d{0,3}$/), { nil: undefined }),
    );
    fc.assert(
      fc.property(currencyArb, text, (currency, [int, frac]) => {
        const s = frac === undefined ? int : `${int}.${frac}`;
        const r = parseAmount(s, currency, DESIGN_MAX);
        const exponent = exponentOf(currency);
        if (int === '' && (frac === undefined || frac === '')) {
          expect(r.ok ? 'ok' : r.error.code).toBe(s === '' ? 'amount_empty' : 'amount_not_number');
          return;
        }
        if ((frac ?? '').length > exponent) {
          expect(r.ok ? 'ok' : r.error.code).toBe('amount_too_many_decimals');
          return;
        }
        const exact = bigMinor(s, exponent);
        if (exact === 0n) expect(r.ok ? 'ok' : r.error.code).toBe('amount_zero');
        else if (exact > BigInt(DESIGN_MAX)) expect(r.ok ? 'ok' : r.error.code).toBe('amount_too_large');
        else expect(r).toEqual({ ok: true, value: Number(exact) });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses more decimals than the currency has', () => {
    expect(codeOf('1.234', 'CNY')).toBe('amount_too_many_decimals');
    expect(codeOf('0.001', 'CNY')).toBe('amount_too_many_decimals');
    expect(codeOf('1.5', 'JPY')).toBe('amount_too_many_decimals');
    expect(codeOf('1.0', 'JPY')).toBe('amount_too_many_decimals');
    const r = parseAmount('1.234', 'USD', 100_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.params).toEqual({ decimals: 2 });
    fc.assert(
      fc.property(
        currencyArb,
        fc.stringMatching(/^\d{1,5}$/),
        fc.integer({ min: 1, max: 4 }),
        fc.stringMatching(/^\d{6}$/),
        (currency, int, extra, pool) => {
          const frac = pool.slice(0, exponentOf(currency) + extra);
          expect(codeOf(`${int}.${frac}`, currency)).toBe('amount_too_many_decimals');
        },
      ),
    );
  });

  it('refuses zero in every spelling', () => {
    for (const s of ['0', '0.00', '.0', '0.', '000', '00.00', ' 0 ', '.00'])
      expect(codeOf(s, 'CNY'), s).toBe('amount_zero');
    expect(codeOf('0', 'JPY')).toBe('amount_zero');
    expect(codeOf('0000', 'JPY')).toBe('amount_zero');
  });

  it('refuses empty and blank text with amount_empty', () => {
    for (const s of ['', ' ', '   ', '\t', '\n', ' \t\r\n ', '\u3000'])
      expect(codeOf(s), JSON.stringify(s)).toBe('amount_empty');
  });

  it('refuses signs, exponents, grouping, non-ASCII digits and other non-plain text with amount_not_number', () => {
    const cases = [
      '-1',
      '-0.01',
      '-0',
      '+1',
      '1e3',
      '1E3',
      '1e-2',
      '1,000',
      '1,5',
      '1 000',
      '1_000',
      '１２', // full-width digits
      '٣', // Arabic-Indic digit
      '١٢.٣٤',
      '.',
      '..',
      '1.2.3',
      '1..2',
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '0b1',
      '¥12',
      '12元',
      '$1',
      'abc',
      '1\u00002',
    ];
    for (const s of cases) expect(codeOf(s), JSON.stringify(s)).toBe('amount_not_number');
  });

  it('refuses a non-string at run time', () => {
    for (const x of [12, null, undefined, {}, ['1']]) {
      const r = parseAmount(x as unknown as string, 'CNY', 100_000);
      expect(r.ok ? 'ok' : r.error.code).toBe('amount_not_number');
    }
  });

  it('refuses amounts over the maximum with amount_too_large and the maximum as a param', () => {
    const r = parseAmount('100000000.01', 'CNY', PROTOCOL_AMOUNT_MINOR_MAX);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'amount_too_large', params: { max: '100000000.00', max_minor: 10_000_000_000, currency: 'CNY' } },
    });
    expectOk('100000000.00', 'CNY', PROTOCOL_AMOUNT_MINOR_MAX, PROTOCOL_AMOUNT_MINOR_MAX);
    expect(codeOf('10.01', 'CNY', 1000)).toBe('amount_too_large');
    expectOk('10.00', 'CNY', 1000, 1000);
    expect(codeOf('1001', 'JPY', 1000)).toBe('amount_too_large');
    // More digits than a float holds exactly: refused, never rounded into range.
    expect(codeOf('9999999999999999', 'JPY', DESIGN_MAX)).toBe('amount_too_large');
    expect(codeOf('9007199254740993', 'JPY', DESIGN_MAX)).toBe('amount_too_large');
    expect(codeOf('99999999999999.99', 'CNY', DESIGN_MAX)).toBe('amount_too_large');
    fc.assert(
      fc.property(
        currencyArb,
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        (c, max, d) => {
          expect(codeOf(formatPlain(max + d, c), c, max)).toBe('amount_too_large');
        },
      ),
    );
  });

  it('refuses text longer than AMOUNT_TEXT_LENGTH_MAX before reading it, even if it would parse after trimming', () => {
    expect(AMOUNT_TEXT_LENGTH_MAX).toBe(24);
    // 25 digits would otherwise be amount_too_large; the length gate answers first.
    expect(codeOf('1'.repeat(25))).toBe('amount_not_number');
    // "1" padded with spaces would parse after trim; over the length it is refused unread.
    expect(codeOf(`1${' '.repeat(AMOUNT_TEXT_LENGTH_MAX)}`)).toBe('amount_not_number');
    expect(codeOf(`${' '.repeat(5000)}1${' '.repeat(5000)}`)).toBe('amount_not_number');
    expect(codeOf('9'.repeat(10_000))).toBe('amount_not_number');
    expect(codeOf('1'.repeat(1_000_000))).toBe('amount_not_number');
    const r = parseAmount('1'.repeat(25), 'CNY', 100);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/too long/);
    // Exactly at the limit is still read.
    expectOk(`${' '.repeat(AMOUNT_TEXT_LENGTH_MAX - 1)}1`, 'CNY', 100_000, 100);
    fc.assert(
      fc.property(fc.string({ minLength: AMOUNT_TEXT_LENGTH_MAX + 1, maxLength: 200 }), (s) => {
        expect(codeOf(s)).toBe('amount_not_number');
      }),
    );
  });

  it('trims surrounding whitespace (property)', () => {
    const ws = fc.stringMatching(/^[ \t\n\r]{0,4}$/);
    fc.assert(
      fc.property(currencyArb, fc.integer({ min: 1, max: 10 ** 9 }), ws, ws, (c, m, pre, post) => {
        expect(parseAmount(`${pre}${formatPlain(m, c)}${post}`, c, 10 ** 9)).toEqual({ ok: true, value: m });
      }),
    );
  });

  it('never throws and only ever returns a safe integer in 1..max or a known code (property)', () => {
    const codes: (ErrorCode | 'ok')[] = [
      'ok',
      'amount_empty',
      'amount_not_number',
      'amount_zero',
      'amount_too_many_decimals',
      'amount_too_large',
    ];
    fc.assert(
      fc.property(
        currencyArb,
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('0', '1', '9', '.', ' ', '-', 'e', ',') })),
        fc.integer({ min: 1, max: DESIGN_MAX }),
        (c, s, max) => {
          const r = parseAmount(s, c, max);
          expect(codes).toContain(r.ok ? 'ok' : r.error.code);
          if (r.ok) {
            expect(Number.isSafeInteger(r.value)).toBe(true);
            expect(r.value).toBeGreaterThanOrEqual(1);
            expect(r.value).toBeLessThanOrEqual(max);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Regression (fixed in src-shared/money.ts): the 15-digit guard answers `amount_too_large` for amounts that are
  // NOT above `maxMinor` whenever maxMinor has 16 digits (any safe integer >= 10^15). The
  // documented contract is "refuses ... anything above maxMinor", and the error's `max` param then
  // shows a maximum the typed amount is below. Not reachable with PROTOCOL_AMOUNT_MINOR_MAX (1e10),
  // but nothing stops a caller passing a larger max (and a non-safe max makes formatPlain throw).
  it('accepts a 16-digit amount that is within a 16-digit maxMinor', () => {
    expectOk('1000000000000000', 'JPY', Number.MAX_SAFE_INTEGER, 1_000_000_000_000_000);
    expectOk('10000000000000.00', 'CNY', Number.MAX_SAFE_INTEGER, 1_000_000_000_000_000);
    expectOk(formatPlain(Number.MAX_SAFE_INTEGER, 'CNY'), 'CNY', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  });
});

describe('formatPlain', () => {
  it('gives the exact decimal text', () => {
    expect(formatPlain(1234, 'CNY')).toBe('12.34');
    expect(formatPlain(5, 'CNY')).toBe('0.05');
    expect(formatPlain(50, 'CNY')).toBe('0.50');
    expect(formatPlain(100, 'USD')).toBe('1.00');
    expect(formatPlain(0, 'CNY')).toBe('0.00');
    expect(formatPlain(-5, 'CNY')).toBe('-0.05');
    expect(formatPlain(-1234, 'HKD')).toBe('-12.34');
    expect(formatPlain(-100, 'CNY')).toBe('-1.00');
    expect(formatPlain(5, 'JPY')).toBe('5');
    expect(formatPlain(0, 'JPY')).toBe('0');
    expect(formatPlain(-5, 'JPY')).toBe('-5');
    expect(formatPlain(1234, 'JPY')).toBe('1234');
    expect(formatPlain(Number.MAX_SAFE_INTEGER, 'CNY')).toBe('90071992547409.91');
    expect(formatPlain(-Number.MAX_SAFE_INTEGER, 'CNY')).toBe('-90071992547409.91');
    expect(formatPlain(Number.MAX_SAFE_INTEGER, 'JPY')).toBe('9007199254740991');
  });

  it('is exact for every safe integer (property, BigInt oracle)', () => {
    fc.assert(
      fc.property(currencyArb, fc.maxSafeInteger(), (c, m) => {
        const text = formatPlain(m, c);
        const e = exponentOf(c);
        expect(text).toMatch(e === 0 ? /^-?(0|[1-9]\d*)$/ : new RegExp(`^-?(0|[1-9]\\d*)\\.\\d{${e}}$`));
        const negative = text.startsWith('-');
        const magnitude = bigMinor(negative ? text.slice(1) : text, e);
        expect(negative ? -magnitude : magnitude).toBe(BigInt(m));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws for non-integers and unsafe integers', () => {
    for (const x of [1.5, 0.1, NaN, Infinity, -Infinity, 2 ** 53])
      expect(() => formatPlain(x, 'CNY')).toThrow(/safe integer/);
  });
});

describe('formatMoney', () => {
  it('formats CNY for zh-CN and en (Intl in Node 20)', () => {
    expect(formatMoney(1234, 'CNY', 'zh-CN')).toBe('¥12.34');
    expect(formatMoney(1234, 'CNY', 'en')).toBe('CN¥12.34');
    expect(formatMoney(5, 'CNY', 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(-5, 'CNY', 'zh-CN')).toBe('-¥0.05');
    expect(formatMoney(-5, 'CNY', 'en')).toBe('-CN¥0.05');
    expect(formatMoney(123_456_789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(100, 'CNY', 'en')).toBe('CN¥1.00');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
    expect(formatMoney(1234, 'JPY', 'zh-CN')).toBe('JP¥1,234');
    expect(formatMoney(1234, 'USD', 'en')).toBe('$12.34');
    expect(formatMoney(1234, 'HKD', 'zh-CN')).toBe('HK$12.34');
    // Switching locale after a cached formatter must not reuse it.
    expect(formatMoney(1234, 'CNY', 'zh-CN')).toBe('¥12.34');
  });

  it('never goes through a float: amounts beyond float precision are exact', () => {
    // MAX_SAFE_INTEGER / 100 as a float formats as …409.90; the exact text is …409.91.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'CNY', 'en')).toBe('CN¥90,071,992,547,409.91');
    expect(formatMoney(9_007_199_254_740_987, 'CNY', 'zh-CN')).toBe('¥90,071,992,547,409.87');
    expect(formatMoney(9_007_199_254_740_985, 'CNY', 'zh-CN')).toBe('¥90,071,992,547,409.85');
  });

  it('keeps exactly the digits of formatPlain, never rounding (property)', () => {
    fc.assert(
      fc.property(
        currencyArb,
        fc.constantFrom('zh-CN', 'en'),
        fc.integer({ min: -(10 ** 12) + 1, max: 10 ** 12 - 1 }),
        (c, locale, m) => {
          const digits = (s: string) => s.replace(/\D/g, '');
          expect(digits(formatMoney(m, c, locale))).toBe(digits(formatPlain(m, c)));
          expect(formatMoney(m, c, locale).startsWith('-')).toBe(m < 0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('throws for a non-safe amount', () => {
    expect(() => formatMoney(1.5, 'CNY', 'en')).toThrow(/safe integer/);
  });
});

describe('asMinor, currencies', () => {
  it('asMinor accepts safe integers and throws for anything else', () => {
    expect(asMinor(0)).toBe(0);
    expect(asMinor(-5)).toBe(-5);
    expect(asMinor(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    for (const x of [1.5, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity]) {
      expect(() => asMinor(x), String(x)).toThrow(/assertion failed/);
    }
  });

  it('isCurrency knows exactly the configured currencies and nothing from the prototype', () => {
    for (const c of ['CNY', 'HKD', 'USD', 'JPY']) expect(isCurrency(c)).toBe(true);
    for (const x of ['cny', 'EUR', '', '__proto__', 'constructor', 'toString', 156, null, undefined]) {
      expect(isCurrency(x), String(x)).toBe(false);
    }
    expect(exponentOf('CNY')).toBe(2);
    expect(exponentOf('JPY')).toBe(0);
  });
});
