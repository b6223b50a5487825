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
