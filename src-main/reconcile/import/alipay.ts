import type { ReconRecord } from '../record';
import { AlipayFooter, type AlipayTally } from './alipay-footer';
import { BillError, quoted } from './bill-error';
import { decodeBill, type BillEncoding } from './decode';
import { beijingTimeToMs, cleanField, forEachLine, splitCsvLine, yuanToFen } from './fields';
import { isZip, readZip } from './zip';

/** The 25 columns of Alipay's `trade` bill detail, in order (payment-networks.md). */
export const ALIPAY_TRADE_COLUMNS = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员',
  '终端号', '对方账户', '订单金额（元）', '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）',
  '商家优惠（元）', '券核销金额（元）', '券名称', '商家红包消费金额（元）', '卡消费金额（元）', '退款批次号/请求号',
  '服务费（元）', '分润（元）', '备注',
] as const; // prettier-ignore

const COL = Object.fromEntries(ALIPAY_TRADE_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof ALIPAY_TRADE_COLUMNS)[number],
  number
>;

const USED = [
  COL['支付宝交易号'],
  COL['商户订单号'],
  COL['业务类型'],
  COL['订单金额（元）'],
  COL['商家实收（元）'],
  COL['服务费（元）'],
  COL['完成时间'],
  COL['创建时间'],
  COL['退款批次号/请求号'],
];

/** Order numbers and trade numbers are ≤ 64 characters at Alipay. */
const NO_LENGTH_MAX = 64;

export interface ParsedBill {
  readonly provider: 'alipay' | 'wechat';
  readonly encoding: BillEncoding;
  readonly records: ReconRecord[];
}

/**
 * An Alipay trade bill: the zip Alipay serves, or the detail CSV on its own. `#` lines are the
 * header and footer; the first non-`#` line must be the 25-column header; every detail row
 * must parse or the whole file is refused with the row's line number, and the footer's counts
 * and totals must be the rows' (`alipay-footer.ts`): a file cut short is refused, not imported.
 */
export function parseAlipayBill(bytes: Uint8Array): ParsedBill {
  if (!isZip(bytes)) return parseAlipayCsv(bytes);
  const entries = readZip(bytes).filter((e) => /\.csv$/i.test(e.name));
  for (const e of entries) {
    const parsed = parseAlipayCsv(e.data, true);
    if (parsed) return parsed;
  }
  throw new BillError(0, 'archive_no_alipay_csv');
}

function parseAlipayCsv(bytes: Uint8Array): ParsedBill;
function parseAlipayCsv(bytes: Uint8Array, probe: true): ParsedBill | null;
function parseAlipayCsv(bytes: Uint8Array, probe = false): ParsedBill | null {
  const { text, encoding } = decodeBill(bytes);
  const records: ReconRecord[] = [];
  let header = false;
  let notDetail = false;
  const footer = new AlipayFooter();
  const tally: AlipayTally = { trades: 0, refunds: 0, tradeReceivedFen: 0, refundReceivedFen: 0 };
  forEachLine(text, (line, n) => {
    if (line.startsWith('#')) {
      footer.read(line, n);
      return;
    }
    if (line.trim() === '') return;
    const cells = splitCsvLine(line, n);
    if (!header) {
      for (let i = 0; i < cells.length; i++) cells[i] = cleanField(cells[i]!);
      if (cells[0] !== ALIPAY_TRADE_COLUMNS[0] || cells.length !== ALIPAY_TRADE_COLUMNS.length) {
        if (probe) {
          notDetail = true;
          return 'stop';
        }
        throw new BillError(n, 'header_wrong', { channel: 'alipay' });
      }
      ALIPAY_TRADE_COLUMNS.forEach((c, i) => {
        if (cells[i] !== c)
          throw new BillError(n, 'header_column', { column: i + 1, expected: c, found: quoted(cells[i]) });
      });
      header = true;
      return;
    }
    records.push(alipayRow(cells, n, tally));
  });
  if (notDetail) return null;
  if (!header) throw new BillError(0, 'header_missing', { channel: 'alipay' });
  footer.check(tally);
  return { provider: 'alipay', encoding, records };
}

/** A detail row; only the columns used are cleaned and checked (a 1M-row bill: ~2× faster). */
function alipayRow(raw: string[], n: number, tally: AlipayTally): ReconRecord {
  if (raw.length !== ALIPAY_TRADE_COLUMNS.length) {
    throw new BillError(n, 'column_count', { count: raw.length, expected: ALIPAY_TRADE_COLUMNS.length });
  }
  const c = raw;
  for (const i of USED) c[i] = cleanField(raw[i]!);
  const tradeNo = c[COL['支付宝交易号']]!;
  const orderNo = c[COL['商户订单号']]!;
  if (!tradeNo || tradeNo.length > NO_LENGTH_MAX)
    throw new BillError(n, 'id_invalid', { column: '支付宝交易号', max: NO_LENGTH_MAX });
  if (!orderNo || orderNo.length > NO_LENGTH_MAX)
    throw new BillError(n, 'id_invalid', { column: '商户订单号', max: NO_LENGTH_MAX });
  const kind = c[COL['业务类型']];
  if (kind !== '交易' && kind !== '退款')
    throw new BillError(n, 'value_unknown', { column: '业务类型', value: quoted(kind) });
  const amount = yuanToFen(c[COL['订单金额（元）']]!, n, '订单金额');
  const received = yuanToFen(c[COL['商家实收（元）']]!, n, '商家实收');
  const feeText = c[COL['服务费（元）']]!;
  const fee = feeText === '' ? 0 : yuanToFen(feeText, n, '服务费');
  const timeText = c[COL['完成时间']] || c[COL['创建时间']]!;
  const refundNo = c[COL['退款批次号/请求号']]!;
  if (kind === '退款' && !refundNo) throw new BillError(n, 'refund_number_missing', { column: '退款批次号/请求号' });
  if (kind === '退款') {
    tally.refunds++;
    tally.refundReceivedFen += Math.abs(received);
  } else {
    tally.trades++;
    tally.tradeReceivedFen += received;
  }
  return {
    orderNo,
    tradeNo,
    amountMinor: Math.abs(amount),
    feeMinor: Math.abs(fee),
    status: kind === '退款' ? 'refund' : 'paid',
    timeMs: beijingTimeToMs(timeText, n, '完成时间'),
    refundNo: kind === '退款' ? refundNo : null,
    channel: 'alipay',
  };
}
