import { BillTotalsError } from './bill-error';
import { formatPlain } from '../../../src-shared/money';
import { yuanToFen } from './fields';

/** Fen as the bill writes yuan ("73.30"). */
const yuan = (fen: number): string => formatPlain(fen, 'CNY');

/**
 * An Alipay trade bill's footer (`#交易合计：4笔，商家实收：￥73.30元，服务费：￥0.44元` and
 * `#退款合计：1笔，商家实收退款：￥5.00元`) against the rows read: a file cut short, or edited, is
 * refused by name instead of imported with rows missing. Counts are required; the amounts are
 * checked when the footer carries them.
 */
export interface AlipayTally {
  trades: number;
  refunds: number;
  /** 商家实收 of the trade rows, and of the refund rows (as positive), in fen. */
  tradeReceivedFen: number;
  refundReceivedFen: number;
}

interface FooterLine {
  readonly count: number;
  readonly fen: number | null;
}

const TRADES_RE = /^#交易合计[：:]\s*(\d+)\s*笔(?:[，,]\s*商家实收[：:]\s*[￥¥]?\s*(-?[\d.]+)\s*元)?/;
const REFUNDS_RE = /^#退款合计[：:]\s*(\d+)\s*笔(?:[，,]\s*商家实收退款[：:]\s*[￥¥]?\s*(-?[\d.]+)\s*元)?/;

export class AlipayFooter {
  private trades: FooterLine | null = null;
  private refunds: FooterLine | null = null;

  /** A `#` line: kept if it is one of the two totals. */
  read(line: string, n: number): void {
    const t = TRADES_RE.exec(line);
    if (t) this.trades = { count: Number(t[1]), fen: t[2] === undefined ? null : yuanToFen(t[2], n, '交易合计') };
    const r = REFUNDS_RE.exec(line);
    if (r) this.refunds = { count: Number(r[1]), fen: r[2] === undefined ? null : yuanToFen(r[2], n, '退款合计') };
  }

  check(tally: AlipayTally): void {
    if (!this.trades) throw new BillTotalsError('no #交易合计 footer: the file may be cut short', null);
    const refunds = this.refunds ?? { count: 0, fen: null };
    const checks = [
      ['trades', String(this.trades.count), String(tally.trades)],
      ['trades', this.trades.fen === null ? null : yuan(this.trades.fen), yuan(tally.tradeReceivedFen)],
      ['refunds', String(refunds.count), String(tally.refunds)],
      ['refunds', refunds.fen === null ? null : yuan(Math.abs(refunds.fen)), yuan(tally.refundReceivedFen)],
    ] as const;
    for (const [section, footer, rows] of checks) {
      if (footer !== null && footer !== rows) {
        throw new BillTotalsError(`${section}: the footer says ${footer}, the rows add up to ${rows}`, {
          section,
          footer,
          rows,
        });
      }
    }
  }
}
