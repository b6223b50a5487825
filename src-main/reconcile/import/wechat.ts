import type { ReconRecord, RecordStatus } from '../record';
import type { ParsedBill } from './alipay';
import { BillError, quoted } from './bill-error';
import { decodeBill } from './decode';
import { beijingTimeToMs, cleanField, forEachLine, splitCsvLine, yuanToFen } from './fields';
import { gunzipBill, isGzip } from './zip';

/** The 27 columns of WeChat Pay's trade bill (payment-networks.md). */
export const WECHAT_TRADE_COLUMNS = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型',
  '交易状态', '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额',
  '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额',
  '费率备注',
] as const; // prettier-ignore

export const WECHAT_SUMMARY_FIRST = '总交易单数';

const COL = Object.fromEntries(WECHAT_TRADE_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof WECHAT_TRADE_COLUMNS)[number],
  number
>;

/** out_trade_no ≤ 32 at WeChat Pay; its own ids are longer. */
const NO_LENGTH_MAX = 64;

const STATUS: Record<string, RecordStatus> = {
  SUCCESS: 'paid',
  REFUND: 'refund',
  NOTPAY: 'unpaid',
  CLOSED: 'unpaid',
  REVOKED: 'unpaid',
  PAYERROR: 'unpaid',
};

/**
 * A refund row's 退款状态. WeChat Pay writes a refund into the bill when it was started
 * successfully and never updates the row after: PROCESSING means already taken from the
 * merchant's balance, SUCCESS also arrived with the customer, CHANGE (退款异常) left the balance
 * but could not reach the customer (the merchant settles it in the portal): money out of the
 * account that day. REFUNDCLOSE: closed before the bill was written, nothing left the balance, so
 * the row is no money (read, counted for the summary, not compared). Anything else is not a bill
 * as WeChat Pay writes it (an edited file): refused.
 */
const REFUND_STATES: Readonly<Record<string, 'out' | 'none'>> = {
  SUCCESS: 'out',
  PROCESSING: 'out',
  CHANGE: 'out',
  REFUNDCLOSE: 'none',
};

/**
 * A WeChat Pay trade bill (plain or the GZIP `tar_type`): a header row, detail rows whose every
 * field starts with a backtick, then the summary header and one summary row. The summary's
 * order count must equal the detail rows read, else the file is refused.
 */
export function parseWechatBill(input: Uint8Array): ParsedBill {
  const bytes = isGzip(input) ? gunzipBill(input) : input;
  const { text, encoding } = decodeBill(bytes);
  const records: ReconRecord[] = [];
  let rows = 0;
  let state: 'header' | 'detail' | 'summary' | 'done' = 'header';
  forEachLine(text, (line, n) => {
    if (line.trim() === '') return;
    const cells = splitCsvLine(line, n).map(cleanField);
    if (state === 'header') {
      WECHAT_TRADE_COLUMNS.forEach((c, i) => {
        if (cells[i] !== c)
          throw new BillError(n, 'header_column', { column: i + 1, expected: c, found: quoted(cells[i]) });
      });
      if (cells.length !== WECHAT_TRADE_COLUMNS.length)
        throw new BillError(n, 'header_extra_columns', { count: cells.length, expected: WECHAT_TRADE_COLUMNS.length });
      state = 'detail';
    } else if (state === 'detail' && cells[0] === WECHAT_SUMMARY_FIRST) {
      state = 'summary';
    } else if (state === 'detail') {
      rows++;
      const r = wechatRow(cells, n);
      if (r) records.push(r);
    } else if (state === 'summary') {
      const count = Number(cells[0]);
      if (!/^\d+$/.test(cells[0] ?? '')) throw new BillError(n, 'summary_count_invalid', { value: quoted(cells[0]) });
      if (count !== rows) throw new BillError(n, 'summary_count_mismatch', { count, rows });
      state = 'done';
    } else throw new BillError(n, 'text_after_summary');
  });
  if (state === 'header') throw new BillError(0, 'header_missing', { channel: 'wechat' });
  if (state === 'summary') throw new BillError(0, 'summary_row_missing');
  return { provider: 'wechat', encoding, records };
}

/** A detail row's record; null for a refund closed before any money moved. */
function wechatRow(c: string[], n: number): ReconRecord | null {
  if (c.length !== WECHAT_TRADE_COLUMNS.length) {
    throw new BillError(n, 'column_count', { count: c.length, expected: WECHAT_TRADE_COLUMNS.length });
  }
  const orderNo = c[COL['商户订单号']]!;
  const tradeNo = c[COL['微信订单号']]!;
  if (!orderNo || orderNo.length > NO_LENGTH_MAX)
    throw new BillError(n, 'id_invalid', { column: '商户订单号', max: NO_LENGTH_MAX });
  if (!tradeNo || tradeNo.length > NO_LENGTH_MAX)
    throw new BillError(n, 'id_invalid', { column: '微信订单号', max: NO_LENGTH_MAX });
  const stateText = c[COL['交易状态']]!;
  const status = STATUS[stateText];
  if (!status) throw new BillError(n, 'value_unknown', { column: '交易状态', value: quoted(stateText) });
  if (c[COL['货币种类']] !== 'CNY')
    throw new BillError(n, 'currency_unsupported', { value: quoted(c[COL['货币种类']]) });
  const refundNo = c[COL['商户退款单号']]!;
  if (status === 'refund' && !refundNo) throw new BillError(n, 'refund_number_missing', { column: '商户退款单号' });
  const refundState = c[COL['退款状态']]!;
  if (status === 'refund' && !Object.hasOwn(REFUND_STATES, refundState)) {
    throw new BillError(n, 'value_unknown', { column: '退款状态', value: quoted(refundState) });
  }
  if (status === 'refund' && REFUND_STATES[refundState] === 'none') return null;
  const amount =
    status === 'refund' ? yuanToFen(c[COL['退款金额']]!, n, '退款金额') : yuanToFen(c[COL['订单金额']]!, n, '订单金额');
  const fee = yuanToFen(c[COL['手续费']]!, n, '手续费');
  return {
    orderNo,
    tradeNo,
    amountMinor: Math.abs(amount),
    feeMinor: Math.abs(fee),
    status,
    timeMs: beijingTimeToMs(c[COL['交易时间']]!, n, '交易时间'),
    refundNo: status === 'refund' ? refundNo : null,
    channel: 'wechat',
  };
}
