import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { JournalEntry, Posting } from '../ledger/journal';
import { DayDeriver } from './business-day';
import { feeHalfUp } from './fees';

/** The channel name for cash (not a network: no fees, no payout). */
export const CASH_CHANNEL = 'cash';
/** Rows re-derived per statement batch when the zone or cutoff changes. */
const REDERIVE_BATCH = 5_000;

export interface IndexContext {
  readonly timeZone: () => string;
  readonly cutoffHour: () => number;
  /** The open shift at commit time, if any. */
  readonly openShiftId: () => string | null;
  readonly currentOperatorId: () => string | null;
  /** The fee rate in force for a channel, in basis points (0 for cash and unknown channels). */
  readonly feeRateBps: (channel: string) => number;
}

/** The rollup, rebuilt from the index in one statement (after a zone/cutoff change). */
const REBUILD_ROLLUP = `
  INSERT INTO report_rollup (business_date, channel, local_hour, shift_id, operator_id, sale_count, gross_minor,
    refund_count, refunds_minor, fees_minor, fees_booked_minor, paid_minor)
  SELECT business_date, channel, local_hour, COALESCE(shift_id, ''), COALESCE(operator_id, ''),
    SUM(sale_minor > 0), SUM(sale_minor), SUM(refund_minor > 0), SUM(refund_minor), SUM(fee_expected_minor),
    SUM(fee_minor), SUM(payout_minor)
  FROM entry_index WHERE channel IS NOT NULL
  GROUP BY business_date, channel, local_hour, COALESCE(shift_id, ''), COALESCE(operator_id, '')`;

/** What a settlement report needs from one entry, from its postings (debits positive). */
export function summarize(postings: readonly Pick<Posting, 'account' | 'amountMinor'>[]) {
  let channel: string | null = null;
  let touchesDrawer = false;
  const s = { sale: 0, refund: 0, fee: 0, payout: 0, cash: 0 };
  for (const p of postings) {
    if (p.account === ACCOUNTS.sales) s.sale -= p.amountMinor;
    else if (p.account === ACCOUNTS.refunds) s.refund += p.amountMinor;
    else if (p.account === ACCOUNTS.bank) s.payout += p.amountMinor;
    else if (p.account === ACCOUNTS.cashDrawer) {
      s.cash += p.amountMinor;
      touchesDrawer = true;
    } else if (p.account.startsWith('fees:')) {
      s.fee += p.amountMinor;
      channel = p.account.slice(5);
    } else if (p.account.startsWith('clearing:')) channel = p.account.slice(9);
  }
  if (channel === null && touchesDrawer) channel = CASH_CHANNEL;
  return { channel, ...s };
}

/**
 * The settlement index: one derived row per journal entry, written in the entry's own
 * transaction. Business date and hour follow the settings in force and are re-derived (here,
 * never in the journal) when they change; shift and cashier are captured at commit time.
 */
export class EntryIndex {
  private readonly insert;
  private readonly upsertRollup;
  private fixedDate: string | null = null;
  private cached: DayDeriver | null = null;

  constructor(
    private readonly db: Db,
    private readonly ctx: IndexContext,
  ) {
    this.insert = db.prepare(
      `INSERT INTO entry_index (entry_seq, created_at_ms, business_date, local_hour, date_fixed, kind, channel,
         shift_id, operator_id, currency, sale_minor, refund_minor, fee_minor, payout_minor, cash_minor, fee_expected_minor)
       VALUES (@seq, @createdAtMs, @businessDate, @localHour, @dateFixed, @kind, @channel, @shiftId, @operatorId,
         @currency, @sale, @refund, @fee, @payout, @cash, @feeExpected)`,
    );
    this.upsertRollup = db.prepare(
      `INSERT INTO report_rollup (business_date, channel, local_hour, shift_id, operator_id, sale_count, gross_minor,
         refund_count, refunds_minor, fees_minor, fees_booked_minor, paid_minor)
       VALUES (@businessDate, @channel, @localHour, @shiftId, @operatorId, @saleCount, @sale, @refundCount, @refund,
         @feeExpected, @fee, @payout)
       ON CONFLICT DO UPDATE SET sale_count = sale_count + excluded.sale_count,
         gross_minor = gross_minor + excluded.gross_minor, refund_count = refund_count + excluded.refund_count,
         refunds_minor = refunds_minor + excluded.refunds_minor, fees_minor = fees_minor + excluded.fees_minor,
         fees_booked_minor = fees_booked_minor + excluded.fees_booked_minor, paid_minor = paid_minor + excluded.paid_minor`,
    );
  }

  private deriver(): DayDeriver {
    const tz = this.ctx.timeZone();
    const cutoff = this.ctx.cutoffHour();
    if (this.cached?.timeZone !== tz || this.cached.cutoffHour !== cutoff) this.cached = new DayDeriver(tz, cutoff);
    return this.cached;
  }

  /** Called by the journal inside the append transaction. */
  record(entry: JournalEntry, deriver = this.deriver(), attribute = true): void {
    const day = deriver.at(entry.createdAtMs);
    const sum = summarize(entry.postings);
    const rate = sum.channel === null ? 0 : this.ctx.feeRateBps(sum.channel);
    const row = {
      seq: entry.seq,
      createdAtMs: entry.createdAtMs,
      businessDate: this.fixedDate ?? day.businessDate,
      localHour: day.localHour,
      dateFixed: this.fixedDate === null ? 0 : 1,
      kind: entry.kind,
      channel: sum.channel,
      shiftId: attribute ? this.ctx.openShiftId() : null,
      operatorId: attribute ? (this.ctx.currentOperatorId() ?? 'unknown') : null,
      currency: entry.postings[0]!.currency,
      sale: sum.sale,
      refund: sum.refund,
      fee: sum.fee,
      payout: sum.payout,
      cash: sum.cash,
      feeExpected: feeHalfUp(Math.max(sum.sale, 0), rate) - feeHalfUp(Math.max(sum.refund, 0), rate),
    };
    this.insert.run(row);
    if (row.channel === null) return;
    this.upsertRollup.run({
      ...row,
      shiftId: row.shiftId ?? '',
      operatorId: row.operatorId ?? '',
      saleCount: row.sale > 0 ? 1 : 0,
      refundCount: row.refund > 0 ? 1 : 0,
    });
  }

  /** Entries appended inside `fn` get `date` as their business date (a batch's own date). */
  withBusinessDate<T>(date: string, fn: () => T): T {
    this.fixedDate = date;
    try {
      return fn();
    } finally {
      this.fixedDate = null;
    }
  }

  /** Indexes entries written before the index existed (shift and cashier unknown). */
  catchUp(): number {
    const last = this.db.prepare<[], { s: number | null }>('SELECT MAX(entry_seq) AS s FROM entry_index').get()?.s ?? 0;
    const rows = this.db
      .prepare<[number], { seq: number; kind: string; created_at_ms: number }>(
        'SELECT seq, kind, created_at_ms FROM journal WHERE seq > ? ORDER BY seq',
      )
      .all(last);
    if (rows.length === 0) return 0;
    const postings = this.db.prepare<[number], { account: string; currency: string; amount_minor: number }>(
      'SELECT account, currency, amount_minor FROM postings WHERE entry_seq = ? ORDER BY idx',
    );
    const deriver = this.deriver();
    writeTx(this.db, () => {
      for (const r of rows) {
        const ps = postings
          .all(r.seq)
          .map((p) => ({ account: p.account, currency: p.currency, amountMinor: p.amount_minor }));
        this.record(
          { seq: r.seq, kind: r.kind, createdAtMs: r.created_at_ms, postings: ps } as unknown as JournalEntry,
          deriver,
          false,
        );
      }
    });
    return rows.length;
  }

  /**
   * Re-derives business date and hour of every entry for the settings now in force, in one
   * transaction (with the settings change itself when the caller wraps it). The ledger is
   * not touched.
   */
  rederive(): number {
    const deriver = this.deriver();
    const page = this.db.prepare<[number, number], { entry_seq: number; created_at_ms: number; date_fixed: number }>(
      'SELECT entry_seq, created_at_ms, date_fixed FROM entry_index WHERE entry_seq > ? ORDER BY entry_seq LIMIT ?',
    );
    const setDay = this.db.prepare('UPDATE entry_index SET business_date = ?, local_hour = ? WHERE entry_seq = ?');
    const setHour = this.db.prepare('UPDATE entry_index SET local_hour = ? WHERE entry_seq = ?');
    let after = 0;
    let n = 0;
    for (;;) {
      const rows = page.all(after, REDERIVE_BATCH);
      if (rows.length === 0) break;
      for (const r of rows) {
        const d = deriver.at(r.created_at_ms);
        if (r.date_fixed) setHour.run(d.localHour, r.entry_seq);
        else setDay.run(d.businessDate, d.localHour, r.entry_seq);
      }
      after = rows.at(-1)!.entry_seq;
      n += rows.length;
    }
    this.db.exec('DELETE FROM report_rollup');
    this.db.exec(REBUILD_ROLLUP);
    return n;
  }
}
