import { BillError } from './bill-error';
import { yuanToFen } from './fields';

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
    if (!this.trades) throw new BillError(0, 'no #交易合计 footer: the file may be cut short; download it again');
    if (this.trades.count !== tally.trades) {
      throw new BillError(
        0,
        `the footer counts ${this.trades.count} trades (交易合计), the file holds ${tally.trades}`,
      );
    }
    if (this.trades.fen !== null && this.trades.fen !== tally.tradeReceivedFen) {
      throw new BillError(
        0,
        `the trades' 商家实收 add up to ${fen(tally.tradeReceivedFen)}, the footer says ${fen(this.trades.fen)}`,
      );
    }
    const refunds = this.refunds ?? { count: 0, fen: null };
    if (refunds.count !== tally.refunds) {
      throw new BillError(0, `the footer counts ${refunds.count} refunds (退款合计), the file holds ${tally.refunds}`);
    }
    if (refunds.fen !== null && Math.abs(refunds.fen) !== tally.refundReceivedFen) {
      throw new BillError(
        0,
        `the refunds' 商家实收 add up to ${fen(tally.refundReceivedFen)}, the footer says ${fen(Math.abs(refunds.fen))}`,
      );
    }
  }
}

const fen = (f: number) =>
  `${f < 0 ? '-' : ''}${Math.floor(Math.abs(f) / 100)}.${String(Math.abs(f) % 100).padStart(2, '0')}`;
