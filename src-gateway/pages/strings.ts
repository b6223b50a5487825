/**
 * The customer pages' words, zh-CN (default) and en, and the choice between them.
 *
 * The QR the shop shows is the 收款码 / "payment QR", as the console calls it; 付款码 / "payment
 * code" is the customer's own code that the cashier scans (the console's scan field), never this.
 */

export const PAGE_LOCALES = ['zh-CN', 'en'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

export interface PageStrings {
  readonly walletTitle: string;
  readonly sandboxNotice: string;
  readonly merchant: string;
  readonly amount: string;
  readonly orderNumber: string;
  readonly pay: string;
  readonly decline: string;
  readonly paidTitle: string;
  readonly paidLine: (amount: string, merchant: string) => string;
  readonly confirmationHint: string;
  readonly alreadyPaidTitle: string;
  readonly closedTitle: string;
  readonly closedHint: string;
  readonly expiredTitle: string;
  readonly expiredHint: string;
  readonly declinedTitle: string;
  readonly declinedHint: string;
  readonly invalidTitle: string;
  readonly invalidHint: string;
  readonly busyTitle: string;
  readonly busyHint: string;
}

const zhCN: PageStrings = {
  walletTitle: '确认付款',
  sandboxNotice: '沙盒钱包：演示用，不会真实扣款',
  merchant: '收款方',
  amount: '金额',
  orderNumber: '订单号',
  pay: '支付',
  decline: '拒绝',
  paidTitle: '支付成功',
  paidLine: (amount, merchant) => `已向 ${merchant} 支付 ${amount}`,
  confirmationHint: '如收银台未显示已收款，请将此确认码告知收银员',
  alreadyPaidTitle: '该订单已支付',
  closedTitle: '订单已关闭',
  closedHint: '收银员已取消此订单，无需付款。',
  expiredTitle: '收款码已失效',
  expiredHint: '请让收银员重新生成收款码。',
  declinedTitle: '已拒绝付款',
  declinedHint: '未扣款。如需付款，请重新扫码。',
  invalidTitle: '无效的收款码',
  invalidHint: '请让收银员重新生成收款码。',
  busyTitle: '操作过于频繁',
  busyHint: '请稍后再试。',
};

const en: PageStrings = {
  walletTitle: 'Confirm payment',
  sandboxNotice: 'Sandbox wallet: for demos, no real money moves',
  merchant: 'Pay to',
  amount: 'Amount',
  orderNumber: 'Order number',
  pay: 'Pay',
  decline: 'Decline',
  paidTitle: 'Payment successful',
  paidLine: (amount, merchant) => `Paid ${amount} to ${merchant}`,
  confirmationHint: 'If the counter does not show the payment, tell the cashier this confirmation code',
  alreadyPaidTitle: 'This order is already paid',
  closedTitle: 'Order closed',
  closedHint: 'The cashier cancelled this order; there is nothing to pay.',
  expiredTitle: 'This payment QR has expired',
  expiredHint: 'Ask the cashier for a new payment QR.',
  declinedTitle: 'Payment declined',
  declinedHint: 'Nothing was charged. Scan again to pay.',
  invalidTitle: 'Invalid payment QR',
  invalidHint: 'Ask the cashier for a new payment QR.',
  busyTitle: 'Too many attempts',
  busyHint: 'Please try again later.',
};

export const PAGE_STRINGS: Readonly<Record<PageLocale, PageStrings>> = { 'zh-CN': zhCN, en };

/** Accept-Language values longer than this are not parsed (the default applies). */
const ACCEPT_LANGUAGE_LENGTH_MAX = 512;

/** The best of zh-CN / en by the header's q-values; zh-CN when neither is asked for. */
export function chooseLocale(acceptLanguage: string | undefined): PageLocale {
  if (!acceptLanguage || acceptLanguage.length > ACCEPT_LANGUAGE_LENGTH_MAX) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'zh-CN';
}
