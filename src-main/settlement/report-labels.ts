/**
 * Human labels of the report tables' column and item codes, in both languages. The PDF prints
 * both ("备用金 Opening float": the sheet is filed, whoever prints it); the Z report's CSV gives
 * the window's language beside the code.
 */
import type { Locale } from '../../src-shared/api';

/** `[中文, English]` per code. */
const LABELS: Readonly<Record<string, readonly [string, string]>> = {
  channel: ['渠道', 'Channel'],
  sales: ['笔数', 'Sales'],
  gross: ['收款', 'Gross'],
  refunds_count: ['退款笔数', 'Refund count'],
  refunds: ['退款', 'Refunds'],
  fees: ['手续费', 'Fees'],
  written_off: ['核销未收款', 'Written off'],
  net: ['净额', 'Net'],
  expected_payout: ['应结算', 'Expected payout'],
  paid: ['已到账', 'Paid'],
  difference: ['差额', 'Difference'],
  status: ['状态', 'Status'],
  business_date: ['营业日', 'Business date'],
  payout_date: ['结算日', 'Payout date'],
  item: ['项目', 'Item'],
  value: ['数值', 'Value'],
  report: ['报表', 'Report'],
  shift: ['班次', 'Shift'],
  cashier: ['收银员', 'Cashier'],
  cashier_id: ['收银员编号', 'Cashier ID'],
  shift_id: ['班次编号', 'Shift ID'],
  opened_at: ['开班', 'Opened'],
  closed_at: ['交班', 'Closed'],
  opening_float: ['备用金', 'Opening float'],
  cash_sales: ['现金销售', 'Cash sales'],
  cash_refunds: ['现金退款', 'Cash refunds'],
  cash_refund: ['现金退款', 'Cash refund'],
  paid_in: ['存入', 'Paid in'],
  paid_out: ['取出', 'Paid out'],
  expected_cash: ['应有现金', 'Expected cash'],
  counted_cash: ['实点现金', 'Counted cash'],
  time_zone: ['时区', 'Time zone'],
  id_tail_note: [
    '编号只印末 8 位（如屏幕所示）；CSV 与 Excel 导出含完整编号。',
    'Ids show their last 8 characters, as on screen; the CSV and Excel exports have them in full.',
  ],
  seq: ['序号', 'Entry'],
  time_utc: ['时间（UTC）', 'Time (UTC)'],
  kind: ['类型', 'Kind'],
  sale: ['销售', 'Sale'],
  refund: ['退款', 'Refund'],
  order: ['订单', 'Order'],
  hour: ['时段', 'Hour'],
  // A group's row that has no shift or no cashier (the Reports screen's words)
  no_shift: ['无班次', 'No shift'],
  unknown_cashier: ['未知', 'Unknown'],
  total: ['合计', 'Total'],
  cash: ['现金', 'Cash'],
  alipay: ['支付宝', 'Alipay'],
  wechat: ['微信支付', 'WeChat Pay'],
  sandbox: ['演示钱包', 'Demo wallet'],
  offline: ['离线核验（待网关确认）', 'Offline, awaiting the gateway'],
  writeoff: ['离线核销（未收款）', 'Offline, written off'],
};

/** The journal's kinds of sale and refund (the transactions export), `[中文, English]`. */
const ENTRY_KIND_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  'sale.qr': ['扫码收款', 'QR sale'],
  'sale.qr.late': ['扫码收款（过期后到账）', 'QR sale, paid after expiry'],
  'sale.qr.duplicate': ['重复付款', 'Duplicate payment'],
  'sale.qr.reconciled': ['对账补记收款', 'Sale added in reconciliation'],
  'sale.qr.offline': ['离线核验收款', 'Sale verified offline'],
  'sale.qr.recovered': ['核销后到账', 'Written-off sale, paid after all'],
  'cash.sale': ['现金收款', 'Cash sale'],
  'refund.qr': ['原路退款', 'Refund to the wallet'],
  'cash.refund': ['现金退款', 'Cash refund'],
};

/** Which words: one language, or both (Chinese first) for a filed sheet. */
export type LabelLanguage = Locale | 'both';

/** Whether a code has a label of its own. */
export const hasReportLabel = (code: string): boolean => Object.hasOwn(LABELS, code);

function word(code: string, lang: LabelLanguage): string | null {
  if (!hasReportLabel(code)) return null;
  const l = LABELS[code]!;
  return lang === 'both' ? `${l[0]} ${l[1]}` : lang === 'en' ? l[1] : l[0];
}

/**
 * A code's label: its own, or a compound's parts ("alipay.gross" → "支付宝 · 收款"), or a drawer
 * movement's with its reason kept ("paid_out: 买牛奶" → "取出: 买牛奶"). An unknown code stays.
 */
export function reportLabel(code: string, lang: LabelLanguage): string {
  return (
    word(code, lang) ??
    code
      .replace(/^(\w+)\.(\w+)$/, (_, a: string, b: string) => `${word(a, lang) ?? a} · ${word(b, lang) ?? b}`)
      .replace(/^(\w+): /, (_, a: string) => `${word(a, lang) ?? a}: `)
  );
}

/** An entry kind's words; an unknown kind stays as its code. */
export function entryKindLabel(kind: string, lang: LabelLanguage): string {
  const l = Object.hasOwn(ENTRY_KIND_LABELS, kind) ? ENTRY_KIND_LABELS[kind]! : null;
  if (!l) return kind;
  return lang === 'both' ? `${l[0]} ${l[1]}` : lang === 'en' ? l[1] : l[0];
}

/** A payout status as the Reports screen says it (reports.statuses), in both languages for the PDF. */
const STATUS_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  pending: ['待结算', 'Pending'],
  paid: ['已结算', 'Paid'],
  short: ['少付', 'Short'],
  over: ['多付', 'Over'],
  none: ['—', '—'],
};

/** A status cell's words; an unknown status stays as it is. */
export function reportStatusLabel(status: string, lang: LabelLanguage): string {
  const l = Object.hasOwn(STATUS_LABELS, status) ? STATUS_LABELS[status]! : null;
  if (!l) return status;
  if (l[0] === l[1]) return l[0];
  return lang === 'both' ? `${l[0]} ${l[1]}` : lang === 'en' ? l[1] : l[0];
}
