import { writeTx, type Db, type Statement } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { JournalEntry, Posting } from '../ledger/journal';
import { DayDeriver } from './business-day';
import { feeHalfUp, feeReturnedOf } from './fees';

/** The channel name for cash (not a network: no fees, no payout). */
export const CASH_CHANNEL = 'cash';
/**
 * The channel of a sale verified by confirmation code, until the gateway's payment names the
 * channel that paid it: then the sale moves there (`EntryIndex.confirmOfflineSale`).
 */
export const OFFLINE_CHANNEL = ACCOUNTS.offlineClearing.slice('clearing:'.length);
/**
 * Where a sale verified by code goes when the owner writes it off (never confirmed): still a
 * sale, with no payout expected for it. A payment that arrives later moves it to its channel.
 */
export const WRITTEN_OFF_CHANNEL = 'writeoff';
/** Channels no network pays out: cash (in the drawer) and written-off sales (never received). */
export const NO_PAYOUT_CHANNELS: ReadonlySet<string> = new Set([CASH_CHANNEL, WRITTEN_OFF_CHANNEL]);
/** Entries that move a sale between channels and are no sale of their own (indexed with no channel). */
const MOVES_A_SALE: ReadonlySet<string> = new Set(['sale.qr.confirm', 'sale.qr.offline.writeoff', 'sale.qr.recovered']);
/** Rows re-derived per statement batch when the zone or cutoff changes. */
const REDERIVE_BATCH = 5_000;

export interface IndexContext {
  readonly timeZone: () => string;
  readonly cutoffHour: () => number;
  /** The open shift at commit time, if any. */
  readonly openShiftId: () => string | null;
  readonly currentOperatorId: () => string | null;
  /** Who created an order (null: unknown, or made before operators existed). */
  readonly orderOperatorId?: (orderId: string) => string | null;
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

/** The channel a `sale.qr.confirm` (or `sale.qr.recovered`) entry moves a sale to: its debited clearing account. */
function confirmedChannel(postings: readonly Pick<Posting, 'account' | 'amountMinor'>[]): string | null {
  const to = postings.find((p) => p.amountMinor > 0 && p.account.startsWith('clearing:'));
  return to ? to.account.slice('clearing:'.length) : null;
}

interface OfflineSaleRow {
  entry_seq: number;
  business_date: string;
  local_hour: number;
  shift_id: string | null;
  operator_id: string | null;
  sale_minor: number;
  fee_expected_minor: number;
}

/**
 * The settlement index: one derived row per journal entry, written in the entry's own
 * transaction. Business date and hour follow the settings in force and are re-derived (here,
 * never in the journal) when they change; shift and cashier are captured at commit time.
 *
 * A sale verified by code is indexed under OFFLINE_CHANNEL. The gateway's confirmation (a
 * `sale.qr.confirm` entry, a move between clearing accounts and no sale of its own) moves it to
 * the channel that paid: on its own business date, hour, shift and cashier, with that channel's
 * fee at the rate in force then. So the channel's gross, fees and expected payout include it, as
 * the provider's payout does.
 */
export class EntryIndex {
  private readonly insert;
  private readonly upsertRollup;
  private readonly offlineSaleStmt;
  private readonly writtenOffSaleStmt;
  private readonly setChannelStmt;
  private readonly orderFeesStmt;
  private readonly dropEmptyRollup;
  private fixedDate: string | null = null;
  private cached: DayDeriver | null = null;

  constructor(
    private readonly db: Db,
    private readonly ctx: IndexContext,
  ) {
    this.insert = db.prepare(
      `INSERT INTO entry_index (entry_seq, created_at_ms, business_date, local_hour, date_fixed, kind, channel,
         shift_id, operator_id, currency, sale_minor, refund_minor, fee_minor, payout_minor, cash_minor, fee_expected_minor,
         order_id)
       VALUES (@seq, @createdAtMs, @businessDate, @localHour, @dateFixed, @kind, @channel, @shiftId, @operatorId,
         @currency, @sale, @refund, @fee, @payout, @cash, @feeExpected, @orderId)`,
    );
    // The channel is written into each statement: each has a partial index of its own (0014, 0018).
    const saleIn = (channel: string) =>
      db.prepare<[string], OfflineSaleRow>(
        `SELECT entry_seq, business_date, local_hour, shift_id, operator_id, sale_minor, fee_expected_minor
         FROM entry_index WHERE order_id = ? AND channel = '${channel}'`,
      );
    this.offlineSaleStmt = saleIn(OFFLINE_CHANNEL);
    this.writtenOffSaleStmt = saleIn(WRITTEN_OFF_CHANNEL);
    this.setChannelStmt = db.prepare('UPDATE entry_index SET channel = ?, fee_expected_minor = ? WHERE entry_seq = ?');
    // An order's sales through one channel (paid and the fee charged) and its refunds so far
    // with the fee they gave back. Its QR payments are found by `payments_order`; an offline
    // sale, moved or not, and the refunds by 0020's partial index on `order_id`.
    this.orderFeesStmt = db.prepare<
      [{ order: string; channel: string }],
      { paid: number; charged: number; refunded: number; returned: number }
    >(
      `WITH rows AS (
         SELECT i.entry_seq, i.sale_minor, i.refund_minor, i.fee_expected_minor FROM payments p
           JOIN entry_index i ON i.entry_seq = p.entry_seq
          WHERE p.order_id = @order AND i.channel = @channel AND i.sale_minor > 0
         UNION
         SELECT entry_seq, sale_minor, refund_minor, fee_expected_minor FROM entry_index
          WHERE order_id = @order AND channel = @channel AND (sale_minor > 0 OR refund_minor > 0))
       SELECT COALESCE(SUM(CASE WHEN sale_minor > 0 THEN sale_minor END), 0) AS paid,
              COALESCE(SUM(CASE WHEN sale_minor > 0 THEN fee_expected_minor END), 0) AS charged,
              COALESCE(SUM(CASE WHEN refund_minor > 0 THEN refund_minor END), 0) AS refunded,
              COALESCE(-SUM(CASE WHEN refund_minor > 0 THEN fee_expected_minor END), 0) AS returned
         FROM rows`,
    );
    this.dropEmptyRollup = db.prepare(
      `DELETE FROM report_rollup WHERE business_date = @businessDate AND channel = @channel
         AND local_hour = @localHour AND shift_id = @shiftId AND operator_id = @operatorId
         AND sale_count = 0 AND gross_minor = 0 AND refund_count = 0 AND refunds_minor = 0
         AND fees_minor = 0 AND fees_booked_minor = 0 AND paid_minor = 0`,
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

  /**
   * The cashier an entry counts for: the one its writer names (`creditTo`: a QR refund, whoever
   * asked for it); a QR sale's, whoever rang the order up (its payment can arrive, or be accepted
   * in a reconciliation, while someone else is logged in); anything else, whoever is logged in. The shift stays the one open at commit: a closed shift's Z report
   * does not change after it was counted.
   */
  private operatorOf(entry: JournalEntry): string {
    if (entry.creditTo !== undefined) return entry.creditTo;
    const byOrder =
      entry.orderId !== null && entry.kind.startsWith('sale.qr') ? this.ctx.orderOperatorId?.(entry.orderId) : null;
    return byOrder ?? this.ctx.currentOperatorId() ?? 'unknown';
  }

  /** Called by the journal inside the append transaction. */
  record(entry: JournalEntry, deriver = this.deriver(), attribute = true): void {
    // When the money moved (a payment applied after an outage), as the provider dates it.
    const at = entry.occurredAtMs ?? entry.createdAtMs;
    const day = deriver.at(at);
    const sum = summarize(entry.postings);
    const moves = MOVES_A_SALE.has(entry.kind);
    if (moves) sum.channel = null; // a move between accounts, no sale of its own: the sale moves below
    const rate = sum.channel === null ? 0 : this.ctx.feeRateBps(sum.channel);
    const row = {
      seq: entry.seq,
      createdAtMs: at,
      businessDate: this.fixedDate ?? day.businessDate,
      localHour: day.localHour,
      dateFixed: this.fixedDate === null ? 0 : 1,
      kind: entry.kind,
      channel: sum.channel,
      shiftId: attribute ? this.ctx.openShiftId() : null,
      operatorId: attribute ? this.operatorOf(entry) : null,
      currency: entry.postings[0]!.currency,
      sale: sum.sale,
      refund: sum.refund,
      fee: sum.fee,
      payout: sum.payout,
      cash: sum.cash,
      feeExpected:
        feeHalfUp(Math.max(sum.sale, 0), rate) -
        (sum.refund > 0 && sum.channel !== null ? this.refundFee(entry.orderId, sum.channel, sum.refund, rate) : 0),
      // An offline sale is moved by its order; a refund's fee is its order's (refundFee, 0020).
      // An ordinary QR sale keeps none: found by its payment, it writes no page of 0020's index.
      orderId: entry.kind === 'sale.qr.offline' || sum.refund > 0 ? entry.orderId : null,
    };
    this.insert.run(row);
    if (moves && entry.orderId !== null) this.moveSaleOf(entry.kind, entry.orderId, entry.postings);
    if (row.channel === null) return;
    this.upsertRollup.run({
      ...row,
      shiftId: row.shiftId ?? '',
      operatorId: row.operatorId ?? '',
      saleCount: row.sale > 0 ? 1 : 0,
      refundCount: row.refund > 0 ? 1 : 0,
    });
  }

  /**
   * The fee a refund of `orderId` gives back: its share of the fee the order's sales through
   * `channel` were charged, in proportion to what is refunded (`feeReturnedOf`), less what its
   * refunds before gave back. So refunds in pieces give back what one whole refund would, and
   * all of them the fee charged and no more, whatever the rate is by then (seven refunds of a
   * ¥9.99 sale at 0.55 % had given back 8 fen of a 5 fen fee, each piece rounded on its own; a
   * rate raised after the sale had given back more than was charged). A refund whose sale is not
   * here (a test's; a free-standing cash refund has no fee) gives back its own fee.
   */
  private refundFee(orderId: string | null, channel: string, refundMinor: number, rate: number): number {
    const own = feeHalfUp(refundMinor, rate);
    if (orderId === null) return own;
    const o = this.orderFeesStmt.get({ order: orderId, channel })!;
    if (o.paid <= 0) return own;
    const share = feeReturnedOf(o.charged, o.paid, o.refunded + refundMinor) - o.returned;
    return Math.max(0, Math.min(share, o.charged - o.returned));
  }

  private moveSaleOf(
    kind: string,
    orderId: string,
    postings: readonly Pick<Posting, 'account' | 'amountMinor'>[],
  ): void {
    if (kind === 'sale.qr.offline.writeoff') {
      this.moveSale(this.offlineSaleStmt, OFFLINE_CHANNEL, orderId, WRITTEN_OFF_CHANNEL);
      return;
    }
    const to = confirmedChannel(postings);
    if (to === null) return;
    if (kind === 'sale.qr.confirm') this.confirmOfflineSale(orderId, to);
    else this.moveSale(this.writtenOffSaleStmt, WRITTEN_OFF_CHANNEL, orderId, to);
  }

  /**
   * The gateway confirmed the offline sale of `orderId`, paid through `channel`: its index row and
   * its rollup line move from OFFLINE_CHANNEL to that channel, with the channel's fee. False when
   * no such sale waits in the index (moved already, or never verified by code).
   */
  confirmOfflineSale(orderId: string, channel: string): boolean {
    return this.moveSale(this.offlineSaleStmt, OFFLINE_CHANNEL, orderId, channel);
  }

  /**
   * The sale of `orderId` indexed under `fromChannel` (found by `find`) moves to `channel`: its
   * index row and its rollup line, on its own date, hour, shift and cashier, with `channel`'s fee
   * (none for a write-off). False when no such sale is there.
   */
  private moveSale(
    find: Statement<[string], OfflineSaleRow>,
    fromChannel: string,
    orderId: string,
    channel: string,
  ): boolean {
    const r = find.get(orderId);
    if (!r) return false;
    const fee = feeHalfUp(Math.max(r.sale_minor, 0), this.ctx.feeRateBps(channel));
    this.setChannelStmt.run(channel, fee, r.entry_seq);
    const line = {
      businessDate: r.business_date,
      localHour: r.local_hour,
      shiftId: r.shift_id ?? '',
      operatorId: r.operator_id ?? '',
      refundCount: 0,
      refund: 0,
      fee: 0,
      payout: 0,
    };
    const sold = r.sale_minor > 0 ? 1 : 0;
    const from = { ...line, channel: fromChannel };
    this.upsertRollup.run({ ...from, saleCount: -sold, sale: -r.sale_minor, feeExpected: -r.fee_expected_minor });
    this.dropEmptyRollup.run(from); // as a rebuild from the index would leave it: no line
    this.upsertRollup.run({ ...line, channel, saleCount: sold, sale: r.sale_minor, feeExpected: fee });
    return true;
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

  /**
   * Indexes entries written before the index existed (shift and cashier unknown), and moves the
   * offline sales the gateway confirmed before the index moved them (before migration 0014).
   */
  catchUp(): number {
    const last = this.db.prepare<[], { s: number | null }>('SELECT MAX(entry_seq) AS s FROM entry_index').get()?.s ?? 0;
    const rows = this.db
      .prepare<[number], { seq: number; kind: string; order_id: string | null; created_at_ms: number }>(
        'SELECT seq, kind, order_id, created_at_ms FROM journal WHERE seq > ? ORDER BY seq',
      )
      .all(last);
    this.moveConfirmedOfflineSales();
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
          {
            seq: r.seq,
            kind: r.kind,
            orderId: r.order_id,
            createdAtMs: r.created_at_ms,
            postings: ps,
          } as unknown as JournalEntry,
          deriver,
          false,
        );
      }
    });
    return rows.length;
  }

  /** Offline sales still indexed as such whose order the gateway confirmed: moved to its channel. */
  private moveConfirmedOfflineSales(): void {
    const confirmed = this.db
      .prepare<[], { order_id: string; channel: string }>(
        `SELECT i.order_id, o.channel FROM entry_index i JOIN orders o ON o.id = i.order_id
         WHERE i.channel = '${OFFLINE_CHANNEL}' AND i.order_id IS NOT NULL
           AND o.offline_state = 'confirmed' AND o.channel IS NOT NULL`,
      )
      .all();
    if (confirmed.length === 0) return;
    writeTx(this.db, () => {
      for (const c of confirmed) this.confirmOfflineSale(c.order_id, c.channel);
    });
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
