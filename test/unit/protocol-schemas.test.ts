import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  change,
  CHANGES_PAGE_MAX,
  changesReply,
  GATEWAY_PATHS,
  gatewayOrder,
  ORDER_NOTE_LENGTH_MAX,
  pairRequest,
  pairResponse,
  PROTOCOL_AMOUNT_MINOR_MAX,
  registerOrderRequest,
  TERMINAL_NAME_LENGTH_MAX,
} from '../../src-shared/protocol/gateway';
import {
  canonicalConfirmation,
  canonicalRequest,
  CONFIRMATION_CODE_DIGITS,
  confirmationCodeFromMac,
  NONCE_RE,
  SIGNATURE_HEX_RE,
} from '../../src-shared/protocol/signing';

const ORDER = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const T0 = 1_700_000_000_000;

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

/** Every value must be refused; reports the ones that were not. */
function expectAllRefused(schema: z.ZodType, values: readonly unknown[]): void {
  expect(values.filter((v) => accepts(schema, v))).toEqual([]);
}

/** Amount values a schema must refuse wherever an amount sits. */
const BAD_AMOUNTS: unknown[] = [
  0,
  -1,
  -PROTOCOL_AMOUNT_MINOR_MAX,
  1.5,
  0.5,
  PROTOCOL_AMOUNT_MINOR_MAX + 1,
  2 ** 53,
  NaN,
  Infinity,
  '100',
  null,
  undefined,
  true,
  [100],
  100n,
];

const validRegister = {
  order_id: ORDER,
  amount_minor: 1234,
  currency: 'CNY',
  created_at_ms: T0,
  expires_at_ms: T0 + 300_000,
  note: '',
};

const validPayment = {
  change_id: 1,
  type: 'payment.succeeded',
  at_ms: T0,
  order_id: ORDER,
  amount_minor: 1234,
  currency: 'CNY',
  channel: 'alipay',
  provider_trade_no: '2024031522001',
  paid_at_ms: T0,
};

const validClosed = {
  change_id: 2,
  type: 'order.closed',
  at_ms: T0,
  order_id: ORDER,
  status: 'expired',
};

describe('registerOrderRequest', () => {
  it('accepts valid samples, including the amount bounds and a maximal note', () => {
    expect(registerOrderRequest.parse(validRegister)).toEqual(validRegister);
    for (const amount_minor of [1, 99, PROTOCOL_AMOUNT_MINOR_MAX]) {
      expect(accepts(registerOrderRequest, { ...validRegister, amount_minor }), String(amount_minor)).toBe(true);
    }
    for (const currency of ['CNY', 'HKD', 'USD', 'JPY']) {
      expect(accepts(registerOrderRequest, { ...validRegister, currency })).toBe(true);
    }
    expect(accepts(registerOrderRequest, { ...validRegister, note: '备'.repeat(ORDER_NOTE_LENGTH_MAX) })).toBe(true);
    expect(accepts(registerOrderRequest, { ...validRegister, created_at_ms: 0 })).toBe(true);
  });

  it('accepts every integer amount in 1..PROTOCOL_AMOUNT_MINOR_MAX (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: PROTOCOL_AMOUNT_MINOR_MAX }), (amount_minor) => {
        expect(accepts(registerOrderRequest, { ...validRegister, amount_minor })).toBe(true);
      }),
    );
  });

  it('refuses zero, negative, non-integer, too-large and non-number amounts', () => {
    expectAllRefused(
      registerOrderRequest,
      BAD_AMOUNTS.map((amount_minor) => ({ ...validRegister, amount_minor })),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }),
          fc.integer({ min: PROTOCOL_AMOUNT_MINOR_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
          fc.double({ noInteger: true }),
        ),
        (amount_minor) => {
          expect(accepts(registerOrderRequest, { ...validRegister, amount_minor })).toBe(false);
        },
      ),
    );
  });

  it('refuses wrong types, bad ids, unknown currencies, bad times and long notes', () => {
    expectAllRefused(registerOrderRequest, [
      { ...validRegister, order_id: 123 },
      { ...validRegister, order_id: ORDER.toLowerCase() },
      { ...validRegister, order_id: `${ORDER}A` },
      { ...validRegister, order_id: '' },
      { ...validRegister, currency: 'EUR' },
      { ...validRegister, currency: 'cny' },
      { ...validRegister, currency: 156 },
      { ...validRegister, currency: '__proto__' },
      { ...validRegister, created_at_ms: -1 },
      { ...validRegister, created_at_ms: 1.5 },
      { ...validRegister, created_at_ms: String(T0) },
      { ...validRegister, created_at_ms: 8_640_000_000_000_001 },
      { ...validRegister, expires_at_ms: null },
      { ...validRegister, note: 'x'.repeat(ORDER_NOTE_LENGTH_MAX + 1) },
      { ...validRegister, note: null },
      { ...validRegister, note: 5 },
      null,
      [],
      'order',
      {},
    ]);
  });

  it('refuses missing and extra keys', () => {
    for (const key of Object.keys(validRegister)) {
      const { [key as keyof typeof validRegister]: _dropped, ...rest } = validRegister;
      expect(accepts(registerOrderRequest, rest), `without ${key}`).toBe(false);
    }
    expectAllRefused(registerOrderRequest, [
      { ...validRegister, evil: 1 },
      { ...validRegister, terminal_id: 'T012345678' },
      { ...validRegister, amountMinor: 1234 },
    ]);
    // An own __proto__ key (as JSON.parse makes) is an extra key too.
    expect(
      accepts(registerOrderRequest, JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(validRegister).slice(1)}`)),
    ).toBe(false);
  });
});

describe('pairRequest', () => {
  const valid = { code: '12345678', terminal_name: 'Counter 1' };

  it('accepts an 8-digit code and a name of 1..64 characters', () => {
    expect(pairRequest.parse(valid)).toEqual(valid);
    expect(accepts(pairRequest, { ...valid, code: '00000000' })).toBe(true);
    expect(accepts(pairRequest, { ...valid, terminal_name: 'x' })).toBe(true);
    expect(accepts(pairRequest, { ...valid, terminal_name: '收'.repeat(TERMINAL_NAME_LENGTH_MAX) })).toBe(true);
  });

  it('refuses bad codes, bad names, wrong types, missing and extra keys', () => {
    expectAllRefused(pairRequest, [
      { ...valid, code: '1234567' },
      { ...valid, code: '123456789' },
      { ...valid, code: '1234567a' },
      { ...valid, code: '１２３４５６７８' },
      { ...valid, code: ' 12345678' },
      { ...valid, code: '12345678\n' },
      { ...valid, code: '1234-5678' },
      { ...valid, code: 12345678 },
      { ...valid, terminal_name: '' },
      { ...valid, terminal_name: 'x'.repeat(TERMINAL_NAME_LENGTH_MAX + 1) },
      { ...valid, terminal_name: 7 },
      { code: valid.code },
      { terminal_name: valid.terminal_name },
      { ...valid, secret: 'x' },
      null,
    ]);
  });
});

describe('pairResponse', () => {
  const valid = {
    terminal_id: 'T012345678',
    secret: 'A'.repeat(43),
    gateway_id: 'gw-1',
    merchant_name: '小店',
    currency: 'CNY',
    public_url: 'https://pay.example.com',
  };

  it('accepts a valid reply, including a loopback http gateway', () => {
    expect(pairResponse.parse(valid)).toEqual(valid);
    expect(accepts(pairResponse, { ...valid, public_url: 'http://127.0.0.1:8787' })).toBe(true);
    expect(accepts(pairResponse, { ...valid, public_url: 'http://localhost:8787/' })).toBe(true);
  });

  it('refuses bad terminal ids, secrets, currencies and extra keys', () => {
    expectAllRefused(pairResponse, [
      { ...valid, terminal_id: 'T01234567' },
      { ...valid, secret: 'A'.repeat(42) },
      { ...valid, secret: 'A'.repeat(44) },
      { ...valid, secret: `${'A'.repeat(42)}=` },
      { ...valid, secret: `${'A'.repeat(42)}+` },
      { ...valid, currency: 'EUR' },
      { ...valid, gateway_id: '' },
      { ...valid, merchant_name: 'x'.repeat(65) },
      { ...valid, public_url: 'not a url' },
      { ...valid, public_url: `https://pay.example.com/${'x'.repeat(200)}` },
      { ...valid, extra: true },
    ]);
  });

  // Regression (fixed in src-shared/protocol/gateway.ts): `public_url: z.url()` accepts any scheme. It is "the base
  // of every QR URL" the console renders for customers' phones, and it comes from the gateway,
  // which the console is meant to validate; javascript:, data:, file: etc. must be refused.
  it('refuses a public_url that is not http(s)', () => {
    const urls = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://pay.example.com',
      'mailto:owner@example.com',
    ];
    expect(urls.filter((public_url) => accepts(pairResponse, { ...valid, public_url }))).toEqual([]);
  });

  // Same field: buildQrUrl appends `/q/…?…` to the base as text, so a base with a query or a
  // fragment yields QR URLs whose /q/ path lands inside the query or fragment (every QR broken).
  it('refuses a public_url with a query or fragment', () => {
    const urls = ['https://pay.example.com/?x=1', 'https://pay.example.com#frag'];
    expect(urls.filter((public_url) => accepts(pairResponse, { ...valid, public_url }))).toEqual([]);
  });
});

describe('change', () => {
  it('accepts both kinds of change', () => {
    expect(change.parse(validPayment)).toEqual(validPayment);
    expect(change.parse(validClosed)).toEqual(validClosed);
    expect(accepts(change, { ...validClosed, status: 'cancelled' })).toBe(true);
    for (const channel of ['sandbox', 'alipay', 'wechat'])
      expect(accepts(change, { ...validPayment, channel })).toBe(true);
    expect(accepts(change, { ...validPayment, amount_minor: PROTOCOL_AMOUNT_MINOR_MAX })).toBe(true);
    expect(accepts(change, { ...validPayment, amount_minor: 1 })).toBe(true);
  });

  it('refuses bad amounts in a payment', () => {
    expectAllRefused(
      change,
      BAD_AMOUNTS.map((amount_minor) => ({ ...validPayment, amount_minor })),
    );
  });

  it('refuses unknown types, mixed variants, extra and missing keys, and wrong types', () => {
    expectAllRefused(change, [
      { ...validPayment, type: 'payment.failed' },
      { ...validPayment, type: undefined },
      { ...validClosed, type: 'payment.succeeded' }, // closed fields under the payment tag
      { ...validPayment, type: 'order.closed' }, // payment fields under the closed tag
      { ...validPayment, status: 'expired' },
      { ...validClosed, amount_minor: 1234 },
      { ...validClosed, status: 'paid' },
      { ...validClosed, status: 'awaiting_payment' },
      { ...validPayment, evil: 1 },
      { ...validPayment, change_id: 0 },
      { ...validPayment, change_id: -1 },
      { ...validPayment, change_id: 1.5 },
      { ...validPayment, change_id: '1' },
      { ...validPayment, channel: 'paypal' },
      { ...validPayment, channel: null },
      { ...validPayment, provider_trade_no: '' },
      { ...validPayment, provider_trade_no: 'x'.repeat(65) },
      { ...validPayment, currency: 'EUR' },
      { ...validPayment, order_id: 'nope' },
      { ...validPayment, paid_at_ms: -1 },
      { ...validPayment, at_ms: null },
      { ...validClosed, order_id: undefined },
    ]);
    for (const key of Object.keys(validPayment)) {
      const { [key as keyof typeof validPayment]: _dropped, ...rest } = validPayment;
      expect(accepts(change, rest), `payment without ${key}`).toBe(false);
    }
  });
});

describe('changesReply', () => {
  const valid = { changes: [validPayment, validClosed], cursor: 2, more: false };

  it('accepts a page of mixed changes, an empty page and a full page', () => {
    expect(changesReply.parse(valid)).toEqual(valid);
    expect(accepts(changesReply, { changes: [], cursor: 0, more: false })).toBe(true);
    const full = Array.from({ length: CHANGES_PAGE_MAX }, (_, i) => ({ ...validClosed, change_id: i + 1 }));
    expect(accepts(changesReply, { changes: full, cursor: CHANGES_PAGE_MAX, more: true })).toBe(true);
  });

  it('refuses an over-full page, a bad cursor, a bad change inside, and extra or missing keys', () => {
    const over = Array.from({ length: CHANGES_PAGE_MAX + 1 }, (_, i) => ({ ...validClosed, change_id: i + 1 }));
    expectAllRefused(changesReply, [
      { ...valid, changes: over },
      { ...valid, cursor: -1 },
      { ...valid, cursor: 1.5 },
      { ...valid, cursor: '2' },
      { ...valid, more: 'false' },
      { ...valid, more: 0 },
      { ...valid, changes: [validPayment, { ...validPayment, amount_minor: 0 }] },
      { ...valid, changes: [{ ...validPayment, amount_minor: PROTOCOL_AMOUNT_MINOR_MAX + 1 }] },
      { ...valid, changes: [{ ...validClosed, extra: 1 }] },
      { ...valid, changes: validPayment },
      { ...valid, next: 3 },
      { changes: [], cursor: 0 },
      { changes: [], more: false },
      { cursor: 0, more: false },
    ]);
  });
});

describe('gatewayOrder', () => {
  const valid = {
    order_id: ORDER,
    terminal_id: 'T012345678',
    amount_minor: 1234,
    currency: 'CNY',
    status: 'paid',
    created_at_ms: T0,
    expires_at_ms: T0 + 300_000,
    paid_at_ms: T0 + 1000,
    channel: 'alipay',
    provider_trade_no: '2024',
    created_by_scan: false,
  };

  it('accepts a paid and an unpaid order, and refuses bad amounts, statuses and extra keys', () => {
    expect(gatewayOrder.parse(valid)).toEqual(valid);
    expect(
      accepts(gatewayOrder, {
        ...valid,
        status: 'awaiting_payment',
        paid_at_ms: null,
        channel: null,
        provider_trade_no: null,
      }),
    ).toBe(true);
    expectAllRefused(gatewayOrder, [
      ...BAD_AMOUNTS.map((amount_minor) => ({ ...valid, amount_minor })),
      { ...valid, status: 'refunded' },
      { ...valid, paid_at_ms: undefined },
      { ...valid, created_by_scan: 'no' },
      { ...valid, extra: 1 },
    ]);
  });
});

describe('GATEWAY_PATHS', () => {
  it('builds the order paths', () => {
    expect(GATEWAY_PATHS.order(ORDER)).toBe(`/v1/orders/${ORDER}`);
    expect(GATEWAY_PATHS.cancel(ORDER)).toBe(`/v1/orders/${ORDER}/cancel`);
  });
});

describe('canonicalRequest', () => {
  const NONCE = '0123456789abcdef0123456789abcdef';
  const BODY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('is versioned, newline-separated and upper-cases the method', () => {
    expect(NONCE).toMatch(NONCE_RE);
    expect(BODY).toMatch(SIGNATURE_HEX_RE);
    expect(canonicalRequest('post', '/v1/orders?x=1', T0, NONCE, BODY)).toBe(
      `pos-req-v1\nPOST\n/v1/orders?x=1\n${T0}\n${NONCE}\n${BODY}`,
    );
    expect(canonicalRequest('get', '/v1/changes', T0, NONCE, BODY)).toBe(
      canonicalRequest('GET', '/v1/changes', T0, NONCE, BODY),
    );
  });

  it('changes when any single field changes (property)', () => {
    const req = fc.tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.stringMatching(/^\/[a-z0-9/?=&._-]{0,40}$/),
      fc.integer({ min: 0, max: 2 ** 47 }),
      fc.stringMatching(NONCE_RE),
      fc.stringMatching(SIGNATURE_HEX_RE),
    );
    fc.assert(
      fc.property(req, req, fc.integer({ min: 0, max: 4 }), (a, b, i) => {
        fc.pre(a[i] !== b[i]);
        const changed = [...a] as typeof a;
        (changed as unknown[])[i] = b[i];
        expect(canonicalRequest(...changed)).not.toBe(canonicalRequest(...a));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not let one field bleed into the next', () => {
    expect(canonicalRequest('GET', '/a1', 2, 'n', 'b')).not.toBe(canonicalRequest('GET', '/a', 12, 'n', 'b'));
    expect(canonicalRequest('GET', '/a', 1, 'nb', '')).not.toBe(canonicalRequest('GET', '/a', 1, 'n', 'b'));
  });
});

describe('canonicalConfirmation', () => {
  it('binds the order id and the amount', () => {
    expect(canonicalConfirmation(ORDER, 1234)).toBe(`pos-paid-v1|${ORDER}|1234`);
    expect(canonicalConfirmation(ORDER, 1234)).not.toBe(canonicalConfirmation(ORDER, 1235));
    expect(canonicalConfirmation(ORDER, 1234)).not.toBe(canonicalConfirmation(`${ORDER.slice(0, 25)}W`, 1234));
  });
});

describe('confirmationCodeFromMac', () => {
  const mac = (...first4: number[]) => Uint8Array.from([...first4, ...Array(28).fill(0xaa)]);

  it('takes the first 4 bytes big-endian, mod 10^6, zero-padded to 6 digits', () => {
    expect(CONFIRMATION_CODE_DIGITS).toBe(6);
    expect(confirmationCodeFromMac(mac(0, 0, 0, 0))).toBe('000000');
    expect(confirmationCodeFromMac(mac(0, 0, 0, 1))).toBe('000001');
    expect(confirmationCodeFromMac(mac(0, 0, 0x27, 0x10))).toBe('010000'); // 10,000
    expect(confirmationCodeFromMac(mac(0, 1, 0x86, 0x9f))).toBe('099999'); // 99,999
    expect(confirmationCodeFromMac(mac(0, 1, 0x86, 0xa0))).toBe('100000'); // 100,000
    expect(confirmationCodeFromMac(mac(0, 0x0f, 0x42, 0x40))).toBe('000000'); // 1,000,000
    expect(confirmationCodeFromMac(mac(0, 0x0f, 0x42, 0x41))).toBe('000001'); // 1,000,001
    expect(confirmationCodeFromMac(mac(0x80, 0, 0, 0))).toBe('483648'); // 2^31: no sign trouble
    expect(confirmationCodeFromMac(mac(0xff, 0xff, 0xff, 0xff))).toBe('967295'); // 2^32 − 1
    expect(confirmationCodeFromMac(mac(0x3b, 0x9a, 0xca, 0x07))).toBe('000007'); // 1,000,000,007
  });

  it('matches a DataView oracle, is 6 digits, deterministic and reads only 4 bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 28, maxLength: 28 }),
        (bytes, tail) => {
          const code = confirmationCodeFromMac(bytes);
          const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false);
          expect(code).toMatch(/^\d{6}$/);
          expect(code).toBe(String(n % 1_000_000).padStart(6, '0'));
          expect(confirmationCodeFromMac(Uint8Array.from(bytes))).toBe(code);
          expect(confirmationCodeFromMac(Uint8Array.from([...bytes.subarray(0, 4), ...tail]))).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
