import type { CashSaleView, ShiftReportView } from '../../src-shared/api';
import { CASH_REASON_LENGTH_MAX, REFUND_REASON_LENGTH_MAX } from '../../src-shared/api';
import { assert } from '../../src-shared/errors';
import { err, ok, type Result } from '../../src-shared/result';
import { writeTx } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { ShiftReports } from './shift-report';
import { parseCash, type ShiftDeps, type ShiftStore } from './shifts';

/** Cash at the counter: sales with change, paid in/out with a reason, the closing count. */
export class CashService {
  /** Prepared once: it runs with every cash sale. */
  private readonly insertSale;

  constructor(
    private readonly d: ShiftDeps,
    private readonly shifts: ShiftStore,
    private readonly reports: ShiftReports,
  ) {
    this.insertSale = d.db.prepare(
      `INSERT INTO cash_sales (id, shift_id, entry_seq, amount_minor, tendered_minor, change_minor, currency, created_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  sale(amountText: string, tenderedText: string): Result<CashSaleView> {
    const currency = this.d.currency();
    const amount = parseCash(amountText, currency, false);
    if (!amount.ok) return amount;
    if (amount.value > this.d.settings.get().orderAmountMaxMinor) return err('amount_too_large', 'amount too large');
    const tendered = tenderedText.trim() === '' ? amount : parseCash(tenderedText, currency, false);
    if (!tendered.ok) return tendered;
    if (tendered.value < amount.value) return err('tendered_too_little', 'tendered is less than the amount');
    return writeTx(this.d.db, (): Result<CashSaleView> => {
      const shift = this.shifts.openRow();
      if (!shift) return err('shift_not_open', 'open a shift before taking cash');
      const id = this.d.ids();
      const entry = this.d.journal.append({
        kind: 'cash.sale',
        orderId: id,
        memo: 'cash',
        postings: [
          { account: ACCOUNTS.cashDrawer, currency, amountMinor: amount.value },
          { account: ACCOUNTS.sales, currency, amountMinor: -amount.value },
        ],
      });
      const view: CashSaleView = {
        id,
        amountMinor: amount.value,
        tenderedMinor: tendered.value,
        changeMinor: tendered.value - amount.value,
        currency,
        createdAtMs: entry.createdAtMs,
      };
      this.insertSale.run(
        id,
        shift.id,
        entry.seq,
        view.amountMinor,
        view.tenderedMinor,
        view.changeMinor,
        currency,
        view.createdAtMs,
      );
      return ok(view);
    });
  }

  /**
   * Cash handed back to a customer (a return paid in cash), out of the open shift's drawer: a
   * refund in the books (Dr refunds, Cr cash:drawer), so gross, refunds and net stay true, where
   * a paid-out would have left the sale standing. The caller has checked an owner's PIN;
   * `audit` records it in the same transaction.
   */
  refund(
    amountText: string,
    reasonText: string,
    audit: (amountMinor: number, reason: string) => void,
  ): Result<ShiftReportView> {
    const r = this.drawerMove('cash.refund', -1, ACCOUNTS.refunds, amountText, reasonText, { audit });
    return r.ok ? ok(r.value.report) : r;
  }

  /**
   * Cash handed back for an order (`CashRefunds`: a refund of the order paid from the drawer):
   * the same rules, errors and entry as `refund`, the entry carrying the order's id, the reason
   * as long as a refund's may be. Run inside the caller's write transaction, so the refund row
   * and this entry commit together; returns the entry's seq.
   */
  refundForOrder(
    orderId: string,
    amountText: string,
    reasonText: string,
    audit: (amountMinor: number, reason: string) => void,
  ): Result<{ readonly entrySeq: number; readonly report: ShiftReportView }> {
    assert(this.d.db.inTransaction, 'a cash refund of an order outside its refund transaction');
    return this.drawerMove('cash.refund', -1, ACCOUNTS.refunds, amountText, reasonText, {
      audit,
      orderId,
      reasonMax: REFUND_REASON_LENGTH_MAX,
    });
  }

  /** Cash paid in to the drawer or out of it (petty cash), with a reason. */
  move(direction: 'in' | 'out', amountText: string, reasonText: string): Result<ShiftReportView> {
    const r =
      direction === 'in'
        ? this.drawerMove('cash.in', 1, ACCOUNTS.cashPetty, amountText, reasonText)
        : this.drawerMove('cash.out', -1, ACCOUNTS.cashPetty, amountText, reasonText);
    return r.ok ? ok(r.value.report) : r;
  }

  /**
   * Every movement of the open shift's drawer with a reason: one entry between `cash:drawer`
   * (`sign` +1 in, −1 out) and `counter`, memo = the reason. Out never takes more than the
   * drawer holds. `audit`, when given, runs in the same transaction; `orderId`, the order the
   * entry is for (a cash refund of an order).
   */
  private drawerMove(
    kind: 'cash.in' | 'cash.out' | 'cash.refund',
    sign: 1 | -1,
    counter: string,
    amountText: string,
    reasonText: string,
    opts: {
      readonly audit?: (amountMinor: number, reason: string) => void;
      readonly orderId?: string;
      readonly reasonMax?: number;
    } = {},
  ): Result<{ readonly entrySeq: number; readonly report: ShiftReportView }> {
    const currency = this.d.currency();
    const amount = parseCash(amountText, currency, false);
    if (!amount.ok) return amount;
    const reason = reasonText.trim().replace(/\s+/g, ' ');
    if (reason === '') return err('reason_required', 'say why the cash moves');
    if (reason.length > (opts.reasonMax ?? CASH_REASON_LENGTH_MAX)) return err('note_too_long', 'reason is too long');
    return writeTx(this.d.db, (): Result<{ entrySeq: number; report: ShiftReportView }> => {
      const shift = this.shifts.openRow();
      if (!shift) return err('shift_not_open', 'open a shift first');
      if (sign < 0 && amount.value > this.reports.expectedCash(shift.id)) {
        return err('cash_exceeds_drawer', 'the drawer does not hold that much');
      }
      const entry = this.d.journal.append({
        kind,
        orderId: opts.orderId ?? null,
        memo: reason,
        postings: [
          { account: ACCOUNTS.cashDrawer, currency, amountMinor: sign * amount.value },
          { account: counter, currency, amountMinor: -sign * amount.value },
        ],
      });
      opts.audit?.(amount.value, reason);
      return ok({ entrySeq: entry.seq, report: this.reports.report(shift, this.d.clock.now()) });
    });
  }

  /**
   * Closes the open shift with the counted drawer, in one transaction: the over/short entry,
   * the drop of the counted cash to the safe, and the shift row. A second close finds no open
   * shift and changes nothing.
   */
  close(countedText: string): Result<ShiftReportView> {
    const currency = this.d.currency();
    const counted = parseCash(countedText, currency, true);
    if (!counted.ok) {
      // A count is what the drawer holds, not one sale: its own words for the drawer's limit.
      const e = counted.error;
      return e.code === 'amount_too_large'
        ? err('cash_count_too_large', 'more than a drawer holds', e.params)
        : counted;
    }
    return writeTx(this.d.db, (): Result<ShiftReportView> => {
      const shift = this.shifts.openRow();
      if (!shift) return err('shift_already_closed', 'no open shift to close');
      const expected = this.reports.expectedCash(shift.id);
      const diff = counted.value - expected;
      if (diff !== 0) {
        this.d.journal.append({
          kind: 'cash.overshort',
          orderId: null,
          memo: diff > 0 ? 'over' : 'short',
          postings: [
            { account: ACCOUNTS.cashDrawer, currency, amountMinor: diff },
            { account: ACCOUNTS.cashOverShort, currency, amountMinor: -diff },
          ],
        });
      }
      if (counted.value > 0) {
        this.d.journal.append({
          kind: 'shift.close',
          orderId: null,
          memo: `drop ${shift.id}`,
          postings: [
            { account: ACCOUNTS.cashSafe, currency, amountMinor: counted.value },
            { account: ACCOUNTS.cashDrawer, currency, amountMinor: -counted.value },
          ],
        });
      }
      const now = this.d.clock.now();
      const r = this.d.db
        .prepare(
          `UPDATE shifts SET closed_at_ms = ?, closed_by = ?, expected_minor = ?, counted_minor = ?
           WHERE id = ? AND closed_at_ms IS NULL`,
        )
        .run(now, this.shifts.operator(), expected, counted.value, shift.id);
      assert(r.changes === 1, `close of shift ${shift.id} changed ${r.changes} rows`);
      return ok(this.reports.report(this.shifts.byId(shift.id)!, now));
    });
  }
}
