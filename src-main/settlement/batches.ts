import { assert } from '../../src-shared/errors';
import type { Change } from '../../src-shared/protocol/gateway';
import type { Currency } from '../../src-shared/money';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import { addDays } from './business-day';
import type { EntryIndex } from './entry-index';
import { allocate } from './fees';

/** Providers settle by Shanghai's calendar day (no DST since 1991). */
const PROVIDER_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface SettlementBatch {
  readonly batchId: string;
  readonly businessDate: string;
  readonly channel: string;
  readonly currency: Currency;
  readonly grossMinor: number;
  readonly refundsMinor: number;
  readonly feeMinor: number;
  /** What the network paid to the bank (0 while the batch is pending). */
  readonly payoutMinor: number;
  readonly payoutDate: string;
  readonly status: 'pending' | 'paid';
}

/**
 * Records a network settlement batch as journal entries — clearing → fees, clearing → bank —
 * under the batch's own business date, so the clearing balance is what the network still owes
 * and the reports read payouts from the same ledger. Idempotent by batch id.
 */
/** A batch as the gateway's change feed carries it, for `record`. */
export function batchFromChange(c: Extract<Change, { type: 'settlement.batch' }>): SettlementBatch {
  return {
    batchId: c.batch_id,
    businessDate: c.business_date,
    channel: c.channel,
    currency: c.currency,
    grossMinor: c.gross_minor,
    refundsMinor: c.refunds_minor,
    feeMinor: c.fee_minor,
    payoutMinor: c.status === 'paid' ? c.net_minor : 0,
    payoutDate: c.payout_date,
    status: c.status,
  };
}

export class SettlementBatches {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly journal: Journal,
    private readonly index: EntryIndex,
  ) {}

  record(b: SettlementBatch): 'recorded' | 'already_recorded' {
    assert(/^[a-z]{1,16}$/.test(b.channel), `batch channel ${b.channel}`);
    // Negative: the day's refunds returned more fee than its sales were charged.
    assert(Number.isSafeInteger(b.feeMinor), `batch fee ${b.feeMinor}`);
    // A day whose refunds and fee exceed its sales has a negative net: the network takes it back.
    assert(Number.isSafeInteger(b.payoutMinor), `batch payout ${b.payoutMinor}`);
    // Inside the change applier's transaction when it comes from the feed; its own otherwise.
    const run = <T>(fn: () => T): T => (this.db.inTransaction ? fn() : writeTx(this.db, fn));
    return run(() => {
      const seen = this.db
        .prepare<[string], { status: string }>('SELECT status FROM settlement_batches WHERE batch_id = ?')
        .get(b.batchId);
      if (seen?.status === 'paid' || (seen && b.status === 'pending')) return 'already_recorded' as const;
      // A pending batch is only noted; its money moves (fee and payout entries) once it is paid.
      if (b.status === 'paid') this.postPaid(b);
      this.db
        .prepare(
          `INSERT INTO settlement_batches (batch_id, business_date, channel, currency, gross_minor, refunds_minor,
             fee_minor, payout_minor, payout_date, status, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(batch_id) DO UPDATE SET fee_minor = excluded.fee_minor, payout_minor = excluded.payout_minor,
             payout_date = excluded.payout_date, status = excluded.status, recorded_at_ms = excluded.recorded_at_ms`,
        )
        .run(
          b.batchId,
          b.businessDate,
          b.channel,
          b.currency,
          b.grossMinor,
          b.refundsMinor,
          b.feeMinor,
          b.payoutMinor,
          b.payoutDate,
          b.status,
          this.clock.now(),
        );
      return 'recorded' as const;
    });
  }

  /**
   * A paid batch's fee and payout entries, on the business dates its provider day covers. The
   * provider settles by its own calendar day (Shanghai midnight); with a cutoff hour or another
   * time zone that day spans two business days, and one payout on one of them read pending on
   * the other and over on this one. The batch's money is shared between them in proportion to
   * what each expects (its sales less refunds and expected fees; the fee by the expected fees),
   * so each business day reads paid when the batch is what was expected.
   */
  private postPaid(b: SettlementBatch): void {
    const parts = this.partsOf(b);
    const fees = share(
      b.feeMinor,
      parts.map((p) => p.fees),
    );
    const payouts = share(
      b.payoutMinor,
      parts.map((p) => p.expected),
    );
    parts.forEach((p, i) => {
      this.index.withBusinessDate(p.date, () => {
        this.post(b, 'settlement.fee', ACCOUNTS.fees(b.channel), fees[i]!);
        this.post(b, 'settlement.payout', ACCOUNTS.bank, payouts[i]!);
      });
    });
  }

  /** Dr `to` / Cr the channel's clearing; negative: the other way (a fee returned, a payout taken back). */
  private post(b: SettlementBatch, kind: 'settlement.fee' | 'settlement.payout', to: string, amount: number): void {
    if (amount === 0) return;
    this.journal.append({
      kind,
      orderId: null,
      memo: `batch ${b.batchId}`,
      postings: [
        { account: to, currency: b.currency, amountMinor: amount },
        { account: ACCOUNTS.clearing(b.channel), currency: b.currency, amountMinor: -amount },
      ],
    });
  }

  /** The business dates the batch's provider day covers here, with what each expects; at least one. */
  private partsOf(b: SettlementBatch): { date: string; expected: number; fees: number }[] {
    const start = Date.parse(`${b.businessDate}T00:00:00Z`) - PROVIDER_UTC_OFFSET_MS;
    // A business day is within a day of the provider's (zones ±14 h, cutoff ≤ 12 h): the
    // (business_date, channel) index finds its rows.
    const rows = this.db
      .prepare<[string, string, string, string, number, number], { date: string; expected: number; fees: number }>(
        `SELECT business_date AS date, SUM(sale_minor) - SUM(refund_minor) - SUM(fee_expected_minor) AS expected,
                SUM(fee_expected_minor) AS fees
           FROM entry_index
          WHERE business_date IN (?, ?, ?) AND channel = ? AND date_fixed = 0
            AND created_at_ms >= ? AND created_at_ms < ?
          GROUP BY business_date ORDER BY business_date`,
      )
      .all(addDays(b.businessDate, -1), b.businessDate, addDays(b.businessDate, 1), b.channel, start, start + DAY_MS);
    return rows.length > 0 ? rows : [{ date: b.businessDate, expected: 0, fees: 0 }];
  }
}

/**
 * `total` shared by `weights` (largest remainder, the parts sum to it). Only when every weight
 * has the total's sign; otherwise (or all zero) it all goes to the part that expects most.
 */
function share(total: number, weights: readonly number[]): number[] {
  if (weights.length === 1) return [total];
  const sign = total < 0 ? -1 : 1;
  const w = weights.map((x) => x * sign);
  if (total !== 0 && w.every((x) => x >= 0) && w.some((x) => x > 0)) {
    return allocate(Math.abs(total), w).map((x) => x * sign);
  }
  const most = weights.reduce((best, x, i) => (Math.abs(x) > Math.abs(weights[best]!) ? i : best), 0);
  return weights.map((_, i) => (i === most ? total : 0));
}
