/**
 * The console ↔ gateway HTTP protocol: paths and zod schemas for every body. The gateway
 * validates what terminals send; the console validates what the gateway answers. Wire names
 * are snake_case, money is integer minor units, time is epoch ms.
 */
import { z } from 'zod';
import { CURRENCIES } from '../money';
import { ULID_RE } from '../ulid';
import { TERMINAL_ID_RE } from './qr-url';

/**
 * The environment variable an embedding console passes the gateway process its one-time pairing
 * code in: a command line is readable by every local user (/proc/<pid>/cmdline), an environment
 * only by the same user.
 */
export const PAIRING_CODE_ENV = 'GATEWAY_PAIRING_CODE';

export const GATEWAY_PATHS = {
  health: '/healthz',
  pair: '/v1/pair',
  orders: '/v1/orders',
  order: (id: string) => `/v1/orders/${id}`,
  cancel: (id: string) => `/v1/orders/${id}/cancel`,
  refunds: (id: string) => `/v1/orders/${id}/refunds`,
  changes: '/v1/changes',
  changesStream: '/v1/changes/stream',
  /** The feed's highest change id (all terminals): a console whose cursor is beyond it was rewound. */
  changesHead: '/v1/changes/head',
  /** Protocol 1: the JSON batch (consoles before protocol 2). */
  journal: '/v1/journal',
  /** Protocol 2: chain lines (journal-lines.ts). */
  journalLines: '/v1/journal/lines',
  /** What the gateway holds of this terminal's journal (a console re-sends after it). */
  journalHead: '/v1/journal/head',
} as const;

import {
  CHANGES_PAGE_MAX,
  EPOCH_MS_MAX,
  JOURNAL_ACCOUNT_LENGTH_MAX,
  JOURNAL_KIND_LENGTH_MAX,
  JOURNAL_MEMO_LENGTH_MAX,
  JOURNAL_POSTINGS_MAX,
  JOURNAL_POSTINGS_MIN,
  JOURNAL_PUSH_BATCH_MAX,
  ORDER_NOTE_LENGTH_MAX,
  REFUND_REASON_WIRE_LENGTH_MAX,
  PROTOCOL_AMOUNT_MINOR_MAX,
  TERMINAL_NAME_LENGTH_MAX,
} from './limits';

export * from './limits';

const currency = z.enum(Object.keys(CURRENCIES) as [keyof typeof CURRENCIES, ...(keyof typeof CURRENCIES)[]]);
const epochMs = z.number().int().min(0).max(EPOCH_MS_MAX);
const amountMinor = z.number().int().min(1).max(PROTOCOL_AMOUNT_MINOR_MAX);
export const orderIdSchema = z.string().regex(ULID_RE);
export const terminalIdSchema = z.string().regex(TERMINAL_ID_RE);

export const pairRequest = z.strictObject({
  code: z.string().regex(/^\d{8}$/),
  terminal_name: z.string().min(1).max(TERMINAL_NAME_LENGTH_MAX),
});
export type PairRequest = z.infer<typeof pairRequest>;

export const pairResponse = z.strictObject({
  terminal_id: terminalIdSchema,
  /** base64url, 32 bytes: the terminal's HMAC key. Shown once, stored encrypted on both sides. */
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  gateway_id: z.string().min(1).max(64),
  merchant_name: z.string().min(1).max(64),
  currency,
  /** Where customers' phones reach the gateway: the base of every QR URL. */
  public_url: z
    .url({ protocol: /^https?$/ })
    .max(200)
    .refine((u) => !u.includes('?') && !u.includes('#'), 'no query or fragment'),
});
export type PairResponse = z.infer<typeof pairResponse>;

export const registerOrderRequest = z.strictObject({
  order_id: orderIdSchema,
  amount_minor: amountMinor,
  currency,
  created_at_ms: epochMs,
  expires_at_ms: epochMs,
  note: z.string().max(ORDER_NOTE_LENGTH_MAX),
});
export type RegisterOrderRequest = z.infer<typeof registerOrderRequest>;

export const GATEWAY_ORDER_STATUSES = ['awaiting_payment', 'paid', 'expired', 'cancelled'] as const;
export type GatewayOrderStatus = (typeof GATEWAY_ORDER_STATUSES)[number];

export const gatewayOrder = z.strictObject({
  order_id: orderIdSchema,
  terminal_id: terminalIdSchema,
  amount_minor: amountMinor,
  currency,
  status: z.enum(GATEWAY_ORDER_STATUSES),
  created_at_ms: epochMs,
  expires_at_ms: epochMs,
  paid_at_ms: epochMs.nullable(),
  channel: z.string().max(32).nullable(),
  provider_trade_no: z.string().max(64).nullable(),
  /** True when the gateway first heard of the order from a customer's scan (console offline). */
  created_by_scan: z.boolean(),
});
export type GatewayOrder = z.infer<typeof gatewayOrder>;

export const orderReply = z.strictObject({ order: gatewayOrder });

export const PAYMENT_CHANNELS = ['sandbox', 'alipay', 'wechat'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** `accepted`: taken and sent to the provider. `succeeded`: money returned. `failed`: refused. */
export const GATEWAY_REFUND_STATUSES = ['accepted', 'succeeded', 'failed'] as const;
export type GatewayRefundStatus = (typeof GATEWAY_REFUND_STATUSES)[number];

/** One fact in a terminal's change feed. `change_id` is the idempotency key when applying it. */
export const change = z.discriminatedUnion('type', [
  z.strictObject({
    change_id: z.number().int().min(1),
    type: z.literal('payment.succeeded'),
    at_ms: epochMs,
    order_id: orderIdSchema,
    amount_minor: amountMinor,
    currency,
    channel: z.enum(PAYMENT_CHANNELS),
    provider_trade_no: z.string().min(1).max(64),
    paid_at_ms: epochMs,
  }),
  z.strictObject({
    change_id: z.number().int().min(1),
    type: z.literal('order.closed'),
    at_ms: epochMs,
    order_id: orderIdSchema,
    status: z.enum(['expired', 'cancelled']),
  }),
  z.strictObject({
    change_id: z.number().int().min(1),
    type: z.literal('refund.updated'),
    at_ms: epochMs,
    order_id: orderIdSchema,
    refund_id: orderIdSchema,
    amount_minor: amountMinor,
    currency,
    channel: z.enum(PAYMENT_CHANNELS),
    status: z.enum(GATEWAY_REFUND_STATUSES),
    provider_refund_no: z.string().max(64).nullable(),
  }),
  /** A provider settlement batch for one date and channel: announced pending, then paid. */
  z.strictObject({
    change_id: z.number().int().min(1),
    type: z.literal('settlement.batch'),
    at_ms: epochMs,
    batch_id: z.string().regex(/^[A-Za-z0-9:-]{1,64}$/),
    business_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    channel: z.enum(PAYMENT_CHANNELS),
    currency,
    sale_count: z.number().int().min(0),
    gross_minor: z.number().int().min(0),
    refunds_minor: z.number().int().min(0),
    /** Charged on the day's sales less returned on its refunds: negative when more came back. */
    fee_minor: z.number().int(),
    net_minor: z.number().int(),
    payout_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    status: z.enum(['pending', 'paid']),
  }),
]);
export type Change = z.infer<typeof change>;

/** A refund of a paid order; `refund_id` is made on the console and reused on retry. */
export const refundRequest = z.strictObject({
  refund_id: orderIdSchema,
  amount_minor: amountMinor,
  currency,
  reason: z.string().min(1).max(REFUND_REASON_WIRE_LENGTH_MAX),
});
export type RefundRequest = z.infer<typeof refundRequest>;

export const gatewayRefund = z.strictObject({
  refund_id: orderIdSchema,
  order_id: orderIdSchema,
  amount_minor: amountMinor,
  currency,
  status: z.enum(GATEWAY_REFUND_STATUSES),
  provider_refund_no: z.string().max(64).nullable(),
});
export type GatewayRefund = z.infer<typeof gatewayRefund>;
export const refundReply = z.strictObject({ refund: gatewayRefund });

export const changesReply = z.strictObject({
  changes: z.array(change).max(CHANGES_PAGE_MAX),
  /** The cursor to ask with next time (the last change_id returned, or the one asked with). */
  cursor: z.number().int().min(0),
  more: z.boolean(),
});
export type ChangesReply = z.infer<typeof changesReply>;

export const changesHeadReply = z.strictObject({ head: z.number().int().min(0) });

export const errorReply = z.strictObject({
  error: z.strictObject({ code: z.string().max(64), message: z.string().max(500) }),
});

const hashHex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * One journal entry as pushed by the console; the gateway recomputes `hash` from the rest. The
 * gateway checks it by hand first (journal-push-check.ts): a rule changed here changes there.
 */
export const journalEntryWire = z.strictObject({
  seq: z.number().int().min(1),
  entry_id: z.string().regex(ULID_RE),
  kind: z.string().min(1).max(JOURNAL_KIND_LENGTH_MAX),
  order_id: orderIdSchema.nullable(),
  created_at_ms: epochMs,
  memo: z.string().max(JOURNAL_MEMO_LENGTH_MAX),
  postings: z
    .array(
      z.strictObject({
        account: z.string().min(1).max(JOURNAL_ACCOUNT_LENGTH_MAX),
        currency,
        amount_minor: z.number().int().min(-PROTOCOL_AMOUNT_MINOR_MAX).max(PROTOCOL_AMOUNT_MINOR_MAX),
      }),
    )
    .min(JOURNAL_POSTINGS_MIN)
    .max(JOURNAL_POSTINGS_MAX),
  prev_hash: hashHex,
  hash: hashHex,
});
export type JournalEntryWire = z.infer<typeof journalEntryWire>;

/** A batch in seq order, contiguous. Re-sending any batch changes nothing at the gateway. */
export const journalPushRequest = z.strictObject({
  entries: z.array(journalEntryWire).min(1).max(JOURNAL_PUSH_BATCH_MAX),
});
export type JournalPushRequest = z.infer<typeof journalPushRequest>;

/** The highest seq the gateway holds with an unbroken chain from 1 (everything ≤ it is safe). */
export const journalPushReply = z.strictObject({
  acked_seq: z.number().int().min(0),
  head_hash: hashHex,
});
export type JournalPushReply = z.infer<typeof journalPushReply>;
