/**
 * The Alipay provider: face-to-face methods mapped to the gateway's provider answers.
 * Amounts go out as exact yuan strings (`formatPlain`) and come back parsed digit by digit.
 */
import { formatPlain, parseAmount } from '../../src-shared/money';
import type { PaymentCodeWallet } from '../../src-shared/payment-code';
import { PROTOCOL_AMOUNT_MINOR_MAX } from '../../src-shared/protocol/gateway';
import type { CancelAnswer, PayAnswer, PaymentProvider, QueryAnswer, TradeRequest } from '../services/provider';
import { field, type AlipayAnswer, type AlipayClient } from './client';

/** Face-to-face trades last 3 h by default; ours end with the QR's validity (2 h) or sooner. */
const PRECREATE_TIMEOUT_EXPRESS = '120m';
/** Alipay's subject is ≤ 256 chars; ours is the merchant's name and the order's short id. */
const SUBJECT_LENGTH_MAX = 256;

export type PrecreateAnswer =
  | { readonly kind: 'qr'; readonly qrCode: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export type RefundAnswer =
  /** fund_change=Y: money moved on this call. */
  | { readonly kind: 'refunded' }
  /** Accepted but money did not move on this call (e.g. a retry): confirm by refund query. */
  | { readonly kind: 'confirm' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export type RefundQueryAnswer =
  | { readonly kind: 'succeeded'; readonly amountMinor: number }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unknown'; readonly reason: string };

export type BillUrlAnswer =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'not_ready' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export function yuan(amountMinor: number): string {
  return formatPlain(amountMinor, 'CNY');
}

export function minorOf(text: string | null): number | null {
  if (text === null) return null;
  const parsed = parseAmount(text, 'CNY', PROTOCOL_AMOUNT_MINOR_MAX);
  return parsed.ok ? parsed.value : null;
}

function describe(a: Extract<AlipayAnswer, { kind: 'answer' }>): string {
  return `${a.code}${a.subCode ? ` ${a.subCode}` : ''}`;
}

export class AlipayProvider implements PaymentProvider {
  readonly channel = 'alipay' as const;

  constructor(
    private readonly client: AlipayClient,
    private readonly notifyUrl: () => string,
  ) {}

  acceptsWallet(wallet: PaymentCodeWallet): boolean {
    return wallet === 'alipay';
  }

  async precreate(req: TradeRequest): Promise<PrecreateAnswer> {
    const a = await this.client.call({
      method: 'alipay.trade.precreate',
      notifyUrl: this.notifyUrl(),
      biz: {
        out_trade_no: req.outTradeNo,
        total_amount: yuan(req.amountMinor),
        subject: req.subject.slice(0, SUBJECT_LENGTH_MAX),
        timeout_express: PRECREATE_TIMEOUT_EXPRESS,
      },
    });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    const qrCode = field(a.body, 'qr_code');
    if (a.code === '10000' && qrCode) return { kind: 'qr', qrCode };
    if (a.code === '20000') return { kind: 'unknown', reason: describe(a) };
    return { kind: 'failed', reason: describe(a) };
  }

  async pay(req: TradeRequest & { readonly authCode: string }): Promise<PayAnswer> {
    const a = await this.client.call({
      method: 'alipay.trade.pay',
      notifyUrl: this.notifyUrl(),
      biz: {
        out_trade_no: req.outTradeNo,
        scene: 'bar_code',
        auth_code: req.authCode,
        total_amount: yuan(req.amountMinor),
        subject: req.subject.slice(0, SUBJECT_LENGTH_MAX),
      },
    });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    const tradeNo = field(a.body, 'trade_no');
    if (a.code === '10000') {
      const amount = minorOf(field(a.body, 'total_amount'));
      if (!tradeNo || amount === null) return { kind: 'unknown', reason: '10000 without trade_no or total_amount' };
      return { kind: 'paid', providerTradeNo: tradeNo, amountMinor: amount };
    }
    if (a.code === '10003') return { kind: 'paying', providerTradeNo: tradeNo };
    // A system error, or a retried request finding its own trade: the query decides.
    if (a.code === '20000' || a.subCode === 'ACQ.TRADE_HAS_SUCCESS' || a.subCode === 'ACQ.SYSTEM_ERROR') {
      return { kind: 'unknown', reason: describe(a) };
    }
    return { kind: 'failed', reason: describe(a) };
  }

  async query(outTradeNo: string): Promise<QueryAnswer> {
    const a = await this.client.call({ method: 'alipay.trade.query', biz: { out_trade_no: outTradeNo } });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    if (a.code === '40004' && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'not_found' };
    if (a.code !== '10000') return { kind: 'unknown', reason: describe(a) };
    const status = field(a.body, 'trade_status');
    if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') {
      const tradeNo = field(a.body, 'trade_no');
      const amount = minorOf(field(a.body, 'total_amount'));
      if (!tradeNo || amount === null) return { kind: 'unknown', reason: 'paid without trade_no or total_amount' };
      return { kind: 'paid', providerTradeNo: tradeNo, amountMinor: amount };
    }
    if (status === 'TRADE_CLOSED') return { kind: 'closed' };
    return { kind: 'waiting' };
  }

  async cancel(outTradeNo: string): Promise<CancelAnswer> {
    const a = await this.client.call({ method: 'alipay.trade.cancel', biz: { out_trade_no: outTradeNo } });
    if (a.kind === 'unreachable') return { kind: 'retry', reason: a.reason };
    if (a.code === '10000' && field(a.body, 'retry_flag') !== 'Y') return { kind: 'done' };
    if (a.code === '40004' && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { kind: 'done' };
    return { kind: 'retry', reason: describe(a) };
  }

  async refund(outTradeNo: string, outRequestNo: string, amountMinor: number, reason: string): Promise<RefundAnswer> {
    const a = await this.client.call({
      method: 'alipay.trade.refund',
      biz: {
        out_trade_no: outTradeNo,
        out_request_no: outRequestNo,
        refund_amount: yuan(amountMinor),
        ...(reason ? { refund_reason: reason.slice(0, 256) } : {}),
      },
    });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    if (a.code === '10000') return field(a.body, 'fund_change') === 'Y' ? { kind: 'refunded' } : { kind: 'confirm' };
    if (a.code === '20000') return { kind: 'unknown', reason: describe(a) };
    return { kind: 'failed', reason: describe(a) };
  }

  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryAnswer> {
    const a = await this.client.call({
      method: 'alipay.trade.fastpay.refund.query',
      biz: { out_trade_no: outTradeNo, out_request_no: outRequestNo },
    });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    if (a.code !== '10000') return { kind: 'unknown', reason: describe(a) };
    const amount = minorOf(field(a.body, 'refund_amount'));
    const status = field(a.body, 'refund_status');
    // Alipay answers 10000 without refund_status for a refund it does not know.
    if (status === 'REFUND_SUCCESS' && amount !== null) return { kind: 'succeeded', amountMinor: amount };
    if (status === null) return { kind: 'not_found' };
    return { kind: 'unknown', reason: `refund_status ${status}` };
  }

  async billUrl(billType: 'trade' | 'signcustomer', billDate: string): Promise<BillUrlAnswer> {
    const a = await this.client.call({
      method: 'alipay.data.dataservice.bill.downloadurl.query',
      biz: { bill_type: billType, bill_date: billDate },
    });
    if (a.kind === 'unreachable') return { kind: 'unknown', reason: a.reason };
    const url = field(a.body, 'bill_download_url');
    if (a.code === '10000' && url) return { kind: 'url', url };
    if (a.subCode === 'isp.bill_not_exist') return { kind: 'not_ready' };
    return { kind: 'failed', reason: describe(a) };
  }
}
