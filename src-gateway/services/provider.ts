/**
 * What the gateway needs from a payment provider for the customer's payment code (付款码)
 * and for trade queries: the seam between the trade bookkeeping and one network's API.
 */
import type { PaymentCodeWallet } from '../../src-shared/payment-code';

export type PayAnswer =
  | { readonly kind: 'paid'; readonly providerTradeNo: string; readonly amountMinor: number }
  /** The customer must confirm on their phone (Alipay 10003): query until it settles. */
  | { readonly kind: 'paying'; readonly providerTradeNo: string | null }
  | { readonly kind: 'failed'; readonly reason: string }
  /** No answer, or a system error (Alipay 20000): the trade may exist; query decides. */
  | { readonly kind: 'unknown'; readonly reason: string };

export type QueryAnswer =
  | { readonly kind: 'paid'; readonly providerTradeNo: string; readonly amountMinor: number }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unknown'; readonly reason: string };

export type CancelAnswer = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly reason: string };

export interface TradeRequest {
  readonly outTradeNo: string;
  readonly amountMinor: number;
  readonly subject: string;
}

export interface PaymentProvider {
  readonly channel: 'sandbox' | 'alipay';
  acceptsWallet(wallet: PaymentCodeWallet): boolean;
  pay(req: TradeRequest & { readonly authCode: string }): Promise<PayAnswer>;
  query(outTradeNo: string): Promise<QueryAnswer>;
  cancel(outTradeNo: string): Promise<CancelAnswer>;
}
