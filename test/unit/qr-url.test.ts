import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, type Currency } from '../../src-shared/money';
import { buildQrUrl, parseQrPath, QR_URL_LENGTH_MAX, TERMINAL_ID_RE } from '../../src-shared/protocol/qr-url';
import { canonicalQr, QR_SIGNATURE_BYTES, QR_SIGNATURE_RE, type QrFields } from '../../src-shared/protocol/signing';
import { ULID_RE } from '../../src-shared/ulid';

const TERMINAL = 'T012345678';
const ORDER = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const SIG = 'abcDEF0123456789_-XYZw';
const FIELDS: QrFields = {
  terminalId: TERMINAL,
  orderId: ORDER,
  amountMinor: 1234,
  currency: 'CNY',
  expiresAtMs: 1_700_000_000_000,
};
const QUERY = `a=1234&c=CNY&e=1700000000000&s=${SIG}`;
const PATH = `/q/${TERMINAL}/${ORDER}?${QUERY}`;

const terminalArb = fc.stringMatching(TERMINAL_ID_RE);
const orderArb = fc.stringMatching(ULID_RE);
const sigArb = fc.stringMatching(QR_SIGNATURE_RE);
const positive15 = fc.integer({ min: 1, max: 999_999_999_999_999 });
const fieldsArb: fc.Arbitrary<QrFields> = fc.record({
  terminalId: terminalArb,
  orderId: orderArb,
  amountMinor: positive15,
  currency: fc.constantFrom(...(Object.keys(CURRENCIES) as Currency[])),
  expiresAtMs: positive15,
});
const baseArb = fc.tuple(
  fc.constantFrom('https://pay.example.com', 'http://127.0.0.1:8787', 'https://xn--fiq228c.cn', 'http://localhost'),
  fc.integer({ min: 0, max: 3 }),
);

/** The path + query a gateway sees for a full QR URL. */
const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

describe('buildQrUrl', () => {
  it('builds exactly <base>/q/<terminal>/<order>?a=&c=&e=&s=', () => {
    expect(buildQrUrl('https://pay.example.com', FIELDS, SIG)).toBe(`https://pay.example.com${PATH}`);
  });

  it('strips any number of trailing slashes from the base', () => {
    for (const base of ['https://pay.example.com/', 'https://pay.example.com//', 'https://pay.example.com////']) {
      expect(buildQrUrl(base, FIELDS, SIG)).toBe(`https://pay.example.com${PATH}`);
    }
  });

  it('round-trips through parseQrPath for any valid fields and base (property)', () => {
    fc.assert(
      fc.property(fieldsArb, sigArb, baseArb, (f, s, [base, slashes]) => {
        const url = buildQrUrl(base + '/'.repeat(slashes), f, s);
        expect(url.startsWith(`${base}/q/`)).toBe(true);
        expect(url.length).toBeLessThanOrEqual(QR_URL_LENGTH_MAX);
        expect(parseQrPath(pathOf(url))).toEqual({ ...f, signature: s });
        expect(parseQrPath(url.slice(base.length))).toEqual({ ...f, signature: s });
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips a real HMAC signature over canonicalQr, which verifies after parsing', () => {
    const key = Buffer.alloc(32, 7);
    const sign = (f: QrFields) =>
      createHmac('sha256', key).update(canonicalQr(f)).digest().subarray(0, QR_SIGNATURE_BYTES).toString('base64url');
    fc.assert(
      fc.property(fieldsArb, (f) => {
        const s = sign(f);
        expect(s).toMatch(QR_SIGNATURE_RE);
        const parsed = parseQrPath(pathOf(buildQrUrl('https://pay.example.com/', f, s)));
        expect(parsed).not.toBeNull();
        const { signature, ...fields } = parsed!;
        expect(signature).toBe(s);
        expect(sign(fields)).toBe(signature);
      }),
      { numRuns: 200 },
    );
  });
});

describe('canonicalQr', () => {
  it('is versioned and includes every field in order', () => {
    expect(canonicalQr(FIELDS)).toBe(`pos-qr-v1|${TERMINAL}|${ORDER}|1234|CNY|1700000000000`);
  });

  it('changes when any single field changes (property)', () => {
    fc.assert(
      fc.property(fieldsArb, fieldsArb, fc.constantFrom(...(Object.keys(FIELDS) as (keyof QrFields)[])), (a, b, k) => {
        fc.pre(a[k] !== b[k]);
        expect(canonicalQr({ ...a, [k]: b[k] })).not.toBe(canonicalQr(a));
      }),
    );
  });
});

describe('parseQrPath', () => {
  it('parses the canonical path', () => {
    expect(parseQrPath(PATH)).toEqual({ ...FIELDS, signature: SIG });
    expect(parseQrPath(`/q/${TERMINAL}/${ORDER}?a=1&c=JPY&e=1&s=${SIG}`)).toMatchObject({
      amountMinor: 1,
      currency: 'JPY',
    });
    expect(parseQrPath(`/q/${TERMINAL}/${ORDER}?a=999999999999999&c=USD&e=1&s=${SIG}`)).toMatchObject({
      amountMinor: 999_999_999_999_999,
    });
  });

  const refused = (label: string, inputs: string[]) =>
    it(`refuses ${label}`, () => {
      expect(parseQrPath(PATH)).not.toBeNull(); // the mutations below start from a valid path
      for (const input of inputs) expect(parseQrPath(input), JSON.stringify(input)).toBeNull();
    });
  const withQuery = (q: string) => `/q/${TERMINAL}/${ORDER}?${q}`;

  refused('missing query parameters', [
    `/q/${TERMINAL}/${ORDER}`,
    `/q/${TERMINAL}/${ORDER}?`,
    withQuery(`c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=CNY&s=${SIG}`),
    withQuery('a=1234&c=CNY&e=1700000000000'),
  ]);
  refused('extra query parameters', [
    withQuery(`${QUERY}&x=1`),
    withQuery(`x=1&${QUERY}`),
    withQuery(`${QUERY}&=1`),
    withQuery(`${QUERY}&x`),
    withQuery(`${QUERY}&A=1`),
  ]);
  refused('duplicate query parameters', [
    withQuery(`${QUERY}&a=1234`),
    withQuery(`a=1234&a=1234&c=CNY&e=1700000000000`),
    withQuery(`a=1234&c=CNY&c=CNY&s=${SIG}`),
    withQuery(`${QUERY}&s=${SIG}`),
  ]);
  refused('a non-numeric, zero, signed, decimal or over-long amount', [
    withQuery(`a=12x&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=0&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=-1&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=+1&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=%2B1&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=12.34&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=1e3&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=0x10&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a= 12&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=１２&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=Infinity&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=1000000000000000&c=CNY&e=1700000000000&s=${SIG}`), // 16 digits
  ]);
  refused('an amount or expiry with a leading zero', [
    withQuery(`a=01234&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=00&c=CNY&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=CNY&e=01700000000000&s=${SIG}`),
    withQuery(`a=1234&c=CNY&e=0&s=${SIG}`),
    withQuery(`a=1234&c=CNY&e=x&s=${SIG}`),
  ]);
  refused('an unknown currency', [
    withQuery(`a=1234&c=EUR&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=cny&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=__proto__&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=toString&e=1700000000000&s=${SIG}`),
    withQuery(`a=1234&c=156&e=1700000000000&s=${SIG}`),
  ]);
  refused('a signature with bad characters or length', [
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(1)), // 21
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG + 'A'), // 23
    withQuery('a=1234&c=CNY&e=1700000000000&s='),
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(0, 21) + '='), // padding
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(0, 21) + '+'), // '+' decodes to a space
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(0, 21) + '/'), // base64, not base64url
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(0, 21) + '.'),
    withQuery('a=1234&c=CNY&e=1700000000000&s=' + SIG.slice(0, 21) + '%00'),
  ]);
  refused('a bad terminal id', [
    `/q/t012345678/${ORDER}?${QUERY}`,
    `/q/T01234567/${ORDER}?${QUERY}`,
    `/q/T0123456789/${ORDER}?${QUERY}`,
    `/q/TI12345678/${ORDER}?${QUERY}`,
    `/q/X012345678/${ORDER}?${QUERY}`,
    `/q/T01234567%38/${ORDER}?${QUERY}`,
    `/q//${ORDER}?${QUERY}`,
  ]);
  refused('a bad order id', [
    `/q/${TERMINAL}/${ORDER.slice(1)}?${QUERY}`,
    `/q/${TERMINAL}/${ORDER}A?${QUERY}`,
    `/q/${TERMINAL}/${ORDER.toLowerCase()}?${QUERY}`,
    `/q/${TERMINAL}/${ORDER.slice(0, 25)}U?${QUERY}`,
    `/q/${TERMINAL}/?${QUERY}`,
  ]);
  refused('input over QR_URL_LENGTH_MAX, whatever it holds', [
    withQuery(`${QUERY}&${'x'.repeat(QR_URL_LENGTH_MAX)}=1`),
    `${PATH}${'&'.repeat(QR_URL_LENGTH_MAX)}`,
    `${PATH}${'&'.repeat(QR_URL_LENGTH_MAX - PATH.length + 1)}`,
    '/'.repeat(10_000),
    PATH.repeat(1000),
  ]);
  refused('a fragment', [`${PATH}#`, `${PATH}#x`, withQuery(`a=1234#&c=CNY&e=1700000000000&s=${SIG}`)]);
  refused('anything but exactly /q/<terminal>/<order>?…', [
    '',
    '?',
    `https://pay.example.com${PATH}`,
    PATH.slice(1),
    `/${PATH}`,
    `/Q/${TERMINAL}/${ORDER}?${QUERY}`,
    `/q/${TERMINAL}/${ORDER}/?${QUERY}`,
    `/q/${TERMINAL}/${ORDER}/x?${QUERY}`,
    `/x/q/${TERMINAL}/${ORDER}?${QUERY}`,
    `/q/${TERMINAL}?${QUERY}`,
  ]);
  refused('path-traversal-looking input', [
    `/q/../${TERMINAL}/${ORDER}?${QUERY}`,
    `/q/${TERMINAL}/../${ORDER}?${QUERY}`,
    `/q/${TERMINAL}/${ORDER}/..?${QUERY}`,
    `/q/../../etc/passwd?${QUERY}`,
    `/q/%2e%2e/${ORDER}?${QUERY}`,
    `/q/${TERMINAL}/..%2F${ORDER}?${QUERY}`,
    `/q/${TERMINAL}/${ORDER}%2F..?${QUERY}`,
    `/q/..\\${TERMINAL}/${ORDER}?${QUERY}`,
    `/../q/${TERMINAL}/${ORDER}?${QUERY}`,
  ]);

  it('never throws, and anything it accepts is made of valid fields (property)', () => {
    const noisy = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `/q/${a}/${b}?${QUERY}`),
      fc.string().map((q) => withQuery(q)),
      fc.tuple(fc.nat({ max: PATH.length }), fc.string()).map(([i, s]) => PATH.slice(0, i) + s + PATH.slice(i)),
    );
    fc.assert(
      fc.property(noisy, (input) => {
        const r = parseQrPath(input);
        if (r === null) return;
        expect(r.terminalId).toMatch(TERMINAL_ID_RE);
        expect(r.orderId).toMatch(ULID_RE);
        expect(Object.keys(CURRENCIES)).toContain(r.currency);
        expect(r.signature).toMatch(QR_SIGNATURE_RE);
        expect(Number.isSafeInteger(r.amountMinor) && r.amountMinor >= 1).toBe(true);
        expect(Number.isSafeInteger(r.expiresAtMs) && r.expiresAtMs >= 1).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  // Regression (fixed in src-shared/protocol/qr-url.ts): the query is read with URLSearchParams, which
  // percent-decodes keys and values and drops empty `&` pairs. So URLs that are not "exactly our
  // shape" (the function's contract) parse to the same signed payload: the signed QR URL is
  // malleable (many distinct URLs, one valid signature), and exact-shape checks such as "no leading
  // zero" are applied to the decoded value rather than to the text on the wire.
  it('refuses percent-encoded keys and values', () => {
    const inputs = [
      `a=%31%32%33%34&c=CNY&e=1700000000000&s=${SIG}`,
      `%61=1234&c=CNY&e=1700000000000&s=${SIG}`,
      `a=1234&c=%43NY&e=1700000000000&s=${SIG}`,
      `a=1234&c=CNY&e=1700000000000&s=%61${SIG.slice(1)}`,
    ];
    expect(inputs.filter((q) => parseQrPath(withQuery(q)) !== null)).toEqual([]);
  });

  it('refuses empty query pairs (stray "&")', () => {
    const inputs = [`${QUERY}&`, `&${QUERY}`, `a=1234&&c=CNY&e=1700000000000&s=${SIG}`];
    expect(inputs.filter((q) => parseQrPath(withQuery(q)) !== null)).toEqual([]);
  });
});
