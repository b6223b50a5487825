import type {
  DayChannelLine,
  GroupLine,
  PayoutStatus,
  SettlementLine,
  SettlementReportView,
} from '../../src-shared/api';
import type { Currency } from '../../src-shared/money';
import { err, ok, type Result } from '../../src-shared/result';
import type { Db } from '../db/connection';
import type { SettingsStore } from '../settings/settings';
import { addDays, daysInclusive } from './business-day';
import { CASH_CHANNEL, NO_PAYOUT_CHANNELS, OFFLINE_CHANNEL, WRITTEN_OFF_CHANNEL } from './entry-index';
import { daysAreProviderDays, sharedPayouts } from './payout-split';
import { totalLine, writtenOffOf } from './shift-report';

/** A report covers at most a leap year: the monthly sheet, the quarter, the whole year. */
export const REPORT_RANGE_DAYS_MAX = 366;
export const FEE_RULE =
  'per transaction at the rate in force when it was committed: amount × rate, half up to the fen; a refund returns the fee its order was charged in proportion (fee × refunded / paid), never more';

interface DayRow {
  business_date: string;
  channel: string;
  sale_count: number;
  gross: number;
  refund_count: number;
  refunds: number;
  fees: number;
  fees_booked: number;
  paid: number;
}
interface GroupRow {
  k: string | number | null;
  name: string | null;
  opened: number | null;
  sale_count: number;
  gross: number;
  refunds: number;
  fees: number;
  written_off: number;
}

/**
 * `exact`: whether a batch came is known (batches shared between business days, payout-split.ts),
 * so nothing paid is a shortfall, not a wait; otherwise nothing paid against something expected
 * reads as still pending.
 */
function status(channel: string, expected: number, paid: number, anyPending: boolean, exact: boolean): PayoutStatus {
  if (NO_PAYOUT_CHANNELS.has(channel)) return 'none';
  if (anyPending || (!exact && paid === 0 && expected !== 0)) return 'pending';
  if (paid === expected) return 'paid';
  return paid < expected ? 'short' : 'over';
}

function settle(
  base: {
    channel: string;
    saleCount: number;
    grossMinor: number;
    refundCount: number;
    refundsMinor: number;
    writtenOffMinor: number;
  },
  fees: number,
  feesBooked: number,
  paid: number,
  anyPending: boolean,
  exact = false,
): SettlementLine {
  const expected = NO_PAYOUT_CHANNELS.has(base.channel) ? 0 : base.grossMinor - base.refundsMinor - fees;
  return {
    ...base,
    netMinor: base.grossMinor - base.refundsMinor - fees - base.writtenOffMinor,
    feesMinor: fees,
    expectedPayoutMinor: expected,
    paidMinor: paid,
    feesBookedMinor: feesBooked,
    differenceMinor: paid - expected,
    status: status(base.channel, expected, paid, anyPending, exact),
  };
}

/** Settlement for a range of business dates: SQL over the settlement index, grouped in SQLite. */
/** The name a group line is read by: the cashier's, for a cashier or a shift (theirs). */
const GROUP_NAME = {
  local_hour: 'NULL',
  operator_id: '(SELECT name FROM operators o WHERE o.id = r.operator_id)',
  shift_id: '(SELECT o.name FROM shifts s JOIN operators o ON o.id = s.operator_id WHERE s.id = r.shift_id)',
} as const;
/** When a shift line's shift opened; nothing for the other groupings. */
const GROUP_OPENED = {
  local_hour: 'NULL',
  operator_id: 'NULL',
  shift_id: '(SELECT s.opened_at_ms FROM shifts s WHERE s.id = r.shift_id)',
} as const;

export class SettlementReports {
  private readonly dayStmt;
  private readonly cashStmt;

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
    private readonly currency: () => Currency,
  ) {
    this.dayStmt = db.prepare<[string, string], DayRow>(
      `SELECT business_date, channel, SUM(sale_count) AS sale_count, SUM(gross_minor) AS gross,
         SUM(refund_count) AS refund_count, SUM(refunds_minor) AS refunds, SUM(fees_minor) AS fees,
         SUM(fees_booked_minor) AS fees_booked, SUM(paid_minor) AS paid
       FROM report_rollup WHERE business_date BETWEEN ? AND ?
       GROUP BY business_date, channel ORDER BY business_date, channel`,
    );
    this.cashStmt = db.prepare<[string, string], { n: number | null; gross: number | null }>(
      `SELECT SUM(sale_count) AS n, SUM(gross_minor) AS gross FROM report_rollup WHERE business_date = ? AND channel = ?`,
    );
  }

  /** The cash sales of one business day (count and gross), from the day's rollup. */
  cashSales(businessDate: string): { count: number; grossMinor: number } {
    const r = this.cashStmt.get(businessDate, CASH_CHANNEL);
    return { count: r?.n ?? 0, grossMinor: r?.gross ?? 0 };
  }

  private group(column: keyof typeof GROUP_NAME, from: string, to: string): GroupLine[] {
    return this.db
      .prepare<[string, string], GroupRow>(
        `SELECT r.${column} AS k, ${GROUP_NAME[column]} AS name, ${GROUP_OPENED[column]} AS opened,
           SUM(sale_count) AS sale_count,
           SUM(gross_minor) AS gross, SUM(refunds_minor) AS refunds, SUM(fees_minor) AS fees,
           SUM(CASE WHEN channel = '${WRITTEN_OFF_CHANNEL}' THEN gross_minor - refunds_minor ELSE 0 END) AS written_off
         FROM report_rollup r WHERE business_date BETWEEN ? AND ?
         GROUP BY r.${column} HAVING SUM(sale_count) + SUM(refund_count) > 0 ORDER BY r.${column}`,
      )
      .all(from, to)
      .map((r) => ({
        key: String(r.k ?? ''),
        name: r.name,
        openedAtMs: r.opened,
        saleCount: r.sale_count,
        grossMinor: r.gross,
        refundsMinor: r.refunds,
        feesMinor: r.fees,
        writtenOffMinor: r.written_off,
        netMinor: r.gross - r.refunds - r.fees - r.written_off,
      }));
  }

  report(from: string, to: string): Result<SettlementReportView> {
    const days = daysInclusive(from, to);
    if (days === null || days < 1) return err('range_invalid', 'the range is not two dates in order');
    if (days > REPORT_RANGE_DAYS_MAX) {
      return err('range_too_long', `at most ${REPORT_RANGE_DAYS_MAX} days`, { max: REPORT_RANGE_DAYS_MAX });
    }
    const settings = this.settings.get();
    const delay = settings.payoutDelayDays;
    // Batches shared between business days when those are not the providers' days (payout-split.ts).
    const shared = daysAreProviderDays(settings.timeZone, settings.businessDayCutoffHour)
      ? null
      : sharedPayouts(this.db, from, to, settings.timeZone, settings.businessDayCutoffHour);
    const isBatched = (channel: string) => !NO_PAYOUT_CHANNELS.has(channel) && channel !== OFFLINE_CHANNEL;
    const paidOf = (r: DayRow): { paid: number; pending: boolean; exact: boolean } => {
      if (!shared || !isBatched(r.channel)) {
        return { paid: r.paid, pending: false, exact: false };
      }
      const s = shared.get(`${r.business_date}|${r.channel}`);
      return { paid: s?.paidMinor ?? 0, pending: s?.pending ?? false, exact: true };
    };
    const dayLines: DayChannelLine[] = this.dayStmt.all(from, to).map((r) => {
      const { paid, pending, exact } = paidOf(r);
      return {
        ...settle(
          {
            channel: r.channel,
            saleCount: r.sale_count,
            grossMinor: r.gross,
            refundCount: r.refund_count,
            refundsMinor: r.refunds,
            writtenOffMinor: writtenOffOf(r.channel, r.gross, r.refunds),
          },
          r.fees,
          r.fees_booked,
          paid,
          pending,
          exact,
        ),
        businessDate: r.business_date,
        payoutDate: NO_PAYOUT_CHANNELS.has(r.channel) ? null : addDays(r.business_date, delay),
      };
    });
    const byChannel = new Map<string, DayChannelLine[]>();
    for (const l of dayLines) byChannel.set(l.channel, [...(byChannel.get(l.channel) ?? []), l]);
    const sumOf = (ls: readonly SettlementLine[], channel: string): SettlementLine => {
      const base = totalLine(ls, channel);
      const sum = (f: (l: SettlementLine) => number) => ls.reduce((a, l) => a + f(l), 0);
      return settle(
        base,
        sum((l) => l.feesMinor),
        sum((l) => l.feesBookedMinor),
        sum((l) => l.paidMinor),
        ls.some((l) => l.status === 'pending'),
        shared !== null && ls.every((l) => isBatched(l.channel)),
      );
    };
    const channels = [...byChannel.entries()].map(([ch, ls]) => sumOf(ls, ch));
    const network = channels.filter((c) => !NO_PAYOUT_CHANNELS.has(c.channel));
    // No network line (cash or written-off sales only): nothing is to be paid out, so no status,
    // where 0 expected and 0 paid had read "paid".
    const payout =
      network.length > 0 ? pick(sumOf(network, 'total')) : { ...pick(sumOf([], 'total')), status: 'none' as const };
    const total = { ...sumOf(channels, 'total'), ...payout };
    return ok({
      from,
      to,
      currency: this.currency(),
      feeRule: FEE_RULE,
      channels,
      total,
      days: dayLines,
      byHour: this.group('local_hour', from, to),
      byCashier: this.group('operator_id', from, to),
      byShift: this.group('shift_id', from, to),
    });
  }
}

/** Payout figures of the total cover the networks only (cash is never paid out). */
const pick = (l: SettlementLine) => ({
  expectedPayoutMinor: l.expectedPayoutMinor,
  paidMinor: l.paidMinor,
  differenceMinor: l.differenceMinor,
  status: l.status,
});
