/**
 * What the fake Alipay keeps and how it writes it: its trades, the customer's scripted answers,
 * the calls it saw, notify options, and Alipay's amount and time formats.
 */
export type PayScript =
  | { readonly kind: 'success' }
  /** 10003 first; the trade succeeds on the n-th query after that. */
  | { readonly kind: 'paying'; readonly queriesUntilPaid: number }
  /** 10003, and the customer never confirms. */
  | { readonly kind: 'paying_forever' }
  | { readonly kind: 'fail'; readonly subCode: string };

export interface Trade {
  readonly outTradeNo: string;
  readonly tradeNo: string;
  readonly totalAmount: string;
  readonly subject: string;
  readonly notifyUrl: string | null;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  /** Precreate trades exist for query only once the customer scanned. */
  exists: boolean;
  queriesUntilPaid: number | null;
  gmtPayment: string | null;
  refundedFen: number;
  readonly refunds: Map<string, { amount: string; reason: string }>;
}

export interface FakeCall {
  readonly method: string;
  readonly biz: Record<string, string>;
}

export interface NotifyOptions {
  /** Fields replaced after signing (a tampered body) or before signing (`signed: true`). */
  readonly fields?: Readonly<Record<string, string>>;
  readonly signFields?: boolean;
  /** Sign with a key that is not Alipay's. */
  readonly forgedKey?: boolean;
  readonly outTradeNo?: string;
}

export const SELLER_ID = '2088102177846880';
export const BUYER_ID = '2088102177846875';

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function stamp(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}
