import { assert } from '../../src-shared/errors';
import type { Change } from '../../src-shared/protocol/gateway';
import type { Currency } from '../../src-shared/money';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import type { EntryIndex } from './entry-index';

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

  private postPaid(b: SettlementBatch): void {
    this.index.withBusinessDate(b.businessDate, () => {
      const clearing = ACCOUNTS.clearing(b.channel);
      if (b.feeMinor !== 0) {
        // Negative: a fee returned (Dr clearing, Cr fees).
        this.journal.append({
          kind: 'settlement.fee',
          orderId: null,
          memo: `batch ${b.batchId}`,
          postings: [
            { account: ACCOUNTS.fees(b.channel), currency: b.currency, amountMinor: b.feeMinor },
            { account: clearing, currency: b.currency, amountMinor: -b.feeMinor },
          ],
        });
      }
      if (b.payoutMinor !== 0) {
        // Negative: the network debits the bank for what the day's refunds took beyond its sales.
        this.journal.append({
          kind: 'settlement.payout',
          orderId: null,
          memo: `batch ${b.batchId}`,
          postings: [
            { account: ACCOUNTS.bank, currency: b.currency, amountMinor: b.payoutMinor },
            { account: clearing, currency: b.currency, amountMinor: -b.payoutMinor },
          ],
        });
      }
    });
  }
}
