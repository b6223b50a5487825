/**
 * The customer's payment code (付款码) as a barcode scanner types it. Shapes from the wallets'
 * documentation: Alipay auth codes are 16–24 digits starting 25–30
 * (alipay.trade.pay, auth_code); WeChat Pay codes are 18 digits starting 10–15 (micropay
 * auth_code). Anything else is not a payment code.
 */
import { err, ok, type Result } from './result';

export const PAYMENT_CODE_WALLETS = ['alipay', 'wechat'] as const;
export type PaymentCodeWallet = (typeof PAYMENT_CODE_WALLETS)[number];

/** Longest payment code of any wallet (Alipay: 24 digits). */
export const PAYMENT_CODE_LENGTH_MAX = 24;

const ALIPAY_CODE_RE = /^(2[5-9]|30)\d{14,22}$/;
const WECHAT_CODE_RE = /^1[0-5]\d{16}$/;

export function classifyPaymentCode(text: string): Result<PaymentCodeWallet> {
  if (typeof text !== 'string' || text.length > PAYMENT_CODE_LENGTH_MAX || !/^\d+$/.test(text)) {
    return err('payment_code_malformed', 'a payment code is 16–24 digits');
  }
  if (ALIPAY_CODE_RE.test(text)) return ok('alipay');
  if (WECHAT_CODE_RE.test(text)) return ok('wechat');
  return err('payment_code_malformed', 'not the shape of an Alipay or WeChat payment code');
}

/** The code as logs may show it: a payment code is a bearer credential for a minute. */
export function maskPaymentCode(code: string): string {
  return code.length <= 6 ? '******' : `${code.slice(0, 2)}${'*'.repeat(code.length - 6)}${code.slice(-4)}`;
}
