/**
 * The gateway's statement: the provider-side truth about one terminal's (or the whole store's)
 * payments in a time range, paged by order id. Money in minor units, time in epoch ms.
 */
import { z } from 'zod';
import { CURRENCIES } from '../money';
import { ULID_RE } from '../ulid';
import { TERMINAL_ID_RE } from './qr-url';

export const STATEMENT_PATH = '/v1/statement';
/** Entries per page: ~250 bytes each keeps a page far below the console's 1 MiB reply cap. */
export const STATEMENT_PAGE_MAX = 1000;
/** A statement covers at most 366 days plus a day of zone slack. */
export const STATEMENT_RANGE_MS_MAX = 367 * 24 * 3_600_000;

const currency = z.enum(Object.keys(CURRENCIES) as [keyof typeof CURRENCIES, ...(keyof typeof CURRENCIES)[]]);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

export const statementEntry = z.strictObject({
  order_id: z.string().regex(ULID_RE),
  terminal_id: z.string().regex(TERMINAL_ID_RE),
  kind: z.enum(['payment', 'refund']),
  provider_trade_no: z.string().min(1).max(64),
  /** Refund request number for refunds; null for payments. */
  refund_no: z.string().min(1).max(64).nullable(),
  amount_minor: z.number().int().min(1).max(10_000_000_000),
  fee_minor: z.number().int().min(0).max(10_000_000_000),
  currency,
  channel: z.string().regex(/^[a-z]{1,16}$/),
  time_ms: epochMs,
});
export type StatementEntry = z.infer<typeof statementEntry>;

export const statementReply = z.strictObject({
  entries: z.array(statementEntry).max(STATEMENT_PAGE_MAX),
  /** Ask again with `after=<this>` for the next page; null at the end. */
  next_after: z.string().regex(ULID_RE).nullable(),
});
export type StatementReply = z.infer<typeof statementReply>;
