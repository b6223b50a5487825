import type { CashMovementLine, ChannelLine, ShiftReportView } from '../../src-shared/api';
import type { Db } from '../db/connection';
import { CASH_CHANNEL, WRITTEN_OFF_CHANNEL } from './entry-index';
import type { ShiftRow, ShiftStore } from './shifts';

/** Kinds that empty the drawer at close: not part of what the drawer should hold. */
const CLOSING_KINDS = "('shift.close', 'cash.overshort')";

interface ChannelRow {
  channel: string;
  sale_count: number;
  gross: number;
  refund_count: number;
  refunds: number;
  fees: number;
}

/** What a channel's sales less refunds never brought in: all of it for written-off sales, else 0. */
export const writtenOffOf = (channel: string, gross: number, refunds: number): number =>
  channel === WRITTEN_OFF_CHANNEL ? gross - refunds : 0;

export function toLine(r: ChannelRow): ChannelLine {
  const writtenOff = writtenOffOf(r.channel, r.gross, r.refunds);
  return {
    channel: r.channel,
    saleCount: r.sale_count,
    grossMinor: r.gross,
    refundCount: r.refund_count,
    refundsMinor: r.refunds,
    writtenOffMinor: writtenOff,
    feesMinor: r.fees,
    netMinor: r.gross - r.refunds - r.fees - writtenOff,
  };
}

export function totalLine(lines: readonly ChannelLine[], channel = 'total'): ChannelLine {
  const t = {
    channel,
    saleCount: 0,
    grossMinor: 0,
    refundCount: 0,
    refundsMinor: 0,
    writtenOffMinor: 0,
    feesMinor: 0,
    netMinor: 0,
  };
  for (const l of lines) {
    t.saleCount += l.saleCount;
    t.grossMinor += l.grossMinor;
    t.refundCount += l.refundCount;
    t.refundsMinor += l.refundsMinor;
    t.writtenOffMinor += l.writtenOffMinor;
    t.feesMinor += l.feesMinor;
    t.netMinor += l.netMinor;
  }
  return t;
}

/** X and Z reports of a shift: SQL over the settlement index, by shift. */
export class ShiftReports {
  private readonly channels;
  private readonly cash;
  private readonly movements;

  constructor(
    db: Db,
    private readonly shifts: ShiftStore,
  ) {
    this.channels = db.prepare<[string], ChannelRow>(
      `SELECT channel, SUM(sale_minor > 0) AS sale_count, SUM(sale_minor) AS gross,
              SUM(refund_minor > 0) AS refund_count, SUM(refund_minor) AS refunds,
              SUM(fee_expected_minor) AS fees
       FROM entry_index WHERE shift_id = ? AND channel IS NOT NULL AND (sale_minor <> 0 OR refund_minor <> 0)
       GROUP BY channel ORDER BY channel`,
    );
    this.cash = db.prepare<[string], { drawer: number | null; paid_in: number | null; paid_out: number | null }>(
      `SELECT SUM(CASE WHEN kind NOT IN ${CLOSING_KINDS} THEN cash_minor END) AS drawer,
              SUM(CASE WHEN kind = 'cash.in' THEN cash_minor END) AS paid_in,
              -SUM(CASE WHEN kind = 'cash.out' THEN cash_minor END) AS paid_out
       FROM entry_index WHERE shift_id = ?`,
    );
    this.movements = db.prepare<[string], { at: number; kind: string; amount: number; memo: string }>(
      `SELECT i.created_at_ms AS at, i.kind, i.cash_minor AS amount, j.memo
       FROM entry_index i JOIN journal j ON j.seq = i.entry_seq
       WHERE i.shift_id = ? AND i.kind IN ('cash.in', 'cash.out', 'cash.refund') ORDER BY i.entry_seq`,
    );
  }

  /** What the drawer should hold now (or held just before the close). */
  expectedCash(shiftId: string): number {
    return this.cash.get(shiftId)?.drawer ?? 0;
  }

  report(row: ShiftRow, nowMs: number): ShiftReportView {
    const channels = this.channels.all(row.id).map(toLine);
    const cashLine = channels.find((c) => c.channel === CASH_CHANNEL);
    const cash = this.cash.get(row.id);
    const movements: CashMovementLine[] = this.movements.all(row.id).map((m) => ({
      atMs: m.at,
      direction: m.kind === 'cash.in' ? 'in' : m.kind === 'cash.refund' ? 'refund' : 'out',
      amountMinor: Math.abs(m.amount),
      reason: m.memo,
    }));
    const expected = row.expected_minor ?? cash?.drawer ?? 0;
    const closed = row.closed_at_ms !== null;
    return {
      kind: closed ? 'Z' : 'X',
      shift: this.shifts.view(row),
      generatedAtMs: nowMs,
      channels,
      total: totalLine(channels),
      cashSalesMinor: cashLine?.grossMinor ?? 0,
      cashRefundsMinor: cashLine?.refundsMinor ?? 0,
      paidInMinor: cash?.paid_in ?? 0,
      paidOutMinor: cash?.paid_out ?? 0,
      movements,
      expectedCashMinor: expected,
      countedCashMinor: row.counted_minor,
      differenceMinor: row.counted_minor === null ? null : row.counted_minor - expected,
    };
  }
}
